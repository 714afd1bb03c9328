/// The one plural rule: which form of a noun goes with a count, in English and in Polish.
/// Every count shown to a person ("1 phone", "2 phones", "5 telefonów") is chosen here.
public enum Plural {
    /// English has two forms; Polish three (1 telefon · 2–4, 22–24… telefony · 0, 5–21, 25… telefonów).
    public enum Form: Sendable, Equatable { case one, few, many }

    /// The English form for `n`: "one" only for exactly 1 (0 phones, 2 phones).
    public static func english(_ n: Int) -> Form { n == 1 ? .one : .many }

    /// The Polish form for `n` (the CLDR rule for integers).
    public static func polish(_ n: Int) -> Form {
        let value = n.magnitude
        if value == 1 { return .one }
        let ones = value % 10, tens = value % 100
        return (2...4).contains(ones) && !(12...14).contains(tens) ? .few : .many
    }

    /// "1 phone", "2 phones": the count and the English noun that goes with it.
    public static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(english(n) == .one ? one : many)"
    }

    /// The Polish noun for `n` from its three forms.
    public static func polishNoun(_ n: Int, one: String, few: String, many: String) -> String {
        switch polish(n) {
        case .one: return one
        case .few: return few
        case .many: return many
        }
    }
}
