/// A placed order, as kept in orders.json. Card data is only ever the masked form.
public struct Order: Codable, Hashable, Sendable {
    public struct Line: Codable, Hashable, Sendable {
        public var sku: String
        public var name: String
        public var quantity: Int
        public var unitPrice: Int
        public var total: Int
    }
    public var number: String
    /// When it was placed; stored as "2026-11-26T20:13:40Z".
    public var date: UTCTimestamp
    public var lines: [Line]
    public var address: PostalAddress
    public var zone: DeliveryZone
    public var subtotal: Int
    public var delivery: Int
    public var vatBasisPoints: Int
    public var vat: Int
    public var total: Int
    public var currency: String
    /// Stored as "Company account" or "Visa •••• 4242".
    public var payment: OrderPayment
    /// Stored as "Paid".
    public var status: OrderStatus
    /// One per checkout, so a repeated Pay never places (or charges) twice.
    public var idempotencyKey: String
    /// Ids of the phones this order added to the account.
    public var phoneIDs: [Int]

    public func money(_ cents: Int) -> String { Money(cents: cents, currency: currency).display }
}

/// How an order was paid. orders.json keeps it as the text `label` shows ("Company account",
/// "Visa •••• 4242"), which is also what the shop and `phonedesk orders list` print.
public enum OrderPayment: Hashable, Sendable, Codable {
    case companyAccount
    /// A card, only ever masked: its brand as the checkout names it ("Visa", or "Card" when the
    /// number's brand is unknown; a saved card's brand as account.json has it) and last digits.
    case card(brand: String, last4: String)
    /// Any other text, kept as it is: an order file from an older or another program must never
    /// become unreadable (or be rewritten differently) because of the way it names a payment.
    case other(String)

    static let cardMask = " •••• "

    /// The text as stored: the company account, a masked card, or an unknown payment verbatim.
    public init(label: String) {
        if label == "Company account" { self = .companyAccount; return }
        // Split at the last mask, matched literally: brand + mask + last4 is then the label
        // exactly, so the file is rewritten as it was read.
        if let mask = label.range(of: Self.cardMask, options: [.backwards, .literal]) {
            let brand = String(label[..<mask.lowerBound]), last4 = String(label[mask.upperBound...])
            if !brand.isEmpty, !last4.isEmpty { self = .card(brand: brand, last4: last4); return }
        }
        self = .other(label)
    }

    /// "Company account" or "Visa •••• 4242": what orders.json holds and the screens print (the
    /// UI translates it like any other English text).
    public var label: String {
        switch self {
        case .companyAccount: return "Company account"
        case .card(let brand, let last4): return CardRules.masked(brand: brand, last4: last4)
        case .other(let text): return text
        }
    }

    public init(from decoder: Decoder) throws { self.init(label: try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }
}

/// Where an order stands. orders.json keeps it as the text `label` shows; phonedesk places
/// orders paid, so "Paid" is the only status it writes.
public enum OrderStatus: Hashable, Sendable, Codable {
    case paid
    /// Any other text, kept as it is, so an order file from an older or another program (a
    /// "Shipped", a "Refunded") stays readable and is rewritten unchanged.
    case other(String)

    public init(label: String) { self = label == "Paid" ? .paid : .other(label) }

    /// "Paid": what orders.json holds and the screens print (translated by the UI).
    public var label: String {
        switch self {
        case .paid: return "Paid"
        case .other(let text): return text
        }
    }

    public init(from decoder: Decoder) throws { self.init(label: try decoder.singleValueContainer().decode(String.self)) }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }
}

public struct OrdersDocument: StoreDocument, Equatable {
    public static let fileName = "orders.json"
    public static let knownSchema = 1
    public var schemaVersion = knownSchema
    public var revision = 0
    public var orders: [Order]
    public init(orders: [Order] = []) { self.orders = orders }
}

public struct CartDocument: StoreDocument, Equatable {
    public static let fileName = "cart.json"
    public static let knownSchema = 1
    public var schemaVersion = knownSchema
    public var revision = 0
    public var lines: [CartLine]
    public init(lines: [CartLine] = []) { self.lines = lines }
}
