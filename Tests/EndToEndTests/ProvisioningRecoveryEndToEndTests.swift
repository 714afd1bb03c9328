import Foundation
import PhoneDeskProcess
import Testing

/// The running panel regenerates, behind its first screen, the provisioning files a killed
/// process left out of date, and says so on the status line.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct ProvisioningRecoveryEndToEndTests {
    let data = temporaryDataDirectory()

    @Test func panelRegeneratesFilesAKilledImportLeftOut() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(ChildProcess([Tmux.binary, "init", data.path]).run(timeout: 30).status == 0)
        // Phones in phones.json without their files: what `kill -9` during an import leaves.
        let url = data.appendingPathComponent("phones.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var phones = try #require(json["phones"] as? [[String: Any]])
        var next = try #require(json["nextID"] as? Int)
        for i in 0..<40 {
            phones.append(["id": next, "revision": 1, "name": "Killed \(i)", "model": "yealink-t46u", "mac": String(format: "805ec1%06x", i)])
            next += 1
        }
        json["phones"] = phones
        json["nextID"] = next
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: url)
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("Regenerated provisioning files of 40 phones")
        // Written without secrets, as an older phonedesk would: each got one, and its files.
        let secret = try #require(try ProvisioningEndToEndTests.secrets(data)["805ec1000027"])
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("provisioning/\(secret)/805ec1000027.cfg").path))
        tmux.keys("q")
    }
}
