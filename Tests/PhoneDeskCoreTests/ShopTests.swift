import Foundation
import Glibc
import Testing
@testable import PhoneDeskCore

struct PricingTests {
    let shop = ShopData.builtIn

    @Test func catalogueHasEveryCategoryAndSupportedModels() {
        #expect(shop.products.count >= 20)
        #expect(Set(shop.products.map(\.category)) == Set(ProductCategory.allCases))
        for product in shop.products where product.model != nil {
            #expect(PhoneCatalog.model(id: product.model!) != nil, "\(product.sku)")
        }
        #expect(Set(shop.products.map(\.sku)).count == shop.products.count)
    }

    @Test func quotesInCentsWithDeliveryByZoneAndWeight() {
        let cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        let germany = Pricing.quote(cart, shop: shop, country: "DE")
        #expect(germany.subtotal == 2 * 14900 + 8900)       // 38 700
        #expect(germany.weightGrams == 2 * 1250 + 350)      // 2 850 g → EU ≤ 5 kg
        #expect(germany.zone == .eu)
        #expect(germany.delivery == 1800)
        #expect(germany.vatBasisPoints == 1900)
        #expect(germany.vat == 7695)                         // 40 500 × 19 % = 7 695
        #expect(germany.total == 48195)
        let poland = Pricing.quote(cart, shop: shop, country: "PL")
        #expect(poland.zone == .domestic && poland.delivery == 800 && poland.vat == 9085)  // 39 500 × 23 % = 9 085
        let us = Pricing.quote(cart, shop: shop, country: "US")
        #expect(us.zone == .world && us.delivery == 5500 && us.vat == 0 && us.total == 38700 + 5500)
        let none = Pricing.quote(cart, shop: shop, country: nil)
        #expect(none.delivery == 0 && none.vat == 0 && none.total == 38700)
    }

    @Test(arguments: [(0, 0), (1, 500), (1000, 500), (1001, 800), (30000, 2000), (30001, 2100), (31500, 2200)])
    func domesticDelivery(grams: Int, cents: Int) {
        #expect(Pricing.deliveryCost(weightGrams: grams, rates: shop.rates["domestic"]) == cents)
    }

    @Test(arguments: [(100, 2300, 23), (1, 2300, 0), (3, 2300, 1), (2, 2500, 1), (1000, 2550, 255), (10, 1950, 2)])
    func roundsTaxHalfUp(cents: Int, basisPoints: Int, tax: Int) {
        #expect(Pricing.percentage(cents, basisPoints: basisPoints) == tax)
    }
}

struct PostalCodeTests {
    @Test(arguments: [("PL", "90-001"), ("DE", "10115"), ("GB", "SW1A 1AA"), ("GB", "m1 1ae"), ("US", "94105"),
                      ("US", "94105-1804"), ("FR", "75008"), ("NL", "1012 JS"), ("NL", "1012JS"), ("IT", "00184"),
                      ("ES", "28013"), ("CH", "8001")])
    func accepts(country: String, code: String) { #expect(PostalCodes.check(code, country: country) == nil) }

    @Test(arguments: [
        ("DE", "1011", "Not a Germany postal code: expected the form 10115."),
        ("PL", "90001", "Not a Poland postal code: expected the form 00-950."),
        ("GB", "12345", "Not a United Kingdom postal code: expected the form SW1A 1AA."),
        ("US", "9410", "Not a United States postal code: expected the form 94105 or 94105-1804."),
        ("NL", "0123 AB", "Dutch postal codes do not start with 0."),
        ("ES", "99000", "Spanish postal codes start with a province number 01-52."),
        ("FR", "", "Postal code is required."),
        ("IT", "0018A", "Not a Italy postal code: expected the form 00184."),
    ])
    func refuses(country: String, code: String, message: String) {
        #expect(PostalCodes.check(code, country: country) == message)
    }

    @Test func addressNeedsNameStreetCityAndACountry() {
        let errors = AddressRules.check(PostalAddress(name: "", company: "", street: "", city: "", postalCode: "1", country: "XX"))
        #expect(Set(errors.keys) == [.name, .street, .city, .country])
        #expect(Countries.all.count >= 249 && Countries.named("DE")?.name == "Germany")
    }
}

struct CardTests {
    @Test(arguments: [("4242424242424242", CardBrand.visa), ("5555555555554444", .mastercard), ("2223003122003222", .mastercard),
                      ("378282246310005", .amex), ("6011111111111117", .discover), ("30569309025904", .diners),
                      ("3530111333300000", .jcb)])
    func acceptsTestNumbers(number: String, brand: CardBrand) {
        #expect(CardRules.brand(of: number) == brand)
        #expect(CardRules.numberProblem(number) == nil)
    }

    @Test(arguments: [
        ("4242424242424241", "This number has a typo (its check digit is wrong)."),
        ("424242424242", "Visa numbers have 13 or 16 or 19 digits; this has 12."),
        ("37828224631000", "Amex numbers have 15 digits; this has 14."),
        ("1234567812345670", "Not a Visa, Mastercard, Amex, Discover, Diners or JCB number."),
        ("4242-42x2", "Digits only."),
        ("", "Enter the card number."),
        ("2721000000000004", "Not a Visa, Mastercard, Amex, Discover, Diners or JCB number."),
    ])
    func refuses(number: String, message: String) { #expect(CardRules.numberProblem(number) == message) }

    @Test func groupsAsTyped() {
        #expect(CardRules.grouped("42424242424242") == "4242 4242 4242 42")
        #expect(CardRules.grouped("378282246310005") == "3782 822463 10005")
    }

    @Test func expiryIsNeitherPastNorTooFar() {
        let today = YearMonth(year: 2026, month: 11)
        #expect(CardRules.expiry("11/26", today: today) == .success(YearMonth(year: 2026, month: 11)))
        #expect(CardRules.expiry("10/26", today: today) == .failure(CheckFailure("This card has expired.")))
        #expect(CardRules.expiry("11/46", today: today) == .success(YearMonth(year: 2046, month: 11)))
        #expect(CardRules.expiry("12/46", today: today) == .failure(CheckFailure("That is more than 20 years ahead; check the year.")))
        #expect(CardRules.expiry("13/27", today: today) == .failure(CheckFailure("The month must be 01-12.")))
        #expect(CardRules.expiry("1/27", today: today) == .failure(CheckFailure("Use MM/YY, e.g. 08/29.")))
    }

    @Test func cvcLengthFollowsTheBrand() {
        #expect(CardRules.cvcProblem("123", brand: .visa) == nil)
        #expect(CardRules.cvcProblem("123", brand: .amex) != nil)
        #expect(CardRules.cvcProblem("1234", brand: .amex) == nil)
        #expect(CardRules.cvcProblem("12a", brand: .visa) != nil)
    }

    @Test func cardDetailsNeverPrintTheNumber() {
        let card = CardDetails(number: "4242 4242 4242 4242", expiry: YearMonth(year: 2030, month: 1), cvc: "123", name: "A")
        #expect("\(card)" == "Visa •••• 4242")
        #expect(!String(describing: card).contains("424242"))
    }

    @Test func sandboxBehavesLikeATestProcessor() {
        let gateway = SandboxGateway()
        func charge(_ number: String, key: String) -> ChargeOutcome {
            gateway.charge(ChargeRequest(idempotencyKey: key, amount: Money(cents: 100, currency: "EUR"),
                                         source: .newCard(CardDetails(number: number, expiry: YearMonth(year: 2030, month: 1), cvc: "123", name: "A")),
                                         tokenize: true))
        }
        guard case .approved(_, let token?) = charge("4242424242424242", key: "a") else { Issue.record("4242 not approved"); return }
        #expect(token.hasPrefix("tok_sandbox_"))
        #expect(charge("4000000000000002", key: "b") == .declined("card declined"))
        #expect(charge("4000000000009995", key: "c") == .declined("insufficient funds on the card"))
        guard case .approved = charge("5555555555554444", key: "d") else { Issue.record("other valid number declined"); return }
        // The same key never charges twice.
        _ = charge("4242424242424242", key: "a")
        #expect(gateway.chargeCount == 2)
    }
}

struct CheckoutTests {
    let temp = TempDirectory()
    let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18
    let berlin = PostalAddress(name: "Jan Kowalski", company: "", street: "Unter den Linden 1", city: "Berlin",
                               postalCode: "10117", country: "DE")

    func request(_ store: Store, _ payment: PaymentChoice, key: String = "k1") throws -> CheckoutRequest {
        let cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        _ = try store.saveCart(cart)
        let quote = Pricing.quote(cart, shop: .builtIn, country: berlin.country)
        return CheckoutRequest(idempotencyKey: key, cart: cart, address: berlin, payment: payment, expectedTotal: quote.total)
    }

    @Test func boughtPhonesGetTheFirstFreeNumbers() {
        let phones: PhoneList = [Phone(id: 1, name: "yealink t46u #1", modelID: "yealink-t46u", mac: nil),
                                 Phone(id: 2, name: "Yealink T46U #3", modelID: "yealink-t46u", mac: nil),
                                 Phone(id: 3, name: "Snom D717 #2", modelID: "snom-d717", mac: nil)]
        var taken: [String: Set<String>] = [:]
        let t46u = PhoneCatalog.model(id: "yealink-t46u")!, d717 = PhoneCatalog.model(id: "snom-d717")!
        let names = (0..<3).map { _ in Store.freeName(ShopNamePattern.standard, model: t46u, phones: phones, taken: &taken) }
        #expect(names == ["Yealink T46U #2", "Yealink T46U #4", "Yealink T46U #5"])
        #expect(Store.freeName(ShopNamePattern.standard, model: d717, phones: phones, taken: &taken) == "Snom D717 #1")
    }

    /// A charge that went through while the store was busy once looked like "nothing happened":
    /// a new checkout then charged the card again. The refusal says the card was charged, and
    /// Pay with the same key places the order without a second charge.
    @Test func aCardChargedWhileTheStoreIsBusySaysSoAndPayingAgainChargesOnce() throws {
        _ = try Store.open(directory: temp.url)
        let busy = Store(directory: temp.url, lockTimeout: 0.05)
        let card = CardDetails(number: "4242 4242 4242 4242", expiry: YearMonth(year: 2030, month: 1), cvc: "123", name: "A")
        let request = try request(busy, .newCard(card, save: false))
        let gateway = SandboxGateway()
        let fd = Glibc.open(temp.file(".lock").path, O_RDONLY)
        #expect(flock(fd, LOCK_EX) == 0)
        let refused = try Checkout.run(request, store: busy, gateway: gateway, now: now)
        close(fd)
        guard case .failure(let rejection) = refused else { Issue.record("placed while the store was locked"); return }
        #expect(rejection.charged)
        #expect(rejection.message.contains("The card was charged"))
        #expect(gateway.chargeCount == 1)
        let placed = try Checkout.run(request, store: busy, gateway: gateway, now: now)
        #expect((try? placed.get())?.order.number == "PD-2026-0001")
        #expect(gateway.chargeCount == 1)
    }

    @Test func companyAccountDebitsExactlyTheTotalAndAddsPhones() throws {
        let store = try Store.open(directory: temp.url)
        let request = try request(store, .companyAccount)
        let outcome = try Checkout.run(request, store: store, gateway: SandboxGateway(), now: now).get()
        #expect(outcome.order.total == 48195)
        #expect(outcome.order.number == "PD-2026-0001")
        let data = try store.load().data
        #expect(data.account.balance.cents == 50_000 - 48195)
        #expect(data.cart.isEmpty)
        #expect(data.orders.count == 1)
        let bought = data.phones.filter { $0.mac == nil }
        #expect(bought.map(\.name) == ["Yealink T46U #1", "Yealink T46U #2"])
        #expect(bought.allSatisfy { $0.status == .awaitingDelivery })
        // Paying again with the same key places nothing new.
        _ = try Checkout.run(request, store: store, gateway: SandboxGateway(), now: now).get()
        #expect(try store.load().data.orders.count == 1)
        #expect(try store.load().data.account.balance.cents == 50_000 - 48195)
    }

    @Test func insufficientBalanceChargesNothing() throws {
        let store = try Store.open(directory: temp.url)
        _ = try Checkout.run(try request(store, .companyAccount, key: "first"), store: store, gateway: SandboxGateway(), now: now).get()
        let second = try Checkout.run(try request(store, .companyAccount, key: "second"), store: store, gateway: SandboxGateway(), now: now)
        guard case .failure(.insufficientBalance) = second else { Issue.record("\(second)"); return }
        #expect(try store.load().data.orders.count == 1)
        #expect(try store.load().data.account.balance.cents == 50_000 - 48195)
    }

    @Test func aDeclinedCardWritesNoOrder() throws {
        let store = try Store.open(directory: temp.url)
        let card = CardDetails(number: "4000000000000002", expiry: YearMonth(year: 2030, month: 1), cvc: "123", name: "J K")
        let result = try Checkout.run(try request(store, .newCard(card, save: true)), store: store, gateway: SandboxGateway(), now: now)
        #expect(result == .failure(.declined("card declined")))
        let data = try store.load().data
        #expect(data.orders.isEmpty && data.account.cards.count == 1 && data.cart.count == 2)
    }

    @Test func aSavedNewCardKeepsOnlyBrandLastFourExpiryAndToken() throws {
        let store = try Store.open(directory: temp.url)
        let card = CardDetails(number: "4242424242424242", expiry: YearMonth(year: 2031, month: 7), cvc: "987", name: "J K")
        let outcome = try Checkout.run(try request(store, .newCard(card, save: true)), store: store, gateway: SandboxGateway(), now: now).get()
        #expect(outcome.order.payment == .card(brand: "Visa", last4: "4242"))
        #expect(outcome.order.payment.label == "Visa •••• 4242")
        let saved = try #require(try store.load().data.account.cards.last)
        #expect(saved.brand == "Visa" && saved.last4 == "4242" && saved.expiryMonth == 7 && saved.expiryYear == 2031)
        #expect(saved.gatewayToken.hasPrefix("tok_sandbox_"))
        for name in try FileManager.default.subpathsOfDirectory(atPath: temp.url.path) {
            guard let text = try? String(contentsOf: temp.url.appendingPathComponent(name), encoding: .utf8) else { continue }
            #expect(!text.contains("4242424242424242") && !text.contains("\"987\""), "\(name) holds card data")
        }
    }

    @Test func aPriceChangeIsCaughtBeforeCharging() throws {
        let store = try Store.open(directory: temp.url)
        var request = try request(store, .companyAccount)
        request.expectedTotal -= 1
        let gateway = SandboxGateway()
        guard case .failure(.priceChanged) = try Checkout.run(request, store: store, gateway: gateway, now: now) else {
            Issue.record("not caught"); return
        }
        #expect(gateway.chargeCount == 0)
    }

    @Test func anInterruptedOrderIsFinishedByTheNextWriter() throws {
        let store = try Store.open(directory: temp.url)
        // As a killed writer leaves it: committed (the manifest written), one file renamed into
        // place already, the other still staged.
        let orders = #"{"orders":[],"revision":7,"schemaVersion":1}"#
        var transaction = PendingTransaction(in: temp.url)
        try transaction.stage("orders.json", text: orders)
        try transaction.stage("cart.json", text: #"{"lines":[],"revision":3,"schemaVersion":1}"#)
        try JSONEncoder().encode(PendingTransaction.Manifest(files: transaction.names)).write(to: PendingTransaction.url(in: temp.url))
        #expect(rename(PendingTransaction.stagedPath("cart.json", in: temp.url), temp.file("cart.json").path) == 0)
        _ = try store.saveCart([CartLine(sku: "YEA-T31P", quantity: 1)])
        #expect(!FileManager.default.fileExists(atPath: PendingTransaction.url(in: temp.url).path))
        #expect(try String(contentsOf: temp.file("orders.json"), encoding: .utf8) == orders)
        #expect(try store.load().data.cart == [CartLine(sku: "YEA-T31P", quantity: 1)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).filter { $0.hasPrefix(".pending") }.isEmpty)
    }

    @Test func anUncommittedOrderIsForgottenByTheNextWriter() throws {
        let store = try Store.open(directory: temp.url)
        let before = try? String(contentsOf: temp.file("orders.json"), encoding: .utf8)
        // Staged, but killed before the manifest: nothing happened.
        var transaction = PendingTransaction(in: temp.url)
        try transaction.stage("orders.json", text: #"{"orders":[],"revision":99,"schemaVersion":1}"#)
        _ = try store.saveCart([CartLine(sku: "YEA-T31P", quantity: 1)])
        #expect((try? String(contentsOf: temp.file("orders.json"), encoding: .utf8)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).filter { $0.hasPrefix(".pending") }.isEmpty)
    }
}
