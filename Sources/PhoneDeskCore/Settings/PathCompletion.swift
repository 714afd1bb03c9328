import Foundation

/// Shell-like completion of a typed path (Tab in the File field): `~` expands, a unique match
/// completes (directories get a '/'), several matches complete their common prefix.
public struct PathCompletion: Equatable, Sendable {
    /// The new field text, or nil when nothing could be added.
    public var text: String?
    /// Matching names when there are several (for the status line).
    public var candidates: [String]

    public init(text: String?, candidates: [String]) { self.text = text; self.candidates = candidates }

    /// `list` returns a directory's entry names (nil if it cannot be read); `isDirectory` tells
    /// whether a full path is a directory. Injected so the rule is testable without files.
    public static func complete(_ typed: String, home: String, list: (String) -> [String]?,
                                isDirectory: (String) -> Bool) -> PathCompletion {
        let expanded = typed == "~" ? home + "/" : (typed.hasPrefix("~/") ? home + typed.dropFirst() : typed)
        let directory: String
        let prefix: String
        if let slash = expanded.lastIndex(of: "/") {
            directory = String(expanded[...slash])
            prefix = String(expanded[expanded.index(after: slash)...])
        } else {
            directory = "./"
            prefix = expanded
        }
        guard let names = list(directory) else { return PathCompletion(text: nil, candidates: []) }
        let matches = names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
        guard !matches.isEmpty else { return PathCompletion(text: nil, candidates: []) }
        var common = matches[0]
        for name in matches.dropFirst() {
            while !name.hasPrefix(common) { common.removeLast() }
        }
        var addition = String(common.dropFirst(prefix.count))
        if matches.count == 1, isDirectory(directory + matches[0]) { addition += "/" }
        let base = typed == "~" ? "~/" : typed
        return PathCompletion(text: addition.isEmpty ? nil : base + addition,
                              candidates: matches.count > 1 ? matches : [])
    }

    /// The real file system.
    public static func complete(_ typed: String) -> PathCompletion {
        complete(typed, home: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory(),
                 list: { try? FileManager.default.contentsOfDirectory(atPath: $0) },
                 isDirectory: { path in
                     var flag: ObjCBool = false
                     return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
                 })
    }
}
