import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `settings set access-log` and the fetch status in `phones list --json`.
struct FetchStatusCommandTests {
    func phones(_ account: Account) throws -> (rows: [[String: Any]], err: String) {
        let listed = account.run("phones", "list", "--json")
        #expect(listed.status == 0, "\(listed.err)")
        return (try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]]), listed.err)
    }

    @Test func statusFromTheLog() throws {
        let account = Account()
        #expect(account.run("phones", "add", "--model", "Yealink T46U", "--mac", "80:5e:c0:aa:bb:01", "--name", "Desk").status == 0)
        #expect(account.run("phones", "add", "--model", "Yealink T46U", "--mac", "80:5e:c0:aa:bb:02", "--name", "Desk 2").status == 0)
        // No log configured: every key, null.
        let none = try phones(account)
        #expect(none.rows.allSatisfy { $0["fetchStatus"] is NSNull && $0["lastFetch"] is NSNull })

        #expect(account.run("settings", "set", "access-log", "relative.log").status == 1)
        let logPath = account.url.deletingLastPathComponent().appendingPathComponent("\(UUID().uuidString)-access.log").path
        defer { unlink(logPath) }
        let set = account.run("settings", "set", "access-log", logPath)
        #expect(set.status == 0 && set.out == "Saved access log \(logPath).\n", "\(set.err)")
        #expect(account.run("settings", "show").out.contains("Access log         \(logPath)\n"))

        // Missing: a warning, exit 0, unknown.
        let missing = try phones(account)
        #expect(missing.err.contains("warning: the access log \(logPath) does not exist"))
        #expect(missing.rows.filter { $0["mac"] is String }.allSatisfy { $0["fetchStatus"] as? String == "unknown" })

        let one = try #require(try account.phoneDirectory("805ec0aabb01").split(separator: "/").last)
        let two = try #require(try account.phoneDirectory("805ec0aabb02").split(separator: "/").last)
        let future = UTCTimestamp(Date().addingTimeInterval(3600)).description.replacingOccurrences(of: "Z", with: "+00:00")
        let lines = [
            "\(future)\t10.0.0.7\t\"GET /\(one)/805ec0aabb01.cfg HTTP/1.1\"\t200\t900\t\"Yealink SIP-T46U 108.86.0.45 80:5e:c0:11:22:33\"",
            "\(future)\t10.0.0.8\t\"GET /\(two)/805ec0aabb02.cfg HTTP/1.1\"\t404\t0\t\"Yealink SIP-T46U 108.86.0.45\"",
            "some other format",
            // Fetched before its file was written: waiting.
            "2020-01-01T10:00:00+00:00\t10.0.0.9\t\"GET /\(two)/805ec0aabb02.cfg HTTP/1.1\"\t200\t900\t\"Yealink SIP-T46U 108.86.0.45\"",
        ]
        _ = FileManager.default.createFile(atPath: logPath, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        let read = try phones(account)
        #expect(read.err == "phonedesk: note: 1 line of \(logPath) not in the phonedesk log format (docs/provisioning.md) skipped\n"
                || read.err.contains("1 line of \(logPath) not in the phonedesk log format"), "\(read.err)")
        let desk = try #require(read.rows.first { $0["name"] as? String == "Desk" })
        #expect(desk["fetchStatus"] as? String == "fetched")
        #expect(desk["client"] as? String == "10.0.0.7")
        #expect(desk["device"] as? String == "T46U 108.86.0.45")
        #expect((desk["lastFetch"] as? String)?.hasSuffix("Z") == true)
        let desk2 = try #require(read.rows.first { $0["name"] as? String == "Desk 2" })
        #expect(desk2["fetchStatus"] as? String == "waiting" && desk2["client"] as? String == "10.0.0.9")
        // Each phone's own URL, and a fetch of one phone's file under another's secret counts for nobody.
        #expect(desk["provisioningURL"] as? String == "https://provisioning.phonedesk.example/\(one)/")
        #expect(desk2["provisioningURL"] as? String == "https://provisioning.phonedesk.example/\(two)/")

        #expect(account.run("settings", "set", "access-log", "none").status == 0)
        #expect(try Store(directory: account.url).load().data.account.accessLog == nil)
    }
}
