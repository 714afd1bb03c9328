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
