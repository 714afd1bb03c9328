import Foundation
import Testing
@testable import PhoneDeskCore

/// The access log: one `phonedesk`-format line, the incremental reader, and the User-Agent.
struct AccessLogTests {
    static let token = "AbCdEfGhIjKlMnOpQrStUv"
    static func line(_ time: String = "2026-11-28T14:02:05+01:00", client: String = "10.0.0.7",
                     path: String = "/\(token)/805ec0112233.cfg", status: Int = 200,
                     agent: String = "Yealink SIP-T46U 108.86.0.45 80:5e:c0:11:22:33") -> String {
        "\(time)\t\(client)\t\"GET \(path) HTTP/1.1\"\t\(status)\t1234\t\"\(agent)\""
    }

    @Test func parsesTheFormatOfTheDocs() throws {
        let fetch = try #require(AccessLogLine.parse(Self.line()))
        #expect(fetch.date == Date(timeIntervalSince1970: 1_795_870_925))  // 2026-11-28T13:02:05Z
        #expect(UTCTimestamp(fetch.date).description == "2026-11-28T13:02:05Z")
        #expect(fetch.client == "10.0.0.7")
        #expect(fetch.path == "/\(Self.token)/805ec0112233.cfg")
        #expect(fetch.status == 200 && fetch.bytes == 1234)
        #expect(fetch.agent == "Yealink SIP-T46U 108.86.0.45 80:5e:c0:11:22:33")
        #expect(AccessLogLine.parse(Self.line("2026-11-28T13:02:05Z"))?.date == fetch.date)
        #expect(AccessLogLine.parse(Self.line(path: "/x/a.cfg?mac=1"))?.path == "/x/a.cfg")
        #expect(AccessLogLine.parse(Self.line(client: "2001:db8::7"))?.client == "2001:db8::7")
        #expect(AccessLogLine.parse(Self.line(agent: "-"))?.agent == "")
        #expect(AccessLogLine.parse(Self.line() + "\r") != nil)
    }

    @Test func otherFormatsAreNotFetches() {
        let bad = [
            "",
            "10.0.0.7 - - [28/Nov/2026:14:02:05 +0100] \"GET /a HTTP/1.1\" 200 12 \"-\" \"curl\"",  // combined
            Self.line("28/Nov/2026:14:02:05"),
            Self.line("2026-13-28T14:02:05+01:00"),
            Self.line(status: 42),
            Self.line().replacingOccurrences(of: "\"GET", with: "GET"),
            Self.line() + "\textra",
            "2026-11-28T14:02:05+01:00\t10.0.0.7\t\"-\"\t400\t0\t\"-\"",  // nginx's line for garbage
        ]
        for line in bad { #expect(AccessLogLine.parse(line) == nil, "\(line)") }
    }

    @Test func readsOnlyNewBytesAndKeepsAPartialLine() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        let log = dir.file("access.log")
        var reader = AccessLogReader(path: log.path)
        #expect(reader.read() == .failure(.missing(log.path)))
        try Data((Self.line() + "\nnot a log line\n").utf8).write(to: log)
        #expect(try reader.read().get().count == 1)
        #expect(reader.skipped == 1)
        #expect(try reader.read().get().isEmpty)
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        let next = Self.line("2026-11-28T14:03:00+01:00")
        try handle.write(contentsOf: Data(next.prefix(30).utf8))
        #expect(try reader.read().get().isEmpty)
        try handle.write(contentsOf: Data((next.dropFirst(30) + "\n").utf8))
        let read = try reader.read().get()
        #expect(read.count == 1 && read.first?.date == AccessLogLine.parse(next)?.date)
        #expect(reader.skipped == 1)
        try handle.close()
    }

    @Test func startsOverAfterTruncationAndRotation() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        let log = dir.file("access.log")
        try Data((Self.line() + "\n" + Self.line() + "\n").utf8).write(to: log)
        var reader = AccessLogReader(path: log.path)
        #expect(try reader.read().get().count == 2)
        // Truncated (copytruncate), then one line written: shorter than the offset.
        let truncate = try FileHandle(forWritingTo: log)
        try truncate.truncate(atOffset: 0)
        try truncate.write(contentsOf: Data((Self.line(client: "10.0.0.8") + "\n").utf8))
        try truncate.close()
        #expect(try reader.read().get().map(\.client) == ["10.0.0.8"])
        // Rotated: renamed away, a new file (a new inode) at the path, longer than the offset.
        try FileManager.default.moveItem(at: log, to: dir.file("access.log.1"))
        try Data((Self.line(client: "10.0.0.9") + "\n" + Self.line(client: "10.0.0.10") + "\n").utf8).write(to: log)
        #expect(try reader.read().get().map(\.client) == ["10.0.0.9", "10.0.0.10"])
        #expect(try reader.read().get().isEmpty)
    }

    @Test func directoryIsUnreadable() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        var reader = AccessLogReader(path: dir.url.path)
        guard case .failure(.unreadable) = reader.read() else { Issue.record("a directory read as a log"); return }
    }

    @Test func fetchesAreMatchedToPhonesAndGiveTheStatus() throws {
        let data = AccountData(account: DemoAccount.account(token: Self.token), users: DemoAccount.users(), phones: DemoAccount.phones(),
                               backgrounds: [], templates: [], cart: [], orders: [])
        let phone = try #require(data.phones.first { $0.mac != nil })
        let secret = try #require(phone.secret)
        let otherPhone = try #require(data.phones.first { $0.mac != nil && $0.id != phone.id })
        let name = try #require(ProvisioningRenderer.fileNames(for: phone).first)
        let index = FetchIndex(data)
        let ok = try #require(AccessLogLine.parse(Self.line(path: "/\(secret)/\(name)")))
        #expect(index.phone(of: ok) == phone.id)
        var prefixed = ok; prefixed.path = "/provisioning/\(secret)/\(name)"
        #expect(index.phone(of: prefixed) == phone.id)
        var wrongSecret = ok; wrongSecret.path = "/someoneElse/\(name)"
        var oldURL = ok; oldURL.path = "/\(Self.token)/\(name)"
        var notFound = ok; notFound.status = 404
        var other = ok; other.path = "/\(secret)/unknown.cfg"
        // Another phone's file name under this secret (nginx would answer 404 anyway).
        var crossed = ok; crossed.path = "/\(secret)/\(try #require(ProvisioningRenderer.fileNames(for: otherPhone).first))"
        #expect([wrongSecret, oldURL, notFound, other, crossed].allSatisfy { index.phone(of: $0) == nil })
        var last: [Int: PhoneFetch] = [:]
        var earlier = ok; earlier.date = ok.date.addingTimeInterval(-60); earlier.client = "10.0.0.1"
        index.record([ok, earlier], into: &last)
        #expect(last[phone.id]?.client == "10.0.0.7")

        #expect(FetchStatus.of(phone, last: nil, fileChanged: nil) == .never)
        let fetch = try #require(last[phone.id])
        #expect(FetchStatus.of(phone, last: fetch, fileChanged: ok.date.addingTimeInterval(-5)) == .fetched(fetch))
        #expect(FetchStatus.of(phone, last: fetch, fileChanged: ok.date.addingTimeInterval(0.5)) == .fetched(fetch))
        #expect(FetchStatus.of(phone, last: fetch, fileChanged: ok.date.addingTimeInterval(2)) == .waiting(fetch))
        var awaiting = phone; awaiting.mac = nil
        #expect(FetchStatus.of(awaiting, last: nil, fileChanged: nil) == .noFile)
    }

    @Test func shortTimeIsTheHourTodayElseTheDate() {
        let utc = TimeZone(identifier: "UTC")!
        let at = Date(timeIntervalSince1970: 1_795_870_925)  // 2026-11-28 13:02:05Z
        #expect(FetchStatus.shortTime(at, now: at.addingTimeInterval(3600), timeZone: utc) == "13:02")
        #expect(FetchStatus.shortTime(at, now: at.addingTimeInterval(86400), timeZone: utc) == "2026-11-28")
    }

    @Test func userAgents() {
        let cases = [
            ("Yealink SIP-T46U 108.86.0.45 80:5e:c0:11:22:33", "T46U 108.86.0.45"),
            ("Grandstream Model HW GXP2170 SW 1.0.11.23 DevId 000b82aabbcc", "GXP2170 1.0.11.23"),
            ("Mozilla/4.0 (compatible; snom D785 10.1.73.16 UP 1.0.0)", "D785 10.1.73.16"),
            ("FileTransport PolycomVVX-VVX_450-UA/6.4.3.5017", "VVX 450 6.4.3.5017"),
            ("Cisco-CP-8851-3PCC/11.3.7 (00562b001122)", "8851-3PCC 11.3.7"),
            ("Fanvil X6U 2.12.5 0c383e112233", "X6U 2.12.5"),
            ("curl/8.5.0", "curl/8.5.0"),
            (String(repeating: "x", count: 60), String(repeating: "x", count: 40)),
        ]
        for (agent, summary) in cases { #expect(UserAgentSummary.summary(agent) == summary, "\(agent)") }
    }
}
