import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `phones import -` and `users import -` read standard input.
struct StdinImportTests {
    @Test func phonesImportReadsStandardInput() {
        let account = Account()
        let result = account.run(stdin: "model,mac,name,user\nt46u,02:00:00:00:00:41,Desk A,101\nt46u,02:00:00:00:00:42,Desk B,\n",
                                 "phones", "import", "-")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "Imported 2 phones.\n")
        #expect(account.run("phones", "list").out.contains("Desk B"))
    }

    @Test func usersImportReadsStandardInputAndNamesItInErrors() {
        let account = Account()
        let bad = account.run(stdin: "extension,name,email\n107,Ewa,no-at\n", "users", "import", "-")
        #expect(bad.status == 1)
        #expect(bad.err.contains("phonedesk: standard input: line 2: \"no-at\" is not an e-mail address"))
        let good = account.run(stdin: "extension,name,email\n107,Ewa,ewa@example.com\n", "users", "import", "-")
        #expect(good.status == 0 && good.out == "Imported 1 user.\n")
    }

    /// "standard input is not UTF-8 text" named no row among 500.
    @Test func invalidUTF8IsReportedWithItsLine() {
        let bytes = Array("model,mac,name,user\nt46u,02:00:00:00:00:41,Desk A,\nt46u,02:00:00:00:00:42,Desk ".utf8) + [0xFF] + Array(",\n".utf8)
        var console = Console(input: { Data(bytes) })
        #expect(ImportSource.rows("-", environment: [:], &console) == nil)
        #expect(console.err == "phonedesk: standard input is not UTF-8 text: line 3, byte 0xFF; save it as UTF-8\n")
        #expect(firstInvalidUTF8(Data("ok\nŁódź\n".utf8)) == nil)
        #expect(firstInvalidUTF8(Data([0x61, 0x0A, 0xC3, 0x28]))?.line == 2)
    }

    @Test func noStandardInputIsAFailureNotAHang() {
        let account = Account()
        let result = account.run("phones", "import", "-")  // Console() has no input
        #expect(result.status == 1)
        #expect(result.err.contains("cannot read standard input"))
    }

    @Test func anImportSourceIsReadUpToACap() {
        let account = Account()
        var console = Console(input: { Data(repeating: 0x41, count: 2_000_000) })
        #expect(ImportSource.rows("-", environment: [:], limit: 1_048_576, &console) == nil)
        #expect(console.err == "phonedesk: standard input is larger than 1 MiB; split it into several imports\n")
        console = Console()
        #expect(ImportSource.rows("/dev/zero", environment: [:], limit: 1_048_576, &console) == nil)
        #expect(console.err.contains("/dev/zero is larger than 1 MiB"))
        let directory = account.run("phones", "import", FileManager.default.temporaryDirectory.path)
        #expect(directory.status == 1 && directory.err.contains("is a directory"))
    }
}
