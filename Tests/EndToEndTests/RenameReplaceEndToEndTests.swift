import Foundation
import PhoneDeskCore
import Testing

/// Issue 12 item 4 in the real panel: a phone renamed, and a phone's hardware replaced (a new
/// MAC, confirmed with y) — phones.json, the table and the served tree show it.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct RenameReplaceEndToEndTests {
    let data = temporaryDataDirectory()

    @Test func renamesAPhoneInTheEditForm() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("e")
        tmux.waitFor("Edit phone — Recepcja")
        // The form opens on User; Name is two fields up.
        tmux.keys("Up", "Up", "C-u")
        tmux.type("Recepcja główna")
        tmux.keys("C-s")
        let screen = tmux.waitFor("Saved \"Recepcja główna\".")
        let row = screen.split(separator: "\n").first { $0.hasPrefix("Recepcja główna") }
        #expect(row?.contains("Yealink T46U") == true, "\(screen)")
        tmux.keys("q")

        let file = try PhonesFile.read(data)
        let phone = try #require(file.phones.first { $0.id == 1 })
        #expect(phone.name == "Recepcja główna")
        #expect(phone.mac == "805ec0112233" && phone.user == "101")
        #expect(!file.phones.contains { $0.name == "Recepcja" })
    }

    @Test func replacesAPhonesMACAfterAskingAndKeepsItsURL() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let store = try Store.open(directory: data)
        let before = try #require(try store.load().data.phone(id: 1))
        let directory = try store.servedDirectory().appendingPathComponent(try #require(before.secret))
        let oldFile = directory.appendingPathComponent("805ec0112233.cfg").path
        let newFile = directory.appendingPathComponent("805ec0445566.cfg").path
        #expect(FileManager.default.fileExists(atPath: oldFile))

        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("e")
        tmux.waitFor("Edit phone — Recepcja")
        tmux.keys("Up", "C-u")
        tmux.type("80:5e:c0:44:55:66")
        tmux.keys("C-s")
        tmux.waitFor("80:5e:c0:11:22:33 → 80:5e:c0:44:55:66")
        // Enter is no answer; n goes back to the form with the new MAC still typed.
        tmux.keys("Enter")
        #expect(tmux.capture().contains("Replace the hardware of"))
        tmux.keys("n")
        let form = tmux.waitFor("MAC address       80:5e:c0:44:55:66")
        #expect(!form.contains("Replace the hardware of"))
        #expect(FileManager.default.fileExists(atPath: oldFile))
        tmux.keys("C-s")
        tmux.waitFor("Replace the hardware of")
        tmux.keys("y")
        tmux.waitFor("Replaced the hardware of \"Recepcja\": 80:5e:c0:11:22:33 → 80:5e:c0:44:55:66.")
        tmux.keys("q")

        let file = try PhonesFile.read(data)
        let phone = try #require(file.phones.first { $0.id == 1 })
        #expect(phone.mac == "805ec0445566" && phone.user == "101" && phone.blf == "102")
        let after = try #require(try store.load().data.phone(id: 1))
        #expect(after.secret == before.secret)
        #expect(!FileManager.default.fileExists(atPath: oldFile), "the old MAC's file is still served")
        #expect(FileManager.default.fileExists(atPath: newFile))
    }
}
