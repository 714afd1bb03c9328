import Foundation

/// Where the account lives: `--data DIR`, else `$PHONEDESK_DATA`, else
/// `$XDG_DATA_HOME/phonedesk`, else `~/.local/share/phonedesk` (SPEC §3).
public enum DataDirectory {
    public static func resolve(flag: String?, environment: [String: String]) -> URL {
        if let flag, !flag.isEmpty { return URL(fileURLWithPath: expand(flag, environment)) }
        if let explicit = environment["PHONEDESK_DATA"], !explicit.isEmpty {
            return URL(fileURLWithPath: expand(explicit, environment))
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: expand(xdg, environment)).appendingPathComponent("phonedesk")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/phonedesk")
    }

    /// Expands a leading `~`, as a shell would have.
    public static func expand(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}
