import Foundation
import PhoneDeskProcess
import Testing

/// Issue 11 item 6: a phone's fetch through a real nginx shows in the running panel as fetched
/// within a few seconds, and an edit of that phone turns it to waiting.
@Suite(.serialized, .enabled(if: nginxEnabled))
struct FetchStatusEndToEndTests {
    let work = temporaryDataDirectory()

    @Test func aFetchThroughNginxShowsInThePanelAndAnEditMakesItWaiting() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard let (data, nginx) = Nginx.demoAccount(in: work) else { return }
        let base = "http://127.0.0.1:\(nginx.port)"
        for (setting, value) in [("base-url", base), ("access-log", nginx.accessLog.path)] {
            let set = ChildProcess([Tmux.binary, "settings", "set", setting, value, "--data", data.path]).run(timeout: 30)
            #expect(set.status == 0, "\(set.output)")
        }
        let secret = try #require(try ProvisioningEndToEndTests.secrets(data)["805ec0112233"])

        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        tmux.waitFor("never")  // once the log has been read (every 2 s, off the input path)
        // The phone fetches its file, as a Yealink does.
        let fetched = Curl.get("\(base)/\(secret)/805ec0112233.cfg", userAgent: "Yealink SIP-T46U 108.86.0.45 80:5e:c0:11:22:33")
        #expect(fetched.status == 200)
        let started = Date()
        let screen = tmux.waitFor("from 127.0.0.1 (T46U 108.86.0.45)")
        #expect(Date().timeIntervalSince(started) < 4, "the panel took \(Date().timeIntervalSince(started)) s to show the fetch")
        #expect(screen.split(separator: "\n").first { $0.hasPrefix("Recepcja") }?.contains("never") == false)
        // An attacker's fetch of this file under another secret counts for nobody.
        #expect(Curl.get("\(base)/\(String(repeating: "0", count: 32))/805ec0112233.cfg").status == 404)

        // An edit (another operator's, from a script) rewrites the file a second later: the phone
        // has not fetched that revision yet.
        sleep(1)
        let edit = ChildProcess([Tmux.binary, "phones", "edit", "805ec0112233", "--no-blf", "--data", data.path]).run(timeout: 30)
        #expect(edit.status == 0, "\(edit.output)")
        let waiting = tmux.waitFor("waiting")
        #expect(waiting.split(separator: "\n").first { $0.hasPrefix("Recepcja") }?.contains("waiting") == true)
        // Fetched again: fetched.
        #expect(Curl.get("\(base)/\(secret)/805ec0112233.cfg", userAgent: "Yealink SIP-T46U 108.86.0.45").status == 200)
        var row = ""
        for _ in 0..<80 {
            row = tmux.capture().split(separator: "\n").first { $0.hasPrefix("Recepcja") }.map(String.init) ?? ""
            if !row.contains("waiting") { break }
            usleep(100_000)
        }
        #expect(!row.contains("waiting") && !row.contains("never"), "\(row)")
        tmux.keys("q")
    }
}
