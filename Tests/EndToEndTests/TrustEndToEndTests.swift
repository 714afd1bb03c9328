import Foundation
import Testing

/// What once killed or froze the real panel, run in tmux.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct TrustEndToEndTests {
    let data = temporaryDataDirectory()

    /// `End d y` on the phones table died with "phone index 1 out of range 0..<1" (exit 132).
    @Test func deletingTheLastRowKeepsThePanelUp() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("End", "d")
        tmux.waitFor("Magazyn")
        tmux.keys("y")
        tmux.waitFor("1 phone")
        tmux.keys("End", "d", "y")
        tmux.waitFor("0 phones")
        #expect(pidOfPanel(data) != nil, "the panel is gone")
        tmux.keys("q")
    }

    /// A 100 KB paste into a text field took minutes of CPU (a draw after every key, no limit);
    /// now it ends at the field's limit with a message. The bound here only catches a freeze:
    /// `phonedesk-bench --paste` measures the time.
    @Test func aHugePasteEndsInTooLong() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let text = data.path + "-paste.txt"
        defer { unlink(text) }
        try String(repeating: "x", count: 100_000).write(toFile: text, atomically: false, encoding: .utf8)
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("a")
        tmux.waitFor("Add phone")
        tmux.keys("Tab", "Tab")
        Tmux.run(["load-buffer", text])
        Tmux.run(["paste-buffer", "-t", tmux.session])
        tmux.waitFor("Too long: at most 64 characters", timeout: 30)
        // Still answering: Esc asks to discard, y leaves the form.
        tmux.keys("Escape")
        tmux.waitFor("Discard", timeout: 30)
        tmux.keys("y")
        tmux.waitFor("2 phones")
        tmux.keys("q")
    }

    /// Bracketed paste (tmux paste-buffer -p): the ESC and newline of copied terminal output
    /// once cancelled the form and answered its question; now the paste is refused whole.
    @Test func aBracketedPasteWithControlsIsRefusedWhole() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let text = data.path + "-paste.txt"
        defer { unlink(text) }
        try "Narad\u{1B}yxz\n".write(toFile: text, atomically: false, encoding: .utf8)
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("a")
        tmux.waitFor("Add phone")
        tmux.keys("Tab", "Tab")
        tmux.type("Sala ")
        Tmux.run(["load-buffer", text])
        Tmux.run(["paste-buffer", "-p", "-t", tmux.session])
        let screen = tmux.waitFor("Not pasted: a control character (U+001B) at position 6.")
        #expect(screen.contains("Add phone"), "the form was closed")
        #expect(!screen.contains("Discard"))
        tmux.keys("Escape", "y", "q")
    }
}
