import Foundation
import Testing
@testable import PhoneDeskCore

/// orders.json as phonedesk wrote it before its fields were typed (Goldens/orders-*.json: one
/// from `phonedesk orders place`, one from checkouts with a new and a saved card) reads into
/// typed dates, payments and statuses and is written back byte for byte.
struct OrderFileTests {
    let temp = TempDirectory()

    static func golden(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/\(name)"))
    }

    /// Reads `bytes` as orders.json and writes the document again the way the store does.
    func reread(_ bytes: Data) throws -> (document: OrdersDocument, written: Data) {
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        try bytes.write(to: temp.file("orders.json"))
        let file = DocumentFile<OrdersDocument>(in: temp.url)
        let document = try #require(try file.read()).document
        let again = temp.file("again.json").path
        try AtomicFile.write(toPath: again, try file.contents(document))
        return (document, try Data(contentsOf: URL(fileURLWithPath: again)))
    }

    @Test(arguments: ["orders-company-account.json", "orders-cards.json"])
    func aFileWrittenBeforeIsRewrittenByteForByte(name: String) throws {
        let bytes = try Self.golden(name)
        let (_, written) = try reread(bytes)
        #expect(written == bytes, "\(String(decoding: written, as: UTF8.self))")
    }

    @Test func datesAreTyped() throws {
        let orders = try reread(try Self.golden("orders-cards.json")).document.orders
        #expect(orders.map(\.date.fields) == [CivilTime.Fields(year: 2026, month: 11, day: 18, hour: 11, minute: 6, second: 40),
                                              CivilTime.Fields(year: 2026, month: 11, day: 18, hour: 12, minute: 7, second: 41)])
        #expect(orders.map(\.date.minuteText) == ["2026-11-18 11:06", "2026-11-18 12:07"])
        #expect(orders[0].date < orders[1].date)
    }

    @Test func paymentsAndStatusesAreTyped() throws {
        let company = try reread(try Self.golden("orders-company-account.json")).document.orders
        #expect(company.map(\.payment) == [.companyAccount])
        #expect(company.map(\.status) == [.paid])
        let cards = try reread(try Self.golden("orders-cards.json")).document.orders
        #expect(cards.map(\.payment) == [.card(brand: "Visa", last4: "4242"), .card(brand: "Visa", last4: "4242")])
        #expect(cards.map(\.status) == [.paid, .paid])
    }

    /// A payment or status phonedesk does not write still loads, and is written back as it was.
    @Test func anUnknownPaymentOrStatusIsKeptAsItIs() throws {
        let text = String(decoding: try Self.golden("orders-company-account.json"), as: UTF8.self)
            .replacingOccurrences(of: "\"Company account\"", with: "\"Przelew \\\"bankowy\\\"\"")
            .replacingOccurrences(of: "\"Paid\"", with: "\"Shipped\"")
        let bytes = Data(text.utf8)
        let (document, written) = try reread(bytes)
        #expect(document.orders.map(\.payment) == [.other("Przelew \"bankowy\"")])
        #expect(document.orders.map(\.status) == [.other("Shipped")])
        #expect(written == bytes, "\(String(decoding: written, as: UTF8.self))")
    }
}

struct OrderPaymentTests {
    @Test(arguments: [("Company account", OrderPayment.companyAccount), ("Visa •••• 4242", .card(brand: "Visa", last4: "4242")),
                      ("Card •••• 0005", .card(brand: "Card", last4: "0005")), ("Maestro •••• 1234", .card(brand: "Maestro", last4: "1234")),
                      ("company account", .other("company account")), ("Company account ", .other("Company account ")),
                      (" •••• 4242", .other(" •••• 4242")), ("Visa •••• ", .other("Visa •••• ")), ("Visa **** 4242", .other("Visa **** 4242")),
                      ("x", .other("x")), ("", .other(""))])
    func readsTheStoredTextAndGivesItBack(label: String, payment: OrderPayment) throws {
        #expect(OrderPayment(label: label) == payment)
        #expect(payment.label == label)
        let json = try JSONEncoder().encode([payment])
        #expect(try JSONDecoder().decode([String].self, from: json) == [label])
        #expect(try JSONDecoder().decode([OrderPayment].self, from: json) == [payment])
    }

    @Test func aPlacedOrderRecordsWhatTheCheckoutShowed() {
        let visa = CardDetails(number: "4242424242424242", expiry: YearMonth(year: 2030, month: 1), cvc: "123", name: "A")
        let unknown = CardDetails(number: "9999999999990005", expiry: YearMonth(year: 2030, month: 1), cvc: "123", name: "A")
        let saved = SavedCard(brand: "Visa", last4: "4242", expiryMonth: 12, expiryYear: 2030, gatewayToken: "t")
        #expect(PaymentChoice.companyAccount.orderPayment == .companyAccount)
        #expect(PaymentChoice.newCard(visa, save: false).orderPayment == .card(brand: "Visa", last4: "4242"))
        #expect(PaymentChoice.newCard(unknown, save: true).orderPayment.label == "Card •••• 0005")
        #expect(PaymentChoice.savedCard(saved).orderPayment.label == "Visa •••• 4242")
        for choice in [PaymentChoice.companyAccount, .newCard(visa, save: false), .newCard(unknown, save: true), .savedCard(saved)] {
            #expect(OrderPayment(label: choice.label) == choice.orderPayment)
        }
    }

    @Test(arguments: [("Paid", OrderStatus.paid), ("paid", .other("paid")), ("Shipped", .other("Shipped")), ("", .other(""))])
    func statusReadsTheStoredTextAndGivesItBack(label: String, status: OrderStatus) throws {
        #expect(OrderStatus(label: label) == status)
        #expect(status.label == label)
        #expect(try JSONDecoder().decode([OrderStatus].self, from: try JSONEncoder().encode([status])) == [status])
    }
}

struct UTCTimestampTests {
    @Test(arguments: [0.0, 951_782_400, 1_795_000_000.75, 4_102_444_799, 1_709_208_000])
    func readsWhatCheckoutWrites(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = CivilTime.iso8601(date)
        let stamp = try #require(UTCTimestamp(iso8601: text))
        #expect(stamp == UTCTimestamp(date))
        #expect(stamp.iso8601 == text)
        // What the order list showed before the date was typed.
        #expect(stamp.minuteText == String(text.prefix(16)).replacingOccurrences(of: "T", with: " "))
        let json = try JSONEncoder().encode([stamp])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([UTCTimestamp].self, from: json) == [stamp])
    }

    @Test(arguments: ["", "2026-11-26", "2026-11-26 20:13:40Z", "2026-11-26T20:13:40", "2026-11-26T20:13:40+01:00",
                      "2026-11-26T20:13:40.5Z", "02026-11-26T20:13:40Z", "+2026-11-26T20:13:40Z", "2026-13-01T00:00:00Z",
                      "2026-00-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-26T24:00:00Z",
                      "2026-11-26T20:60:00Z", "2026-11-26T20:13:61Z", "2026-1l-26T20:13:40Z", "2026-11-26t20:13:40z",
                      "2026-11-26T20:13:40Z ", "２０２６-11-26T20:13:40Z"])
    func refusesAnythingElse(text: String) {
        #expect(UTCTimestamp(iso8601: text) == nil)
    }

    @Test func acceptsLeapDaysOnly() {
        #expect(UTCTimestamp(iso8601: "2024-02-29T00:00:00Z") != nil)
        #expect(UTCTimestamp(iso8601: "2000-02-29T00:00:00Z") != nil)
        #expect(UTCTimestamp(iso8601: "1900-02-29T00:00:00Z") == nil)
    }
}
