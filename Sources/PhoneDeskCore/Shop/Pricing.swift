/// A cart line: a product and how many.
public struct CartLine: Codable, Hashable, Sendable {
    public var sku: String
    public var quantity: Int
    public init(sku: String, quantity: Int) { self.sku = sku; self.quantity = quantity }

    /// How many of one product a line holds: every unit of a phone becomes a phone on the
    /// account, and a bound keeps every price × quantity far from overflowing.
    public static let quantities = 1...9_999
    /// Said when `+` would pass the bound.
    public static let fullMessage = "At most \(quantities.upperBound) of one product per order."
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
    /// Set when a total does not fit in an integer (absurd quantities or prices): nothing can
    /// be placed; the sums are 0.
    public var tooLarge = false

    public func money(_ cents: Int) -> String { Money(cents: cents, currency: currency).display }
}

public enum Pricing {
    /// Prices the cart for delivery to `country` (nil: no address yet, so no delivery or VAT).
    /// Unknown SKUs (a replaced catalogue) are left out. Every sum and product is checked: an
    /// overflow gives a quote marked `tooLarge`, never a trap.
    public static func quote(_ cart: [CartLine], shop: ShopData, country: String?) -> Quote {
        var overflow = false
        func checked(_ value: Int?) -> Int {
            guard let value else { overflow = true; return 0 }
            return value
        }
        let lines = cart.compactMap { line -> Quote.Line? in
            guard let product = shop.product(sku: line.sku), line.quantity > 0 else { return nil }
            return Quote.Line(product: product, quantity: line.quantity, total: checked(product.price.times(line.quantity)))
        }
        let subtotal = lines.reduce(0) { checked($0.plus($1.total)) }
        let weight = lines.reduce(0) { checked($1.product.weightGrams.times($1.quantity).flatMap($0.plus)) }
        var quote = Quote(lines: lines, subtotal: subtotal, weightGrams: weight, zone: nil, delivery: 0,
                          vatBasisPoints: 0, vat: 0, total: subtotal, currency: shop.currency)
        if let country, !lines.isEmpty {
            let zone = shop.zone(for: country)
            let delivery = checked(checkedDeliveryCost(weightGrams: weight, rates: shop.rates[zone.rawValue]))
            let rate = shop.vatBasisPoints[country] ?? 0
            let vat = checked(subtotal.plus(delivery).flatMap { checkedPercentage($0, basisPoints: rate) })
            quote = Quote(lines: lines, subtotal: subtotal, weightGrams: weight, zone: zone, delivery: delivery,
                          vatBasisPoints: rate, vat: vat, total: checked(subtotal.plus(delivery).flatMap { $0.plus(vat) }),
                          currency: shop.currency)
        }
        if overflow {
            quote.tooLarge = true
            quote.subtotal = 0; quote.delivery = 0; quote.vat = 0; quote.total = 0
        }
        return quote
    }

    /// The first bracket that holds the weight; above the last, each started kilogram costs extra.
    /// (Int.max when it overflows; quotes use the checked form.)
    public static func deliveryCost(weightGrams: Int, rates: DeliveryZoneRates?) -> Int {
        checkedDeliveryCost(weightGrams: weightGrams, rates: rates) ?? .max
    }

    static func checkedDeliveryCost(weightGrams: Int, rates: DeliveryZoneRates?) -> Int? {
        guard let rates, let last = rates.brackets.last, weightGrams > 0 else { return 0 }
        if let bracket = rates.brackets.first(where: { weightGrams <= $0.upToGrams }) { return bracket.price }
        guard let over = weightGrams.minus(last.upToGrams).flatMap({ $0.plus(999) }) else { return nil }
        return rates.perExtraKilogram.times(over / 1000).flatMap { last.price.plus($0) }
    }

    /// `cents × basisPoints / 10 000`, rounded half up (commercial rounding of a tax amount).
    /// (Int.max when it overflows; quotes use the checked form.)
    public static func percentage(_ cents: Int, basisPoints: Int) -> Int {
        checkedPercentage(cents, basisPoints: basisPoints) ?? .max
    }

    static func checkedPercentage(_ cents: Int, basisPoints: Int) -> Int? {
        cents.times(basisPoints).flatMap { $0.plus(5_000) }.map { $0 / 10_000 }
    }

    public static func vatText(_ basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100) %" : "\(basisPoints / 100).\(basisPoints % 100 / 10) %"
    }
}
