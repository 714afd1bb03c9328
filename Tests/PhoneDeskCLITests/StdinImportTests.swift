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

    @Test func noStandardInputIsAFailureNotAHang() {
        let account = Account()
        let result = account.run("phones", "import", "-")  // Console() has no input
        #expect(result.status == 1)
        #expect(result.err.contains("cannot read standard input"))
    }
}
