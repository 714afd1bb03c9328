import Foundation
import Glibc
import Synchronization
import Testing
import PhoneDeskCore
@testable import PhoneDeskEffects

/// A phone (or registrar) on 127.0.0.1 that answers each NOTIFY as the test says, over real UDP.
final class FakeSIPPeer: Sendable {
    let port: Int
    private let fd: Int32
    let received = Mutex<[String]>([])
    private let stop = Mutex(false)

    /// `answer` turns a request into the datagrams sent back (none: silence).
    init(answer: @escaping @Sendable (String) -> [String]) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while !stop.withLock({ $0 }) {
                var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&entry, 1, 50) > 0 else { continue }
                var from = sockaddr_storage()
                var fromLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
                let n = buffer.withUnsafeMutableBytes { bytes in
                    withUnsafeMutablePointer(to: &from) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { recvfrom(fd, bytes.baseAddress, bytes.count, 0, $0, &fromLength) } }
                }
                guard n > 0 else { continue }
                let request = String(decoding: buffer.prefix(n), as: UTF8.self)
                received.withLock { $0.append(request) }
                for reply in answer(request) {
                    _ = Array(reply.utf8).withUnsafeBytes { bytes in
                        withUnsafePointer(to: &from) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, bytes.baseAddress, bytes.count, 0, $0, fromLength) } }
                    }
                }
            }
            close(fd)
        }
    }

    func shutdown() { stop.withLock { $0 = true } }

    /// A response to `request` copying its Via, From, To, Call-ID and CSeq (what a UAS does).
    static func reply(_ status: String, to request: String, callID: String? = nil) -> String {
        let lines = request.components(separatedBy: "\r\n")
        func header(_ name: String) -> String { lines.first { $0.hasPrefix(name + ":") } ?? "" }
        let id = callID.map { "Call-ID: \($0)" } ?? header("Call-ID")
        return ["SIP/2.0 \(status)", header("Via"), header("From"), header("To") + ";tag=fake", id, header("CSeq"), "Content-Length: 0", "", ""]
            .joined(separator: "\r\n")
    }
}

struct SIPResyncerTests {
    let targets = [ResyncTarget(phoneID: 1, name: "Biuro 12", extensionNumber: "101", event: "check-sync;reboot=false"),
                   ResyncTarget(phoneID: 2, name: "Hall", extensionNumber: "102", event: "resync")]

    @Test func eachPhoneGetsItsAnswerAndMalformedOrForeignDatagramsAreIgnoredAndCounted() {
        let peer = FakeSIPPeer { request in
            let ext = request.hasPrefix("NOTIFY sip:101@") ? "101" : "102"
            // Garbage, an answer for another call, then the real answer.
            return ["garbage\r\n\r\n", "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x\r\n\r\n",
                    FakeSIPPeer.reply("200 OK", to: request, callID: "someone-else@127.0.0.1"),
                    FakeSIPPeer.reply(ext == "101" ? "200 OK" : "404 Not Found", to: request)]
        }
        defer { peer.shutdown() }
        var reports: [ResyncReport] = []
        let summary = SIPResyncer(timeout: 3_000).run(targets, serverSetting: "127.0.0.1:\(peer.port)") { reports.append($0) }
        #expect(summary.outcomes == [1: .answered(status: 200, reason: "OK"), 2: .answered(status: 404, reason: "Not Found")])
        #expect(summary.malformed == 4)
        #expect(summary.unmatched == 2)
        #expect(reports.filter { if case .sent = $0 { return true }; return false }.count == 2)
        // Each ignored datagram is reported as it comes, so the panel can say so.
        #expect(reports.filter { $0 == .ignored }.count == summary.malformed + summary.unmatched)
        let requests = peer.received.withLock { $0 }
        #expect(requests.count == 2)
        #expect(requests.contains { $0.hasPrefix("NOTIFY sip:102@127.0.0.1:\(peer.port) SIP/2.0\r\n") && $0.contains("\r\nEvent: resync\r\n") })
    }

    @Test func aSilentServerIsATimeoutAfterRetransmissionsNotAHang() {
        let peer = FakeSIPPeer { _ in [] }
        defer { peer.shutdown() }
        let started = Date()
        let summary = SIPResyncer(timeout: 1_200).run(Array(targets.prefix(1)), serverSetting: "127.0.0.1:\(peer.port)") { _ in }
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(summary.outcomes == [1: .timedOut(milliseconds: 1_200)])
        #expect(summary.outcomes[1]?.text == "timeout (no answer in 1.2 s)")
        Thread.sleep(forTimeInterval: 0.1)
        // Sent at 0 and again at T1 (500 ms); timer F at 1.2 s.
        #expect(peer.received.withLock { $0.count } == 2)
    }

    @Test func aProvisionalAnswerKeepsWaitingForTheFinalOne() {
        let count = Mutex(0)
        let peer = FakeSIPPeer { request in
            let n = count.withLock { $0 += 1; return $0 }
            return [FakeSIPPeer.reply(n == 1 ? "100 Trying" : "200 OK", to: request)]
        }
        defer { peer.shutdown() }
        let summary = SIPResyncer(timeout: 3_000).run(Array(targets.prefix(1)), serverSetting: "127.0.0.1:\(peer.port)") { _ in }
        #expect(summary.outcomes == [1: .answered(status: 200, reason: "OK")])
    }

    /// The server took the NOTIFY (100 Trying) but no final answer came: the timeout says so.
    @Test func aProvisionalAnswerAloneEndsInATimeoutThatSaysSo() {
        let peer = FakeSIPPeer { request in [FakeSIPPeer.reply("100 Trying", to: request)] }
        defer { peer.shutdown() }
        let summary = SIPResyncer(timeout: 700).run(Array(targets.prefix(1)), serverSetting: "127.0.0.1:\(peer.port)") { _ in }
        #expect(summary.outcomes == [1: .timedOut(milliseconds: 700, provisional: "100 Trying")])
        #expect(summary.outcomes[1]?.text == "timeout (100 Trying, then no final answer in 0.7 s)")
    }

    @Test func nothingListeningIsSaidAtOnce() throws {
        // A port just freed: nothing listens, and the kernel's ICMP answer is ECONNREFUSED.
        let peer = FakeSIPPeer { _ in [] }
        let port = peer.port
        peer.shutdown()
        Thread.sleep(forTimeInterval: 0.2)
        let started = Date()
        let summary = SIPResyncer(timeout: 5_000).run(targets, serverSetting: "127.0.0.1:\(port)") { _ in }
        #expect(Date().timeIntervalSince(started) < 2)
        let outcome = try #require(summary.outcomes[2])
        #expect(outcome.text.hasPrefix("the SIP server 127.0.0.1:\(port) refused the NOTIFY"))
        #expect(summary.outcomes[1] == outcome)
    }

    @Test func anUnresolvableServerIsSaidNotWaitedFor() throws {
        let summary = SIPResyncer(timeout: 1_000).run(targets, serverSetting: "no-such-host.invalid") { _ in }
        let outcome = try #require(summary.outcomes[1])
        #expect(outcome.text.hasPrefix("cannot resolve the SIP server no-such-host.invalid"))
        #expect(!outcome.isOK)
    }

    @Test func aBulkResyncIsPaced() {
        let times = Mutex<[Date]>([])
        let peer = FakeSIPPeer { request in times.withLock { $0.append(Date()) }; return [FakeSIPPeer.reply("200 OK", to: request)] }
        defer { peer.shutdown() }
        let many = (1...12).map { ResyncTarget(phoneID: $0, name: "P\($0)", extensionNumber: "\(100 + $0)", event: "check-sync") }
        let summary = SIPResyncer(timeout: 3_000).run(many, serverSetting: "127.0.0.1:\(peer.port)") { _ in }
        #expect(summary.outcomes.values.allSatisfy(\.isOK) && summary.outcomes.count == 12)
        let sent = times.withLock { $0 }
        // Twelve at ten a second take at least 1.1 s from the first to the last.
        #expect(sent.count == 12)
        if let first = sent.first, let last = sent.last { #expect(last.timeIntervalSince(first) >= 1.0) }
    }
}
