import PhoneDeskCore

/// The one place that writes numbers for a person, per language: money, weights, percentages.
/// English keeps the core's forms ("EUR 1500.00", "0.8 kg", "7.5 %"), which the CLI's human text
/// also prints; Polish writes a decimal comma and groups thousands with a no-break space
/// (U+00A0), so "EUR 1 500,00" never splits across a wrapped line. Machine output (CLI --json,
/// CSV) never comes here.
public enum NumberFormat {
    static let polishGroupSeparator = "\u{00A0}"

    /// "EUR 500.00" / "EUR 1 500,00".
    public static func money(_ cents: Int, currency: String, _ language: Language) -> String {
        guard language == .pl else { return Money(cents: cents, currency: currency).display }
        let sign = cents < 0 ? "-" : ""
        let value = cents.magnitude  // abs(Int.min) would trap
        return "\(currency) \(sign)\(grouped(value / 100)),\(twoDigits(value % 100))"
    }

    /// One decimal, rounded half up: "0.8 kg" / "0,8 kg".
    public static func kilograms(grams: Int, _ language: Language) -> String {
        let tenths = (grams.magnitude + 50) / 100
        return "\(grams < 0 ? "-" : "")\(tenths / 10)\(decimalMark(language))\(tenths % 10) kg"
    }

    /// A rate in basis points: "23 %", "7.5 %" / "7,5 %".
    public static func percent(basisPoints: Int, _ language: Language) -> String {
        language == .pl ? Pricing.vatText(basisPoints).replacingOccurrences(of: ".", with: ",") : Pricing.vatText(basisPoints)
    }

    /// A count with its thousands grouped: "41,000" / "41 000" (a no-break space).
    public static func count(_ n: Int, _ language: Language) -> String {
        let digits = grouped(n.magnitude)
        return (n < 0 ? "-" : "") + (language == .pl ? digits : digits.replacingOccurrences(of: polishGroupSeparator, with: ","))
    }

    /// An English number a core message carried ("EUR 500.00", "0.8 kg", "7.5 %") written the
    /// Polish way; nil when `text` is not one (the localizer asks this of every value it fills in).
    static func polish(englishNumber text: String) -> String? {
        guard text.utf8.count <= 32, text.contains(".") || text.contains(",") else { return nil }
        if let m = text.wholeMatch(of: /([A-Z]{3}) (-?)(\d{1,18})\.(\d\d)/), let whole = Int(m.3), let cents = Int(m.4) {
            let value = whole * 100 + cents
            return money(m.2.isEmpty ? value : -value, currency: String(m.1), .pl)
        }
        if let m = text.wholeMatch(of: /(\d{1,9})\.(\d) (kg|%)/) { return "\(m.1),\(m.2) \(m.3)" }
        if text.wholeMatch(of: /\d{1,3}(,\d{3})+/) != nil { return text.replacingOccurrences(of: ",", with: polishGroupSeparator) }
        return nil
    }

    private static func decimalMark(_ language: Language) -> String { language == .pl ? "," : "." }

    private static func twoDigits(_ n: UInt) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// 1500 → "1 500" (no-break space every three digits from the right).
    private static func grouped(_ n: UInt) -> String {
        let digits = Array(String(n))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += polishGroupSeparator }
            out.append(digit)
        }
        return out
    }
}

extension Context {
    /// Money as the operator reads it in the panel's language.
    func money(_ cents: Int, _ currency: String) -> String { NumberFormat.money(cents, currency: currency, language) }
    func money(_ amount: Money) -> String { NumberFormat.money(amount.cents, currency: amount.currency, language) }
    /// "2 phones" / "2 telefony": the count with its noun, through the plural rule and the localizer.
    func count(_ n: Int, _ one: String, _ many: String) -> String { t(Plural.count(n, one, many)) }
}
