import Foundation
import PhoneDeskProcess
import Testing

/// Drives the built `phonedesk` binary inside a detached tmux session of 80×24.
final class Tmux {
    let session: String
    private(set) var started = false

    init() { session = "pdtest-\(UUID().uuidString.prefix(8))" }

    deinit { if started { _ = Tmux.run(["kill-session", "-t", session]) } }

    static var available: Bool { run(["-V"]).status == 0 }

    /// The phonedesk binary built next to this test bundle.
    static var binary: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("phonedesk").path
    }

    /// One tmux command; a client that does not answer in 15 s is killed and reported.
    @discardableResult
    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let result = ChildProcess(["tmux", "-u"] + arguments).run(timeout: 15)
        if result.timedOut { Issue.record("tmux \(arguments.joined(separator: " ")) did not finish in 15 s") }
        return (result.status, result.output + result.error)
    }

    /// Starts `shellCommand` (run by sh) in the session, with a UTF-8 locale and xterm-256color.
    func start(_ shellCommand: String, width: Int = 80, height: Int = 24) {
        let command = "env LANG=C.UTF-8 TERM=xterm-256color sh -c '\(shellCommand)'"
        let result = Tmux.run(["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", command])
        started = result.status == 0
        #expect(started, "tmux new-session failed: \(result.output)")
        _ = Tmux.run(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    /// Named keys ("Enter", "C-s", "Tab", "BTab", "Escape", "Space").
    func keys(_ names: String...) {
        _ = Tmux.run(["send-keys", "-t", session] + names)
        usleep(60_000)
    }

    /// Literal text, typed as it is (UTF-8 included).
    func type(_ text: String) {
        _ = Tmux.run(["send-keys", "-t", session, "-l", text])
        usleep(60_000)
    }

    func capture() -> String { Tmux.run(["capture-pane", "-p", "-t", session]).output }

    func resize(width: Int, height: Int) {
        _ = Tmux.run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen shows `text`; returns the screen. Records an issue on timeout.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if screen.contains(text) { return screen }
            usleep(50_000)
        }
        Issue.record("screen never showed \"\(text)\":\n\(screen)", sourceLocation: sourceLocation)
        return screen
    }
}

/// Whether end-to-end tests can run: tmux present (CI installs it and sets PHONEDESK_REQUIRE_E2E=1,
/// which turns a missing tmux into a failure instead of a skip).
let e2eEnabled: Bool = {
    if Tmux.available { return true }
    if ProcessInfo.processInfo.environment["PHONEDESK_REQUIRE_E2E"] == "1" {
        fatalError("tmux is required for the end-to-end tests (PHONEDESK_REQUIRE_E2E=1)")
    }
    print("note: tmux not found; end-to-end tests skipped")
    return false
}()

func temporaryDataDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-e2e-\(UUID().uuidString)")
}

/// The pid of the phonedesk process using `dataDirectory` (unique per test).
func pidOfPanel(_ dataDirectory: URL) -> Int32? {
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = Int32(entry),
              let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
        let parts = cmdline.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        if parts.first?.hasSuffix("/phonedesk") == true, parts.contains(dataDirectory.path) { return pid }
    }
    return nil
}

struct PhonesFile: Decodable {
    struct Phone: Decodable {
        var id: Int
        var name: String
        var mac: String?
        var user: String?
        var blf: String?
    }
    var phones: [Phone]

    static func read(_ directory: URL) throws -> PhonesFile {
        try JSONDecoder().decode(PhonesFile.self, from: Data(contentsOf: directory.appendingPathComponent("phones.json")))
    }
}
