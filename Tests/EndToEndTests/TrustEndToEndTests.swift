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
        let tmux = try paste(String(repeating: "x", count: 100_000), bracketed: false)
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
        let tmux = try paste("Narad\u{1B}yxz\n", bracketed: true, after: "Sala ")
        let screen = tmux.waitFor("Not pasted: a control character (U+001B) at position 6.")
        #expect(screen.contains("Add phone"), "the form was closed")
        #expect(!screen.contains("Discard"))
        tmux.keys("Escape", "y", "q")
    }

    /// A resize that arrived in the middle of a paste was dropped: the panel stayed drawn for
    /// the old size.
    @Test func aResizeDuringAPasteIsKept() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = openNameField()
        tmux.type("\u{1B}[200~abc")
        tmux.resize(width: 100, height: 30)
        usleep(200_000)
        tmux.type("def\u{1B}[201~")
        let screen = tmux.waitFor("abcdef")
        let header = screen.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.hasSuffix("2 phones") && header.count > 90, "drawn for the old size: \(header)")
        tmux.keys("Escape", "y", "q")
    }

    /// Opens the panel, the Add form's Name field, types `after`, then pastes `text` — as the
    /// terminal does on its own (keys) or with bracketed paste (`paste-buffer -p`).
    private func paste(_ text: String, bracketed: Bool, after typed: String = "") throws -> Tmux {
        let file = data.path + "-paste.txt"
        defer { unlink(file) }
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        let tmux = openNameField()
        if !typed.isEmpty { tmux.type(typed) }
        Tmux.run(["load-buffer", file])
        Tmux.run(["paste-buffer"] + (bracketed ? ["-p"] : []) + ["-t", tmux.session])
        return tmux
    }

    /// The panel on the demo account with the Add form's Name field focused.
    private func openNameField() -> Tmux {
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("a")
        tmux.waitFor("Add phone")
        tmux.keys("Tab", "Tab")
        return tmux
    }
}
