import Foundation
import PhoneDeskProcess
import Testing

/// Issue 13 in the real panel: `k` on Recepcja, a BLF key added and saved; phones.json holds it
/// and nginx serves it in the phone's Yealink file.
@Suite(.serialized, .enabled(if: nginxEnabled))
struct KeysEndToEndTests {
    let work = temporaryDataDirectory()

    @Test func aBLFKeySetInTheEditorIsInPhonesJSONAndTheServedFile() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let (data, nginx) = Nginx.demoAccount(in: work) else { return }
        let base = "http://127.0.0.1:\(nginx.port)"

        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.keys("Home", "k")
        tmux.waitFor("Keys of \"Recepcja\"")
        tmux.waitFor("Piotr Wiśniewski")  // the seed's BLF is key 2
        tmux.keys("a")
        tmux.waitFor("Add key")
        tmux.keys("C-u")
        tmux.type("3")
        tmux.keys("Tab", "Tab")  // the type stays BLF
        tmux.type("103")
        tmux.keys("Tab")
        tmux.type("Kasia")
        tmux.keys("C-s")
        tmux.waitFor("3 B Kasia")  // in the picture of the phone's first page
        tmux.keys("C-s")
        tmux.waitFor("Saved the keys of \"Recepcja\".")
        tmux.keys("q")

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("phones.json"))) as? [String: Any])
        let phones = try #require(json["phones"] as? [[String: Any]])
        let recepcja = try #require(phones.first { $0["name"] as? String == "Recepcja" })
        #expect(recepcja["blf"] as? String == "102")
        let keys = try #require(recepcja["keys"] as? [[String: Any]])
        #expect(keys.count == 1 && keys[0]["number"] as? Int == 3 && keys[0]["type"] as? String == "blf"
                && keys[0]["value"] as? String == "103" && keys[0]["label"] as? String == "Kasia")
        let secret = try #require(recepcja["secret"] as? String)
        let file = Curl.get("\(base)/\(secret)/805ec0112233.cfg")
        #expect(file.status == 200)
        let text = String(decoding: file.body, as: UTF8.self)
        #expect(text.contains("linekey.2.type = 16\nlinekey.2.line = 1\nlinekey.2.value = 102\n"))
        #expect(text.contains("linekey.3.type = 16\nlinekey.3.line = 1\nlinekey.3.value = 103\nlinekey.3.label = Kasia\n"))
    }
}
