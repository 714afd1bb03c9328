import Foundation
import Glibc
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `phones resync`: refusals, usage errors, and a SIP server that is not there or never answers.
struct ResyncCommandTests {
    /// A UDP socket on 127.0.0.1 that never answers (open while the test runs), and its port.
    final class Silent {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var port = 0
        init() {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            port = Int(UInt16(bigEndian: address.sin_port))
        }
        deinit { close(fd) }
    }

    @Test func aPhoneWithoutAUserIsRefusedAndNothingIsSent() {
        let account = Account()
        #expect(account.run("phones", "edit", "2", "--no-user").status == 0)
        let result = account.run("phones", "resync", "2")
        #expect(result.status == 1)
        #expect(result.out.isEmpty)
        #expect(result.err == "phonedesk: phone 2 \"Magazyn\" has no user: nothing to send the NOTIFY to\n")
    }

    @Test func aSilentServerIsATimeoutNotAHang() {
        let account = Account()
        let silent = Silent()
        #expect(account.run("settings", "set", "sip-server", "127.0.0.1:\(silent.port)").status == 0)
        let started = Date()
        let result = account.run("phones", "resync", "1", "--timeout", "1")
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(result.status == 1)
        #expect(result.out == "1 \"Recepcja\" (101): timeout (no answer in 1 s)\n")
    }

    @Test func nothingListeningIsSaidAtOnceForEveryPhone() {
        let account = Account()
        let port = Silent().port  // closed again at once
        #expect(account.run("settings", "set", "sip-server", "127.0.0.1:\(port)").status == 0)
        let result = account.run("phones", "resync", "--filter", "user:10", "--timeout", "5")
        #expect(result.status == 1)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains(": the SIP server 127.0.0.1:\(port) refused the NOTIFY (Connection refused)") })
    }

    @Test(arguments: [["phones", "resync"], ["phones", "resync", "1", "--filter", "x"], ["phones", "resync", "1", "--timeout", "0"],
                      ["phones", "resync", "1", "--timeout", "40"], ["phones", "resync", "1", "--timeout", "soon"]])
    func usageErrorsExitTwo(words: [String]) {
        let account = Account()
        var console = Console()
        let status = CLI.run(words + ["--data", account.url.path], environment: ["HOME": "/nonexistent"], console: &console)
        #expect(status == ExitCode.usage)
        #expect(console.err.contains("usage: phonedesk phones resync"))
    }

    @Test func anUnknownPhoneIsNamed() {
        let result = Account().run("phones", "resync", "99")
        #expect(result.status == 1)
        #expect(result.err == "phonedesk: no phone with id or MAC 99\n")
    }
}
