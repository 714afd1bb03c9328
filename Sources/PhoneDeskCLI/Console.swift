/// Where a command writes: results to `out`, errors to `err` (the executable prints them).
public struct Console: Sendable {
    public var out = ""
    public var err = ""
    public init() {}

    mutating func print(_ line: String) { out += line + "\n" }
    mutating func error(_ line: String) { err += "phonedesk: " + line + "\n" }
}

/// Exit statuses: 0 success, 1 failure, 2 usage error.
public enum ExitCode {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
}
