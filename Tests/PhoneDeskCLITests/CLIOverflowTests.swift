import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// Numbers on the command line that would overflow are usage errors, never a trap (issue 9).
struct CLIOverflowTests {
    @Test func aHugeOrderQuantityIsAUsageError() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let before = try Data(contentsOf: account.url.appendingPathComponent("account.json"))
        for quantity in ["3000000000000000", "10000", "0", "-5", "99999999999999999999999"] {
            let placed = account.run("orders", "place", "--sku", "YEA-T31P", "--quantity", quantity)
            #expect(placed.status == 2, "\(quantity)")
            #expect(placed.err.contains("--quantity must be a whole number from 1 to 9999"))
        }
        #expect(try Data(contentsOf: account.url.appendingPathComponent("account.json")) == before)
        #expect(account.run("orders", "place", "--sku", "YEA-T31P", "--quantity", "2").status == 0)
    }
}
