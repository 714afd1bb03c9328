import Foundation
import PhoneDeskUI

/// Finds `Themes/<name>.json` from any working directory: beside or above the executable
/// (a `swift run` build, an unpacked release) or under `share/phonedesk` of an install prefix.
enum ThemeLocator {
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

    static func find(_ name: String) -> URL? {
        let file = "\(name).json"
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["PHONEDESK_THEMES"] {
            candidates.append(URL(fileURLWithPath: dir).appendingPathComponent(file))
        }
        var directory = executableURL().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("Themes").appendingPathComponent(file))
            candidates.append(directory.appendingPathComponent("share/phonedesk/Themes").appendingPathComponent(file))
            directory = directory.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    private static func executableURL() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
