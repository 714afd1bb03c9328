import Foundation
import PhoneDeskProcess
import Testing

/// Issue 5 as an operator meets it: the CLI from a shell, Polish, NO_COLOR, themes from any
/// directory, and the OSC 52 copy arriving in tmux's clipboard.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct OperatorEndToEndTests {
    let data = temporaryDataDirectory()

    /// Runs the built binary with `arguments`; returns status, stdout and stderr.
    func cli(_ arguments: [String], cwd: String = "/") -> (Int32, String, String) {
        let result = ChildProcess(["env", "-C", cwd, Tmux.binary] + arguments).run(timeout: 120)
        #expect(!result.timedOut, "phonedesk \(arguments.joined(separator: " ")) did not finish in 120 s")
        return (result.status, result.output, result.error)
    }

    @Test func bulkImportFromTheShell() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        var rows = ["model,mac,name,user"]
        for i in 0..<300 { rows.append("Yealink T46U,02:00:00:00:\(String(format: "%02x:%02x", i >> 8, i & 255)),Desk \(i),\(i % 3 == 0 ? "101" : "")") }
        rows[100] = "Yealink T46U,02:00:00:00:00:6,Desk 99,"
        rows[250] = "Nokia 3310,02:00:00:00:00:f9,Desk 249,"
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("pd-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try rows.joined(separator: "\n").write(to: csv, atomically: false, encoding: .utf8)
        let refused = cli(["phones", "import", csv.path, "--data", data.path])
        #expect(refused.0 == 1)
        #expect(refused.2.contains("line 101:") && refused.2.contains("line 251:"))
        #expect(refused.2.contains("2 bad rows; nothing was imported"))
        rows[100] = "Yealink T46U,02:00:00:00:00:63,Desk 99,"
        rows[250] = "Snom D717,02:00:00:00:00:f9,Desk 249,"
        try rows.joined(separator: "\n").write(to: csv, atomically: false, encoding: .utf8)
        let imported = cli(["--data", data.path, "phones", "import", csv.path])
        #expect(imported.0 == 0 && imported.1 == "Imported 300 phones.\n")
        let list = cli(["phones", "list", "--json", "--data", data.path])
        let parsed = try JSONSerialization.jsonObject(with: Data(list.1.utf8)) as? [Any]
        #expect(parsed?.count == 302)
        #expect(cli(["phones", "list", "--yaml", "--data", data.path]).0 == 2)
        #expect(cli(["--version"]).1.hasPrefix("phonedesk "))
    }

    @Test func polishFromTheFlagAndFromTheLocale() {
        defer { try? FileManager.default.removeItem(at: data) }
        let flag = Tmux()
        flag.start("\(Tmux.binary) --lang pl --data \(data.path)")
        let screen = flag.waitFor("2 telefony")
        #expect(screen.contains("a Dodaj") && screen.contains("q Zakończ"))
        flag.keys("q")
        let locale = Tmux()
        locale.start("LANG=pl_PL.UTF-8 \(Tmux.binary) --data \(data.path)")
        locale.waitFor("2 telefony")
        locale.keys("s")
        locale.waitFor("Obrazy tła")
        locale.keys("q")
    }

    @Test func noColorMeansNoColour() {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("NO_COLOR=1 \(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        let escaped = Tmux.run(["capture-pane", "-e", "-p", "-t", tmux.session]).output
        // SGR colour parameters are 30–37, 39, 40–47, 49, 90–97, 38;5;n … ; attributes (1, 4, 7) stay.
        let colour = escaped.range(of: "\u{1B}\\[[0-9;]*(3[0-8]|4[0-8]|9[0-7])[;m]", options: .regularExpression)
        #expect(colour == nil, "colour escapes under NO_COLOR")
        #expect(escaped.contains("\u{1B}[7m") || escaped.contains(";7m"), "reverse video still marks the selection")
        tmux.keys("q")
    }

    @Test func aThemeIsFoundFromAnyDirectory() {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("cd / && \(Tmux.binary) --theme light --data \(data.path); echo EXITED; sleep 5")
        let screen = tmux.waitFor("2 phones")
        #expect(!screen.contains("not found"))
        tmux.keys("q")
        let after = tmux.waitFor("EXITED")
        #expect(!after.contains("theme"), "a theme warning was printed:\n\(after)")
    }

    @Test func copyReachesTheClipboardThroughOSC52() {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        _ = Tmux.run(["set-option", "-g", "set-clipboard", "on"])
        tmux.waitFor("2 phones")
        tmux.keys("c")
        tmux.waitFor("Copied: https://provisioning.phonedesk.example/")
        // The selected phone's own URL (the status line may cut its end at 80 columns).
        let url = "https://provisioning.phonedesk.example/\((try? ProvisioningEndToEndTests.secrets(data)["805ec0112233"]) ?? "?")/"
        var buffer = ""
        for _ in 0..<40 {
            buffer = Tmux.run(["show-buffer"]).output
            if buffer.contains("provisioning.phonedesk.example") { break }
            usleep(50_000)
        }
        #expect(buffer == url, "tmux buffer: \(buffer)")
        tmux.keys("q")
    }
}
