import PhoneDeskCore

/// The one ranking every dropdown uses to order its options against what was typed: exact code
/// or label first, then label prefixes, then word prefixes, then substrings; folded (any case, no
/// diacritics needed). "pl" puts PL Poland before the KP Korea whose name merely contains "pl".
enum DropdownRanking {
    enum Rank: Int, Comparable, Sendable {
        case exact, labelPrefix, wordPrefix, substring
        static func < (a: Rank, b: Rank) -> Bool { a.rawValue < b.rawValue }
    }

    /// What an option is searched by, folded once when the option is made.
    struct Keys: Equatable, Sendable {
        /// A short code typed whole ("pl", an extension); nil when the option has none.
        var code: String?
        /// The label and the option's other names (a country's English and Polish names).
        var texts: [String]
        /// The words of every text, for word prefixes ("korea, republic" → korea, republic).
        var words: [String]

        init(code: String?, texts: [String]) {
            self.code = code.map(SearchFold.fold)
            self.texts = texts.map(SearchFold.fold)
            words = self.texts.flatMap { $0.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) }
        }
    }

    /// How well `keys` match the folded, trimmed `query`; nil when they do not match.
    static func rank(_ query: String, _ keys: Keys) -> Rank? {
        let terms = query.split(separator: " ").map(String.init)
        guard !terms.isEmpty else { return .substring }
        if keys.code == query || keys.texts.contains(query) { return .exact }
        if keys.texts.contains(where: { $0.hasPrefix(query) }) { return .labelPrefix }
        // Every typed word starts some word: "kor pol" finds "Korea Południowa".
        if terms.allSatisfy({ term in keys.words.contains { $0.hasPrefix(term) } }) { return .wordPrefix }
        if terms.allSatisfy({ term in keys.texts.contains { $0.contains(term) } }) { return .substring }
        return nil
    }

    /// The indices of the options that match `typed`, best first; equal ranks keep list order.
    static func matches(_ typed: String, in options: [Keys]) -> [Int] {
        let query = SearchFold.fold(typed).split(separator: " ").joined(separator: " ")
        if query.isEmpty { return Array(options.indices) }
        return options.indices.compactMap { index in rank(query, options[index]).map { (index, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map(\.0)
    }
}
