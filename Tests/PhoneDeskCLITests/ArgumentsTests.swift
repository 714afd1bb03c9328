import Foundation
import Testing
@testable import PhoneDeskCLI

/// A refused command line creates nothing: the CLI fuzz found `phones list --data --data DIR`
/// seeding the demo account into a new directory called "--data".
struct ArgumentsTests {
    @Test func anOptionIsNotAValue() {
        #expect(throws: Arguments.UsageError.self) { try Arguments.parse(["--data", "--json"], valued: ["data"], switches: ["json"]) }
        let inline = try? Arguments.parse(["--name=--odd"], valued: ["name"], switches: [])
        #expect(inline?.values["name"] == "--odd")
        #expect(throws: Arguments.UsageError.self) { try Arguments.parse(["--data", "a", "--data", "b"], valued: ["data"], switches: []) }
    }

    /// `--data=$DIR` with DIR unset opened (and seeded) the default account; contradicting
    /// options silently let one win.
    @Test func emptyValuesAndContradictionsAreUsageErrors() {
        #expect(throws: Arguments.UsageError.self) { try Arguments.parse(["--data="], valued: ["data"], switches: []) }
        #expect(throws: Arguments.UsageError.self) { try Arguments.parse(["--data", ""], valued: ["data"], switches: []) }
        #expect(throws: Arguments.UsageError.self) { try Arguments.parse(["--json", "--json"], valued: [], switches: ["json"]) }
        let account = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-args-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: account) }
        var console = Console()
        #expect(CLI.run(["phones", "list", "--data="], environment: ["HOME": account.path], console: &console) == ExitCode.usage)
        #expect(!FileManager.default.fileExists(atPath: account.path))
        #expect(CLI.run(["init", account.path], environment: [:], console: &console) == ExitCode.success)
        for words in [["phones", "edit", "1", "--no-user", "--user", "101"], ["phones", "edit", "1", "--blf", "102", "--no-blf"],
                      ["phones", "list", "--json", "--csv"]] {
            console = Console()
            #expect(CLI.run(words + ["--data", account.path], environment: [:], console: &console) == ExitCode.usage, "\(words)")
            #expect(console.err.contains("contradict"), "\(words)")
        }
    }

    @Test func aRefusedCommandLineCreatesNoDirectory() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-args-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let dir = parent.appendingPathComponent("new").path
        for words in [["phones", "list", "--data", "--data", dir], ["phones", "list", "extra", "--data", dir],
                      ["orders", "list", "extra", "--data", dir], ["phones", "remove", "--data", dir],
                      ["phones", "add", "--name", "x", "--data", dir], ["orders", "place", "--data", dir],
                      ["provision", "now", "--data", dir], ["users", "import", "--data", dir]] {
            var console = Console()
            #expect(CLI.run(words, environment: [:], console: &console) == ExitCode.usage, "\(words)")
            #expect(!FileManager.default.fileExists(atPath: parent.path), "\(words) created \(parent.path)")
        }
    }

    /// `--help` says every command takes --data; `models` refused it.
    @Test func modelsTakesData() {
        var console = Console()
        #expect(CLI.run(["models", "--data", "/nonexistent/dir"], environment: [:], console: &console) == ExitCode.success)
        #expect(console.out.contains("yealink-t46u"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/dir"))
        #expect(CLI.run(["models", "extra"], environment: [:], console: &console) == ExitCode.usage)
    }
}
