import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `provision --check` and the recovery every command runs first.
struct ProvisionCheckTests {
    /// Every file under the directory with its size, modification time and inode (but the lock,
    /// which every command takes).
    static func tree(_ url: URL) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        while let item = enumerator?.nextObject() as? URL {
            if item.lastPathComponent == ".lock" { continue }
            var info = stat()
            stat(item.path, &info)
            result[item.path] = [Int(info.st_size), info.st_mtim.tv_sec, info.st_mtim.tv_nsec, Int(info.st_ino), Int(info.st_mode)]
        }
        return result
    }

    /// Phones in phones.json without their files: what `kill -9` during `phones import` left.
    static func addPhonesWithoutFiles(_ account: Account, count: Int) throws {
        let store = Store(directory: account.url)
        var document = try #require(try store.phones.read()).document
        for i in 0..<count {
            document.phones.append(Phone(id: document.nextID, name: "Killed \(i)", modelID: "yealink-t46u",
                                         mac: MACAddress(hex: String(format: "805ec1%06x", i))))
            document.nextID += 1
        }
        try store.phones.write(document)
    }

    @Test func checkReportsOutOfDatePhonesWritesNothingAndTheNextCommandRegeneratesThem() throws {
        let account = Account()
        #expect(account.run("provision", "--check").status == 0)
        #expect(account.run("provision", "--check").out == "Every phone's provisioning files are current.\n")
        try Self.addPhonesWithoutFiles(account, count: 7)
        let before = Self.tree(account.url)
        let check = account.run("provision", "--check")
        #expect(check.status == 1)
        #expect(check.out.hasPrefix("7 phones with missing or out-of-date provisioning files: 3 \"Killed 0\", 4 \"Killed 1\""))
        #expect(check.out.contains("…") && check.out.contains("phonedesk provision"))
        #expect(Self.tree(account.url) == before, "--check wrote something")

        // Any command that opens the store regenerates them first, with a note on stderr.
        let list = account.run("phones", "list")
        #expect(list.status == 0)
        #expect(list.err == "phonedesk: regenerated the provisioning files of 7 phones after an interrupted save\n")
        let token = try Store(directory: account.url).load().data.account.token
        #expect(FileManager.default.fileExists(atPath: account.url.appendingPathComponent("provisioning/\(token)/805ec1000006.cfg").path))
        #expect(account.run("provision", "--check").status == 0)
        // Quiet once everything is current.
        #expect(account.run("phones", "list").err.isEmpty)
    }

    @Test func checkTakesNoOtherArguments() {
        let account = Account()
        #expect(account.run("provision", "--check", "extra").status == 2)
        #expect(account.run("provision", "--bogus").status == 2)
        #expect(account.run("provision", "--help").out.contains("--check"))
    }
}
