import Foundation
import Testing

/// The qualified filter and the inspector in the real panel: keys only, through tmux.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct FilterInspectorEndToEndTests {
    let data = temporaryDataDirectory()

    @Test func aQualifiedFilterNarrowsAndVShowsTheYealinkFile() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("/")
        tmux.type("nam:x")
        tmux.waitFor("Unknown filter field \"nam:\"")
        tmux.keys("C-u")
        tmux.type("us")
        tmux.keys("Tab")
        tmux.type("anna mo")
        tmux.keys("Tab")
        tmux.type("t46")
        let narrowed = tmux.waitFor("1/1 shown of 2")
        #expect(narrowed.contains("Recepcja") && !narrowed.contains("Magazyn"))
        tmux.keys("Enter")
        tmux.waitFor("Filter: user:anna model:t46")
        tmux.keys("v")
        let files = tmux.waitFor("805ec0112233.cfg")
        #expect(files.contains("#!version:1.0.0.1"))
        #expect(files.contains("account.1.password = ••••••"))
        #expect(files.contains("https://provisioning.phonedesk.example/"))
        tmux.keys("Escape")
        tmux.waitFor("/ Filter")
        tmux.keys("Escape")
        tmux.waitFor("2 phones")
        tmux.keys("q")
    }
}
