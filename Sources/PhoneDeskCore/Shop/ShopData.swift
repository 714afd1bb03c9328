import Foundation

/// Catalogue categories, in menu order (SPEC §2).
public enum ProductCategory: String, Codable, CaseIterable, Sendable {
    case deskPhones = "desk-phones", conferencePhones = "conference-phones", dectPhones = "dect-phones"
    case headsets, accessories

    public var title: String {
        switch self {
        case .deskPhones: return "Desk phones"
        case .conferencePhones: return "Conference phones"
        case .dectPhones: return "DECT phones"
        case .headsets: return "Headsets"
        case .accessories: return "Adapters & accessories"
        }
    }
}

public struct Product: Codable, Hashable, Sendable {
    public var sku: String
    public var name: String
    public var brand: String
    public var category: ProductCategory
    /// For phones: the supported model it is; bought phones join the account as this model.
    public var model: String?
    /// Net price in cents of the shop's currency.
    public var price: Int
    public var weightGrams: Int
    /// Units in stock, or nil when made to order (then `leadTimeDays`).
    public var stock: Int?
    public var leadTimeDays: Int?
    public var description: String

    public var availability: String {
        if let stock, stock > 0 { return "\(stock) in stock" }
        return "\(leadTimeDays ?? 14)-day lead"
    }
}

/// One weight bracket of a delivery zone: up to `upToGrams` costs `price` cents.
public struct RateBracket: Codable, Hashable, Sendable {
    public var upToGrams: Int
    public var price: Int
}

public struct DeliveryZoneRates: Codable, Hashable, Sendable {
    public var brackets: [RateBracket]
    /// Per started kilogram above the last bracket.
    public var perExtraKilogram: Int
}

public enum DeliveryZone: String, Codable, Sendable { case domestic, eu, world }

/// The shop's data: products, delivery rates by zone and weight, VAT by destination.
public struct ShopData: Codable, Sendable {
    public var schemaVersion: Int
    public var currency: String
    /// The shop's own country: deliveries there are domestic.
    public var homeCountry: String
    public var euCountries: [String]
    /// VAT in basis points (2300 = 23 %) by destination; absent means 0 (export).
    public var vatBasisPoints: [String: Int]
    public var rates: [String: DeliveryZoneRates]
    public var products: [Product]

    public func zone(for country: String) -> DeliveryZone {
        if country == homeCountry { return .domestic }
        return euCountries.contains(country) ? .eu : .world
    }

    public func product(sku: String) -> Product? { products.first { $0.sku == sku } }

    /// Loads `DIR/shop.json` when the operator put one there, else the catalogue shipped with
    /// the program. A broken file is an error, not a silent fallback.
    public static func load(directory: URL) throws(StoreError) -> ShopData {
        let url = directory.appendingPathComponent("shop.json")
        guard let bytes = try DocumentFile<PhonesDocument>.readBytes(url.path, cap: 16 << 20) else { return builtIn }
        if let location = JSONErrorLocator.locate(bytes) { throw .corrupt(path: url.path, detail: location.description) }
        let shop: ShopData
        do { shop = try JSONDecoder().decode(ShopData.self, from: Data(bytes)) } catch let error as DecodingError {
            throw .corrupt(path: url.path, detail: DocumentFile<PhonesDocument>.describe(error))
        } catch { throw .corrupt(path: url.path, detail: "\(error)") }
        if let problem = shop.problem() { throw .corrupt(path: url.path, detail: problem) }
        return shop
    }

    /// Prices, weights, rates and VAT are never negative (VAT at most 100 %), and SKUs are
    /// unique: a negative price would credit the account.
    func problem() -> String? {
        if let (first, again) = DocumentRules.firstRepeat(products, \.sku) {
            return "products[\(again)]: SKU \(products[again].sku) is also products[\(first)]'s"
        }
        var values: [(String, Int)] = []
        for (k, product) in products.enumerated() {
            values += [("products[\(k)].price", product.price), ("products[\(k)].weightGrams", product.weightGrams)]
        }
        for (zone, rates) in rates.sorted(by: { $0.key < $1.key }) {
            values.append(("rates.\(zone).perExtraKilogram", rates.perExtraKilogram))
            for (k, bracket) in rates.brackets.enumerated() {
                values += [("rates.\(zone).brackets[\(k)].upToGrams", bracket.upToGrams), ("rates.\(zone).brackets[\(k)].price", bracket.price)]
            }
        }
        for (country, rate) in vatBasisPoints.sorted(by: { $0.key < $1.key }) {
            if rate > 10_000 { return "vatBasisPoints.\(country) is \(rate); VAT is at most 10000 basis points (100 %)" }
            values.append(("vatBasisPoints.\(country)", rate))
        }
        return DocumentRules.negative(values)
    }

    public static let builtIn: ShopData = {
        do { return try JSONDecoder().decode(ShopData.self, from: Data(ShopCatalogJSON.text.utf8)) } catch {
            fatalError("the built-in shop catalogue does not decode: \(error)")
        }
    }()
}
