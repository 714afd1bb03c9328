import Foundation
import PhoneDeskCore
import Testing

/// Marks and a bulk edit with keys only, in the real panel: three phones take a template in one
/// save; phones.json and their provisioning files show it.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct MarksEndToEndTests {
    let data = temporaryDataDirectory()

    @Test func marksThreePhonesAndAppliesATemplate() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let store = try Store.open(directory: data)
        for k in 1...2 {
            _ = try store.apply(.add(NewPhone(name: "Biuro \(k)", modelID: "yealink-t46u", mac: MACAddress(hex: "805ec000000\(k)")))).get()
        }
        _ = try store.apply(.addTemplate(name: "T46 strefa", modelID: "yealink-t46u")).get()
        _ = try store.apply(.setTemplateBody(name: "T46 strefa", body: "local_time.time_zone = +1\n")).get()

        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("4 phones")
        // Recepcja, then (past Magazyn, a Grandstream) both Biuro phones.
        tmux.keys("Space", "j", "Space", "Space")
        tmux.waitFor("3 marked")
        tmux.keys("e")
        tmux.waitFor("Edit 3 marked phones")
        tmux.keys("Tab")
        tmux.type("T46")
        tmux.keys("Enter", "C-s")
        tmux.waitFor("Saved 3 phones.")
        tmux.keys("q")

        let file = try PhonesFile.read(data)
        #expect(file.phones.count == 4)
        let phones = try store.load().data.phones
        #expect(phones.filter { $0.template == "T46 strefa" }.map(\.name) == ["Recepcja", "Biuro 1", "Biuro 2"])
        #expect(phones.first { $0.name == "Magazyn" }?.template == nil)
        let json = try String(contentsOf: data.appendingPathComponent("phones.json"), encoding: .utf8)
        #expect(json.components(separatedBy: "\"template\" : \"T46 strefa\"").count == 4)
        let served = try store.servedDirectory()
        for phone in phones where phone.modelID == "yealink-t46u" {
            let hex = try #require(phone.mac?.hex)
            let cfg = try String(contentsOf: served.appendingPathComponent(try #require(phone.secret)).appendingPathComponent("\(hex).cfg"), encoding: .utf8)
            #expect(cfg.contains("local_time.time_zone = +1"), "\(phone.name)")
        }
    }
}
