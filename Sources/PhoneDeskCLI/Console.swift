import Foundation
import PhoneDeskCore

/// Where a command writes: results to `out`, errors to `err` (the executable prints them).
///
/// Everything printed through `print` and `error` passes `TerminalText.escaped`: data from the
/// files (names, e-mails, a hand edit) and input quoted in messages reach the terminal with
/// controls and invisible characters written as `\u{1B}`, never raw. Only our own help text
/// takes `printTrusted`.
public struct Console: Sendable {
    public var out = ""
    public var err = ""
    /// Standard input, read when a command is given `-` for its file or reads a PIN (the
    /// executable reads the real one; tests pass bytes): at most `limit + 1` bytes, so one more
    /// than allowed tells "too large" without reading all of `/dev/zero`. Nil when there is none.
    public var input: @Sendable (_ limit: Int) -> Data?
    /// Standard input is a terminal: a command that reads a secret from it refuses instead of
    /// waiting for typing the terminal would show.
    public var inputIsTerminal: Bool

    /// Tests: `input` gives the bytes (the caller still checks them against its cap).
    public init(input: @escaping @Sendable () -> Data? = { nil }, inputIsTerminal: Bool = false) {
        self.input = { _ in input() }
        self.inputIsTerminal = inputIsTerminal
    }

    public init(reading input: @escaping @Sendable (_ limit: Int) -> Data?, inputIsTerminal: Bool) {
        self.input = input
        self.inputIsTerminal = inputIsTerminal
    }

    /// One line of output: a newline inside it is data (a hand-edited name) and is escaped too,
    /// so one record stays one line.
    mutating func print(_ line: String) { out += TerminalText.escaped(line, keepNewlines: false) + "\n" }
    mutating func error(_ line: String) { err += "phonedesk: " + TerminalText.escaped(line, keepNewlines: false) + "\n" }

    /// A document of several lines we laid out (pretty JSON): its newlines are kept.
    mutating func printLines(_ text: String) { out += TerminalText.escaped(text) + "\n" }

    /// Text this program wrote itself (usage), written as it is.
    mutating func printTrusted(_ text: String) { out += text + "\n" }
    mutating func errorTrusted(_ text: String) { err += text + "\n" }
}

/// Exit statuses: 0 success, 1 failure, 2 usage error.
public enum ExitCode {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
}
