import Foundation
import Testing
@testable import PhoneDeskCore

/// Issue 12 item 4: the names of phones bought in the shop come from an account setting.
struct ShopNamePatternTests {
    let t46u = PhoneCatalog.model(id: "yealink-t46u")!

    @Test func theDefaultKeepsTodaysNames() {
        #expect(ShopNamePattern.problem(ShopNamePattern.standard) == nil)
        #expect(ShopNamePattern.name(ShopNamePattern.standard, model: t46u, n: 1) == "Yealink T46U #1")
        #expect(ShopNamePattern.name("Stock {model}-{n} ({brand})", model: t46u, n: 12) == "Stock T46U-12 (Yealink)")
    }

    /// Each bad pattern: a message that says what is wrong and how to fix it.
    @Test(arguments: [
        ("{brand} {model}", "Put {n} in the pattern"),
        ("{n} and {n}", "Use {n} once."),
        ("{brand} {modle} {n}", "Unknown placeholder {modle}; the placeholders are {brand}, {model} and {n}."),
        ("{brand {n}", "Unknown placeholder {brand {n}"),
        ("Phone {n", "A \"{\" is not closed by \"}\""),
        ("", "Put {n} in the pattern"),
        (String(repeating: "x", count: 60) + " {n}", "Names made from it would be refused"),
        ("\u{7}{n}", "Names made from it would be refused"),
    ])
    func badPatternsAreRefused(pattern: String, message: String) {
        let problem = ShopNamePattern.problem(pattern)
        #expect(problem?.contains(message) == true, "\(pattern): \(String(describing: problem))")
    }

    @Test func freeNamesFollowThePatternAndSkipTakenOnes() {
        let phones: PhoneList = [Phone(id: 1, name: "stock t46u-1", modelID: "yealink-t46u", mac: nil),
                                 Phone(id: 2, name: "Stock T46U-3", modelID: "yealink-t46u", mac: nil)]
        var taken: [String: Set<String>] = [:]
        let names = (0..<3).map { _ in Store.freeName("Stock {model}-{n}", model: t46u, phones: phones, taken: &taken) }
        #expect(names == ["Stock T46U-2", "Stock T46U-4", "Stock T46U-5"])
        // {n} first: every name is a candidate prefix, and the numbers still skip taken names.
        var first: [String: Set<String>] = [:]
        let numbered: PhoneList = [Phone(id: 1, name: "1 T46U", modelID: "yealink-t46u", mac: nil)]
        #expect(Store.freeName("{n} {model}", model: t46u, phones: numbered, taken: &first) == "2 T46U")
    }

    /// Set through the store: checked there too, "" puts the default back, and an order names
    /// its phones by it.
    @Test func theStoreKeepsThePatternAndAnOrderUsesIt() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let refused = try store.apply(.setAccountSettings(pin: nil, sipServer: nil, provisioningBaseURL: nil, shopNamePattern: "{model}"))
        guard case .failure(.invalid(.shopNamePattern, let message)) = refused else { Issue.record("not refused: \(refused)"); return }
        #expect(message.contains("Put {n} in the pattern"))
        #expect(try store.load().data.account.shopNamePattern == nil)

        let saved = try store.apply(.setAccountSettings(pin: nil, sipServer: nil, provisioningBaseURL: nil, shopNamePattern: " Desk {n} {model} ")).get()
        #expect(saved.data.account.shopNamePattern == "Desk {n} {model}")

        let cart = [CartLine(sku: "YEA-T46U", quantity: 2)]
        _ = try store.saveCart(cart)
        let address = try #require(try store.load().data.account.addresses.first)
        let quote = Pricing.quote(cart, shop: .builtIn, country: address.country)
        let request = CheckoutRequest(idempotencyKey: "k1", cart: cart, address: address, payment: .companyAccount, expectedTotal: quote.total)
        _ = try Checkout.run(request, store: store, gateway: SandboxGateway(), now: Date(timeIntervalSince1970: 1_795_000_000)).get()
        let bought = try store.load().data.phones.filter { $0.mac == nil }.map(\.name)
        #expect(bought == ["Desk 1 T46U", "Desk 2 T46U"])

        _ = try store.apply(.setAccountSettings(pin: nil, sipServer: nil, provisioningBaseURL: nil, shopNamePattern: "")).get()
        #expect(try store.load().data.account.shopNamePattern == nil)
    }
}
