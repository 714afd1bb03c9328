/// A cart line: a product and how many.
public struct CartLine: Codable, Hashable, Sendable {
    public var sku: String
    public var quantity: Int
    public init(sku: String, quantity: Int) { self.sku = sku; self.quantity = quantity }

    /// How many of one product a line holds: every unit of a phone becomes a phone on the
    /// account, and a bound keeps every price × quantity far from overflowing.
    public static let quantities = 1...9_999
}

/// What an order costs, all in integer cents.
public struct Quote: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        public var product: Product
        public var quantity: Int
        public var total: Int
    }
    public var lines: [Line]
    public var subtotal: Int
    public var weightGrams: Int
    /// Nil until a delivery address is chosen.
    public var zone: DeliveryZone?
    public var delivery: Int
    public var vatBasisPoints: Int
    public var vat: Int
    public var total: Int
    public var currency: String

    public func money(_ cents: Int) -> String { Money(cents: cents, currency: currency).display }
}

public enum Pricing {
    /// Prices the cart for delivery to `country` (nil: no address yet, so no delivery or VAT).
    /// Unknown SKUs (a replaced catalogue) are left out.
    public static func quote(_ cart: [CartLine], shop: ShopData, country: String?) -> Quote {
        let lines = cart.compactMap { line -> Quote.Line? in
            guard let product = shop.product(sku: line.sku), line.quantity > 0 else { return nil }
            return Quote.Line(product: product, quantity: line.quantity, total: product.price * line.quantity)
        }
        let subtotal = lines.reduce(0) { $0 + $1.total }
        let weight = lines.reduce(0) { $0 + $1.product.weightGrams * $1.quantity }
        guard let country, !lines.isEmpty else {
            return Quote(lines: lines, subtotal: subtotal, weightGrams: weight, zone: nil, delivery: 0,
                         vatBasisPoints: 0, vat: 0, total: subtotal, currency: shop.currency)
        }
        let zone = shop.zone(for: country)
        let delivery = deliveryCost(weightGrams: weight, rates: shop.rates[zone.rawValue])
        let rate = shop.vatBasisPoints[country] ?? 0
        let vat = percentage(subtotal + delivery, basisPoints: rate)
        return Quote(lines: lines, subtotal: subtotal, weightGrams: weight, zone: zone, delivery: delivery,
                     vatBasisPoints: rate, vat: vat, total: subtotal + delivery + vat, currency: shop.currency)
    }

    /// The first bracket that holds the weight; above the last, each started kilogram costs extra.
    public static func deliveryCost(weightGrams: Int, rates: DeliveryZoneRates?) -> Int {
        guard let rates, let last = rates.brackets.last, weightGrams > 0 else { return 0 }
        if let bracket = rates.brackets.first(where: { weightGrams <= $0.upToGrams }) { return bracket.price }
        let extraKilograms = (weightGrams - last.upToGrams + 999) / 1000
        return last.price + extraKilograms * rates.perExtraKilogram
    }

    /// `cents × basisPoints / 10 000`, rounded half up (commercial rounding of a tax amount).
    public static func percentage(_ cents: Int, basisPoints: Int) -> Int {
        (cents * basisPoints + 5_000) / 10_000
    }

    public static func vatText(_ basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100) %" : "\(basisPoints / 100).\(basisPoints % 100 / 10) %"
    }
}
