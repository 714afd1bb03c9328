import Foundation
import PhoneDeskProcess
import Testing

@Suite(.serialized, .enabled(if: e2eEnabled))
struct PanelEndToEndTests {
    let data = temporaryDataDirectory()

    func panel(_ extra: String = "") -> String { "\(Tmux.binary) --data \(data.path) \(extra)" }

    @Test func addsAPhoneAndAssignsAUserWithKeysOnly() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start(panel())
        tmux.waitFor("2 phones")
        tmux.keys("a")
        tmux.waitFor("Add phone")
        tmux.type("yea t46")
        tmux.keys("Enter", "Tab")
        tmux.type("00:1a:4d:5c:25")
        tmux.keys("Tab")
        tmux.waitFor("this one has 5")
        tmux.keys("BTab", "C-u")
        tmux.type("00-1A-4D-5C-25-8D")
        tmux.keys("Tab")
        tmux.type("Biuro Łódź")
        tmux.keys("C-s")
        let info = tmux.waitFor("Phone added")
        #expect(info.contains("https://provisioning.phonedesk.example/"))
        tmux.keys("Escape", "/")
        tmux.type("5c258d")
        tmux.waitFor("1/1 shown of 3")
        tmux.keys("Enter", "e")
        tmux.waitFor("Edit phone")
        tmux.type("piotr")
        tmux.keys("Enter", "Tab", "Space", "Tab")
        tmux.type("anna")
        tmux.keys("Enter", "C-s")
        tmux.waitFor("Saved \"Biuro Łódź\"")
        let file = try PhonesFile.read(data)
        let phone = try #require(file.phones.first { $0.name == "Biuro Łódź" })
        #expect(phone.mac == "001a4d5c258d")
        #expect(phone.user == "102")
        #expect(phone.blf == "101")
        tmux.keys("q")
    }

    /// Runs the panel from a shell that prints its exit status and `stty -a` once it has gone.
    func leaveBy(signal: Int32) -> String {
        let tmux = Tmux()
        tmux.start("\(panel()); echo EXITED=$?; stty -a; echo STTY-DONE; sleep 20")
        tmux.waitFor("2 phones")
        guard let pid = pidOfPanel(data) else { Issue.record("panel process not found"); return "" }
        kill(pid, signal)
        return tmux.waitFor("STTY-DONE")
    }

    static func isSane(_ stty: String) -> Bool {
        let words = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        return words.contains("echo") && words.contains("icanon") && !words.contains("-echo") && !words.contains("-icanon")
    }

    @Test func sigtermLeavesTheTerminalSane() {
        defer { try? FileManager.default.removeItem(at: data) }
        let screen = leaveBy(signal: SIGTERM)
        #expect(screen.contains("EXITED=143"))
        #expect(Self.isSane(screen), "stty after SIGTERM:\n\(screen)")
    }

    @Test func sighupLeavesTheTerminalSane() {
        defer { try? FileManager.default.removeItem(at: data) }
        let screen = leaveBy(signal: SIGHUP)
        #expect(screen.contains("EXITED=129"))
        #expect(Self.isSane(screen), "stty after SIGHUP:\n\(screen)")
    }

    @Test func aCrashSignalStillRestoresTheTerminal() {
        defer { try? FileManager.default.removeItem(at: data) }
        let screen = leaveBy(signal: SIGSEGV)
        #expect(screen.contains("EXITED=139"))
        #expect(Self.isSane(screen), "stty after SIGSEGV:\n\(screen)")
    }

    @Test func quitLeavesTheTerminalSane() {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(panel()); echo EXITED=$?; stty -a; echo STTY-DONE; sleep 20")
        tmux.waitFor("2 phones")
        tmux.keys("q")
        let screen = tmux.waitFor("STTY-DONE")
        #expect(screen.contains("EXITED=0"))
        #expect(Self.isSane(screen))
    }

    @Test func tooSmallThenGrowingBackRedrawsCleanly() {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start(panel())
        tmux.waitFor("2 phones")
        tmux.resize(width: 60, height: 20)
        tmux.waitFor("terminal too small (need 80×24, have 60×20)")
        tmux.resize(width: 80, height: 24)
        let screen = tmux.waitFor("2 phones")
        #expect(!screen.contains("too small"))
        #expect(screen.contains("Recepcja"))
        tmux.keys("q")
    }

    @Test func twoPanelsOnOneStoreNeverLoseAnEdit() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let a = Tmux(), b = Tmux()
        a.start(panel())
        a.waitFor("2 phones")
        b.start(panel())
        b.waitFor("2 phones")
        // A edits Recepcja; B sees it without a keypress.
        a.keys("e")
        a.waitFor("Edit phone")
        a.type("katarzyna")
        a.keys("Enter", "C-s")
        a.waitFor("Saved \"Recepcja\"")
        b.waitFor("103 Katarz", timeout: 2.5)
        // B edits Magazyn from its own (now fresh) copy; both edits stay.
        b.keys("j", "e")
        b.waitFor("Edit phone")
        b.type("magdalena")
        b.keys("Enter", "C-s")
        b.waitFor("Saved \"Magazyn\"")
        a.waitFor("105 Magdal", timeout: 2.5)
        var file = try PhonesFile.read(data)
        #expect(file.phones.map(\.user) == ["103", "105"])
        // Both open Recepcja; A renames it, B changes its user and saves first: A's form takes
        // B's user (A did not touch it) and says so, and A's save keeps both changes.
        a.keys("e")
        a.waitFor("Edit phone")
        a.keys("Up", "Up", "C-u")
        a.type("Front desk")
        b.keys("Up", "e")
        b.waitFor("Edit phone")
        b.type("michał")
        b.keys("Enter", "C-s")
        b.waitFor("Saved \"Recepcja\"")
        a.waitFor("Another operator changed", timeout: 2.5)
        a.waitFor("106 Michał")
        a.keys("C-s")
        a.waitFor("Saved \"Front desk\"")
        file = try PhonesFile.read(data)
        #expect(file.phones[0].user == "106" && file.phones[0].name == "Front desk")
        a.keys("q")
        b.keys("q")
    }

    @Test func corruptJSONExitsWithTheFileAndPosition() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(panel()); echo EXITED=$?; sleep 20")
        tmux.waitFor("2 phones")
        tmux.keys("q")
        tmux.waitFor("EXITED=0")
        let phones = data.appendingPathComponent("phones.json")
        let broken = Data("{\n  \"schemaVersion\": 1,\n  \"phones\": [\n    {\"name\": \"x\",}\n  ]\n}\n".utf8)
        try broken.write(to: phones)
        // In a terminal (a panel without one stops before it reads anything); stderr to a file.
        let errors = data.path + "-stderr.txt"
        defer { unlink(errors) }
        let again = Tmux()
        again.start("\(panel()) 2> \(errors); echo EXITED=$?; sleep 20")
        again.waitFor("EXITED=1", timeout: 30)
        let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(message.contains(phones.path))
        #expect(message.contains("line 4, column 18"))
        #expect(try Data(contentsOf: phones) == broken)
    }
}
