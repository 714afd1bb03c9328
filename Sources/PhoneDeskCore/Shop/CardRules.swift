/// Card brands the checkout recognises from the number's prefix.
public enum CardBrand: String, Codable, Sendable, CaseIterable {
    case visa = "Visa", mastercard = "Mastercard", amex = "Amex", discover = "Discover", diners = "Diners", jcb = "JCB"

    public var lengths: [Int] {
        switch self {
        case .visa: return [13, 16, 19]
        case .mastercard: return [16]
        case .amex: return [15]
        case .discover, .jcb: return [16, 17, 18, 19]
        case .diners: return [14, 15, 16, 17, 18, 19]
        }
    }

    public var cvcLength: Int { self == .amex ? 4 : 3 }

    /// Digit groups as printed on the card.
    var groups: [Int] {
        switch self {
        case .amex: return [4, 6, 5]
        case .diners: return [4, 6, 4, 5]
        default: return [4, 4, 4, 4, 3]
        }
    }
}

/// A year and month, for card expiry (the clock is read by the runtime, not by the rules).
public struct YearMonth: Comparable, Hashable, Sendable, Codable {
    public var year: Int
    public var month: Int
    public init(year: Int, month: Int) { self.year = year; self.month = month }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
}

/// Validation of a new card: brand, Luhn, length, expiry, CVC, name.
public enum CardRules {
    public static func digits(_ text: String) -> String { text.filter { $0.isASCII && $0.isNumber } }

    public static func brand(of number: String) -> CardBrand? {
        let d = digits(number)
        func prefix(_ n: Int) -> Int? { d.count >= n ? Int(d.prefix(n)) : nil }
        if d.hasPrefix("4") { return .visa }
        if d.hasPrefix("34") || d.hasPrefix("37") { return .amex }
        if let p2 = prefix(2), (51...55).contains(p2) { return .mastercard }
        if let p4 = prefix(4), (2221...2720).contains(p4) { return .mastercard }
        if d.hasPrefix("6011") || d.hasPrefix("65") { return .discover }
        if let p3 = prefix(3), (644...649).contains(p3) { return .discover }
        if let p6 = prefix(6), (622_126...622_925).contains(p6) { return .discover }
        if let p4 = prefix(4), (3528...3589).contains(p4) { return .jcb }
        if let p3 = prefix(3), (300...305).contains(p3) { return .diners }
        if d.hasPrefix("36") || d.hasPrefix("38") || d.hasPrefix("39") { return .diners }
        return nil
    }

    /// The number grouped as typed: "4242 4242 4242 4242", Amex "3782 822463 10005".
    public static func grouped(_ text: String) -> String {
        let d = digits(text)
        let groups = brand(of: d)?.groups ?? [4, 4, 4, 4, 3]
        var out: [String] = []
        var rest = Substring(d)
        for size in groups where !rest.isEmpty {
            out.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        if !rest.isEmpty { out.append(String(rest)) }
        return out.joined(separator: " ")
    }

    public static func luhn(_ number: String) -> Bool {
        let d = digits(number).reversed().compactMap(\.wholeNumberValue)
        guard d.count >= 12 else { return false }
        let sum = d.enumerated().reduce(0) { total, item in
            let (index, digit) = item
            guard index % 2 == 1 else { return total + digit }
            let doubled = digit * 2
            return total + (doubled > 9 ? doubled - 9 : doubled)
        }
        return sum % 10 == 0
    }

    public static func numberProblem(_ text: String) -> String? {
        if text.contains(where: { !($0.isASCII && $0.isNumber) && $0 != " " && $0 != "-" }) { return "Digits only." }
        let d = digits(text)
        if d.isEmpty { return "Enter the card number." }
        guard let brand = brand(of: d) else { return "Not a Visa, Mastercard, Amex, Discover, Diners or JCB number." }
        if !brand.lengths.contains(d.count) {
            let lengths = brand.lengths.map(String.init).joined(separator: " or ")
            return "\(brand.rawValue) numbers have \(lengths) digits; this has \(d.count)."
        }
        if !luhn(d) { return "This number has a typo (its check digit is wrong)." }
        return nil
    }

    /// "MM/YY" → the expiry, refused when past or more than 20 years ahead of `today`.
    public static func expiry(_ text: String, today: YearMonth) -> Result<YearMonth, CheckFailure> {
        let parts = text.trimmingSpaces.split(separator: "/")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let month = Int(parts[0]), let year = Int(parts[1]) else { return .failure(CheckFailure("Use MM/YY, e.g. 08/29.")) }
        guard (1...12).contains(month) else { return .failure(CheckFailure("The month must be 01-12.")) }
        let expiry = YearMonth(year: 2000 + year, month: month)
        if expiry < today { return .failure(CheckFailure("This card has expired.")) }
        if expiry > YearMonth(year: today.year + 20, month: today.month) {
            return .failure(CheckFailure("That is more than 20 years ahead; check the year."))
        }
        return .success(expiry)
    }

    public static func cvcProblem(_ cvc: String, brand: CardBrand?) -> String? {
        let length = brand?.cvcLength ?? 3
        guard cvc.count == length, cvc.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "The security code is \(length) digits\(brand == .amex ? " (front of the card)" : " (back of the card)")."
        }
        return nil
    }

    /// The name printed on the card: a name by the text rule.
    public static let holderName = Check<String>.name("Name on card")

    public static func masked(brand: String, last4: String) -> String { "\(brand) •••• \(last4)" }
}

/// A failed check's message, as an Error for Result.
public struct CheckFailure: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
