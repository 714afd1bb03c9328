import Foundation
import PhoneDeskUI

/// Finds `Themes/<name>.json` from any working directory: beside or above the executable
/// (a `swift run` build, an unpacked release) or under `share/phonedesk` of an install prefix.
enum ThemeLocator {
    /// Names of the themes found (shipped and the user's), for help texts.
    static func load(named name: String, warn: (String) -> Void) -> Theme {
        guard let url = find(name) else {
            if name != "default" { warn("theme \"\(name)\" not found; using the default") }
            return .builtIn
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            warn("\(url.path): cannot read; using the default theme")
            return .builtIn
        }
        switch Theme.decode(data) {
        case .success(let theme): return theme
        case .failure(let error):
            warn("\(url.path): \(error.message); using the default theme")
            return .builtIn
        }
    }

    /// User themes first (`$XDG_CONFIG_HOME/phonedesk/themes`, default `~/.config/…`), then the
    /// shipped ones.
    /// Every theme name found, the shipped ones and the operator's.
    static func available() -> [String] {
        var names = Set(["default"])
        for directory in searchDirectories() {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] where file.hasSuffix(".json") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    static func find(_ name: String) -> URL? {
        searchDirectories().map { $0.appendingPathComponent("\(name).json") }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    static func searchDirectories() -> [URL] {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [URL] = []
        if let dir = environment["PHONEDESK_THEMES"] {
            candidates.append(URL(fileURLWithPath: dir))
        }
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        candidates.append(URL(fileURLWithPath: config).appendingPathComponent("phonedesk/themes"))
        var directory = executableURL().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("Themes"))
            candidates.append(directory.appendingPathComponent("share/phonedesk/Themes"))
            directory = directory.deletingLastPathComponent()
        }
        return candidates
    }

    private static func executableURL() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
