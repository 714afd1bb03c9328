import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `--help` says every command takes --data: each one does, and none exits 2 for it (issue 12).
struct EveryCommandTakesDataTests {
    @Test func everyCommandAcceptsData() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)  // seeds the demo account
        let csv = account.file("phones.csv", "model,mac,name,user\nyealink-t46u,00:15:65:00:00:01,Nowy,\n")
        let users = account.file("users.csv", "extension,name,email\n201,Ola Nowa,\n")
        let commands: [[String]] = [
            ["phones", "list"], ["phones", "list", "--json"], ["phones", "export", "--csv"],
            ["phones", "add", "--model", "yealink-t46u", "--mac", "00:15:65:00:00:02", "--name", "Biuro"],
            ["phones", "edit", "1", "--no-blf"], ["phones", "import", csv], ["phones", "remove", "00:15:65:00:00:02"],
            ["users", "list"], ["users", "import", users], ["orders", "list"],
            ["orders", "place", "--sku", "YEA-T31P"], ["settings", "show"], ["settings", "set", "sip-server", "sip.example.com"],
            ["models"], ["provision"], ["provision", "--check"], ["help"],
        ]
        for words in commands {
            var console = Console()
            let status = CLI.run(words + ["--data", account.url.path], environment: ["HOME": "/nonexistent"], console: &console)
            #expect(status == 0, "\(words.joined(separator: " ")) → \(status): \(console.err)")
        }
    }

    @Test func initTakesTheDirectoryAsData() {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        func run(_ words: String...) -> (Int32, String) {
            var console = Console()
            return (CLI.run(words, environment: ["HOME": "/nonexistent"], console: &console), console.err)
        }
        let first = parent.appendingPathComponent("a").path, second = parent.appendingPathComponent("b").path
        #expect(run("init", "--empty", "--data", first).0 == 0)
        #expect(FileManager.default.fileExists(atPath: first))
        #expect(run("init", second, "--data", second).0 == 0)  // the same directory twice is one
        let conflicting = run("init", parent.appendingPathComponent("c").path, "--data", parent.appendingPathComponent("d").path)
        #expect(conflicting.0 == 2 && conflicting.1.contains("init needs one directory"))
        #expect(run("init").0 == 2)
    }
}
