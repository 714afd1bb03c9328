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
    /// "Company account" or "Visa •••• 4242".
    public var payment: String
    public var status: String
    /// One per checkout, so a repeated Pay never places (or charges) twice.
    public var idempotencyKey: String
    /// Ids of the phones this order added to the account.
    public var phoneIDs: [Int]

    public func money(_ cents: Int) -> String { Money(cents: cents, currency: currency).display }
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
