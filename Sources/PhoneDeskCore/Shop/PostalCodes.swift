/// Postal code rules by country: the pattern and an example shown when a code is refused.
public enum PostalCodes {
    struct Rule: Sendable {
        /// Pattern letters: `9` a digit, `A` a letter, anything else itself.
        var patterns: [String]
        var example: String
        var extra: (@Sendable (String) -> String?)?
    }

    static let rules: [String: Rule] = [
        "PL": Rule(patterns: ["99-999"], example: "00-950", extra: nil),
        "DE": Rule(patterns: ["99999"], example: "10115", extra: nil),
        "FR": Rule(patterns: ["99999"], example: "75008", extra: nil),
        "IT": Rule(patterns: ["99999"], example: "00184", extra: nil),
        "ES": Rule(patterns: ["99999"], example: "28013", extra: { code in
            let province = Int(code.prefix(2)) ?? 0
            return (1...52).contains(province) ? nil : "Spanish postal codes start with a province number 01-52."
        }),
        "NL": Rule(patterns: ["9999 AA", "9999AA"], example: "1012 JS", extra: { code in
            code.first == "0" ? "Dutch postal codes do not start with 0." : nil
        }),
        "US": Rule(patterns: ["99999", "99999-9999"], example: "94105 or 94105-1804", extra: nil),
        "GB": Rule(patterns: ["A9 9AA", "A99 9AA", "AA9 9AA", "AA99 9AA", "A9A 9AA", "AA9A 9AA"], example: "SW1A 1AA", extra: nil),
        "AT": Rule(patterns: ["9999"], example: "1010", extra: nil),
        "CZ": Rule(patterns: ["999 99", "99999"], example: "110 00", extra: nil),
    ]

    /// The message to show under the field, or nil when the code is fine. Countries without a
    /// rule accept any non-empty code of up to 12 characters.
    public static func check(_ raw: String, country: String) -> String? {
        let code = raw.trimmingSpaces.uppercased()
        if code.isEmpty { return "Postal code is required." }
        guard let rule = rules[country] else {
            return code.count <= 12 ? nil : "Postal code is too long."
        }
        let name = Countries.named(country)?.name ?? country
        guard rule.patterns.contains(where: { matches(code, $0) }) else {
            return "Not a \(name) postal code: expected the form \(rule.example)."
        }
        return rule.extra?(code)
    }

    static func matches(_ code: String, _ pattern: String) -> Bool {
        guard code.count == pattern.count else { return false }
        return zip(code, pattern).allSatisfy { c, p in
            switch p {
            case "9": return c.isASCII && c.isNumber
            case "A": return c.isASCII && c.isLetter
            default: return c == p
            }
        }
    }
}
