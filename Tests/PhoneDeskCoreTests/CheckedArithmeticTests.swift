import Foundation
import Testing
@testable import PhoneDeskCore

/// Numbers from files or input that would overflow are refused with a message, never a trap
/// (issue 9: `orders place --quantity 3000000000000000` and counters at Int.max killed the process).
struct CheckedArithmeticTests {
    let temp = TempDirectory()

    func seeded() throws -> Store { try Store.open(directory: temp.url) }

    func edit(_ name: String, _ old: String, _ new: String) throws {
        let url = temp.file(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
    }

    @Test func aHugeQuantityPricesAsTooLarge() {
        let quote = Pricing.quote([CartLine(sku: "YEA-T31P", quantity: 3_000_000_000_000_000)], shop: .builtIn, country: "PL")
        #expect(quote.tooLarge && quote.total == 0)
        #expect(!Pricing.quote([CartLine(sku: "YEA-T31P", quantity: 9_999)], shop: .builtIn, country: "PL").tooLarge)
        #expect(Pricing.percentage(.max, basisPoints: 2_300) == .max)
    }

    @Test func checkoutRefusesAQuantityOutsideALineAndChargesNothing() throws {
        let store = try seeded()
        let data = try store.load().data
        let before = try Data(contentsOf: temp.file("account.json"))
        for quantity in [10_000, 3_000_000_000_000_000, -1] {
            let request = CheckoutRequest(idempotencyKey: "k\(quantity)", cart: [CartLine(sku: "YEA-T31P", quantity: quantity)],
                                          address: data.account.addresses[0], payment: .companyAccount, expectedTotal: 0)
            guard case .failure(.outOfRange(let reason)) = try Checkout.run(request, store: store, gateway: SandboxGateway(), now: Date()) else {
                Issue.record("placed \(quantity)"); continue
            }
            #expect(reason.contains("1 to 9999"))
        }
        #expect(try Data(contentsOf: temp.file("account.json")) == before)
    }

    @Test func addingAPhoneAtTheLastIdIsRefused() throws {
        let store = try seeded()
        try edit("phones.json", "\"nextID\" : 3", "\"nextID\" : \(Int.max)")
        let result = try store.apply(.add(NewPhone(name: "One more", modelID: "yealink-t46u", mac: nil)))
        guard case .failure(.exhausted(let reason)) = result else { Issue.record("\(result)"); return }
        #expect(reason.contains("no more phone ids"))
        let imported = try store.importPhones([NewPhone(name: "Another", modelID: "yealink-t46u", mac: nil)])
        guard case .failure(let failure) = imported else { Issue.record("imported"); return }
        #expect(failure.problems.first?.message.contains("no more phone ids") == true)
        #expect(failure.problems.first?.description.hasPrefix("no more phone ids") == true, "not tied to a line: no \"line 0\"")
    }

    @Test func editingAPhoneAtTheLastRevisionIsRefused() throws {
        let store = try seeded()
        try edit("phones.json", "\"revision\" : 1,\n      \"secret\"", "\"revision\" : \(Int.max),\n      \"secret\"")
        let phone = try #require(try store.load().data.phone(id: 1))
        #expect(phone.revision == .max)
        var edit = PhoneEdit(phone)
        edit.name = "Renamed"
        let result = try store.apply(.update(id: 1, baseRevision: .max, edit))
        guard case .failure(.exhausted(let reason)) = result else { Issue.record("\(result)"); return }
        #expect(reason.contains("largest revision"))
    }

    @Test func savingAFileAtTheLastRevisionIsRefused() throws {
        let store = try seeded()
        try edit("users.json", "\"revision\" : 1", "\"revision\" : \(Int.max)")
        #expect(throws: StoreError.self) { try store.importUsers([User(extensionNumber: "999", name: "X", sipPassword: "p")]) }
        let phonesText = try String(contentsOf: temp.file("phones.json"), encoding: .utf8)
        let top = try #require(phonesText.range(of: #"\"revision\" : \d+,\n  \"schemaVersion\""#, options: .regularExpression))
        try phonesText.replacingCharacters(in: top, with: "\"revision\" : \(Int.max),\n  \"schemaVersion\"")
            .write(to: temp.file("phones.json"), atomically: false, encoding: .utf8)
        do {
            let result = try store.apply(.delete(id: 2, baseRevision: 1))
            Issue.record("saved: \(result)")
        } catch {
            #expect(error.description.contains("largest there is"))
        }
    }

    @Test func theSmallestBalanceNeitherLoadsNorTraps() throws {
        _ = try seeded()
        try edit("account.json", "\"cents\" : 50000", "\"cents\" : \(Int.min)")
        #expect(throws: StoreError.self) { try Store(directory: temp.url).load() }
        #expect(Money(cents: .min, currency: "EUR").display == "EUR -92233720368547758.08")
    }
}
