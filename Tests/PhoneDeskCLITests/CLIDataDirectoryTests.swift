import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `--data` pointing at a directory of other files: refused, nothing created, mode kept (issue 9).
struct CLIDataDirectoryTests {
    @Test func aDirectoryOfOtherFilesIsRefusedWithHowToCreateAnAccount() throws {
        let account = Account()
        try FileManager.default.createDirectory(at: account.url, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: account.url) }
        chmod(account.url.path, 0o1777)
        try Data("x".utf8).write(to: account.url.appendingPathComponent("report.txt"))
        let listed = account.run("phones", "list")
        #expect(listed.status == 1)
        #expect(listed.err.contains(account.url.path) && listed.err.contains("phonedesk init --empty DIR"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: account.url.path) == ["report.txt"])
        let mode = try FileManager.default.attributesOfItem(atPath: account.url.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o1777)
        // The hint is true: init in a new directory makes an account there.
        let fresh = account.url.appendingPathComponent("new").path
        var console = Console()
        #expect(CLI.run(["init", "--empty", fresh], environment: [:], console: &console) == 0)
    }
}
