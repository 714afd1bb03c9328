/// The phones filter as typed: free words AND `field:value` terms (`user:none model:t46u biuro`).
/// One parser for the panel's table and the CLI's `--filter`; matching is `PhoneSearchIndex`'s.
/// Values are folded (`SearchFold`): any case, diacritics optional. A quoted value keeps its
/// spaces (`name:"Biuro Łódź"`).
public struct PhoneFilter: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case name, mac, user, model, status, template, image, blf

        /// Fields whose value `none` means "not set" rather than the text "none".
        public var takesNone: Bool { [.mac, .user, .template, .image, .blf].contains(self) }
    }

    public struct Term: Equatable, Sendable {
        /// Nil for a free word (it matches name, user, model, MAC or fetch status).
        public var field: Field?
        /// As typed, without quotes.
        public var value: String
        public var folded: String

        public init(_ field: Field?, _ value: String) {
            self.field = field; self.value = value; folded = SearchFold.fold(value)
        }

        /// `user:none`: the field is not set.
        public var isNone: Bool { field?.takesNone == true && folded == "none" }

        /// Every phone this term lets through passes `other` too (typing one more letter).
        func implies(_ other: Term) -> Bool {
            guard field == other.field, isNone == other.isNone else { return false }
            if isNone { return true }
            // Status words match by prefix ("wait" is not "awaiting"); the rest by substring.
            return field == .status ? folded.hasPrefix(other.folded) : folded.contains(other.folded)
        }

        var display: String {
            let quoted = value.contains(" ") || value.isEmpty ? "\"\(value)\"" : value
            guard let field else { return "\"\(value)\"" }
            return field.rawValue + ":" + (value.isEmpty ? "" : quoted)
        }
    }

    /// Terms with something to match (a bare `name:` while typing matches everything).
    public var terms: [Term]

    public init(terms: [Term]) { self.terms = terms }

    /// Matches every phone.
    public var isEmpty: Bool { terms.allSatisfy { $0.folded.isEmpty } }

    /// The filter as understood, for the header: `user:none model:t46u "biuro"`.
    public var display: String { terms.filter { !$0.folded.isEmpty || $0.field != nil }.map(\.display).joined(separator: " ") }

    /// True when both let the same phones through (a space or a closing quote typed): nothing
    /// to scan.
    public func sameMatches(as other: PhoneFilter) -> Bool { effective == other.effective }

    private var effective: [String] {
        terms.filter { !$0.folded.isEmpty }.map { ($0.field?.rawValue ?? "") + ":" + $0.folded }
    }

    /// True when every phone `self` shows is among those `previous` showed, so only those need
    /// checking (the common case: one more letter typed).
    public func narrows(_ previous: PhoneFilter) -> Bool {
        previous.terms.allSatisfy { old in old.folded.isEmpty || terms.contains { $0.implies(old) } }
    }

    public static func parse(_ text: String) throws(PhoneFilterError) -> PhoneFilter {
        var terms: [Term] = []
        for token in tokens(text) {
            if token.first == "\"" { terms.append(Term(nil, unquote(token))); continue }
            if let colon = token.firstIndex(of: ":") {
                let name = String(token[..<colon])
                if let field = Field(rawValue: SearchFold.fold(name)) {
                    terms.append(Term(field, unquote(String(token[token.index(after: colon)...]))))
                    continue
                }
                // "80:5e:c0" is a MAC, not a field; "nam:x" is a typo worth saying so.
                if MACAddress.searchFragment(token) == nil, !name.isEmpty, name.allSatisfy(\.isLetter) {
                    throw PhoneFilterError(field: name)
                }
            }
            terms.append(Term(nil, unquote(token)))
        }
        return PhoneFilter(terms: terms)
    }

    /// Splits at spaces outside quotes; an unclosed quote runs to the end (still typing).
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for c in text {
            if c == "\"" { quoted.toggle() }
            if c == " " && !quoted {
                if !current.isEmpty { out.append(current) }
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    private static func unquote(_ text: String) -> String { text.replacing("\"", with: "") }

    /// Tab in the filter line: the field name being typed, completed as far as it is certain.
    public struct Completion: Equatable, Sendable {
        public var text: String
        /// The fields that still fit what was typed (several: the operator types more).
        public var choices: [Field]
    }

    public static func complete(_ text: String) -> Completion {
        let all = Completion(text: text, choices: Field.allCases)
        guard let last = tokens(text).last, !text.hasSuffix(" ") else { return all }
        guard !last.contains(":"), !last.contains("\"") else { return Completion(text: text, choices: []) }
        let typed = SearchFold.fold(last)
        let fits = Field.allCases.filter { $0.rawValue.hasPrefix(typed) }
        guard let first = fits.first else { return Completion(text: text, choices: []) }
        let head = String(text.dropLast(last.count))
        if fits.count == 1 { return Completion(text: head + first.rawValue + ":", choices: fits) }
        // The longest start they share ("m" → "m", "t" → "template:" alone).
        var common = first.rawValue
        for field in fits.dropFirst() { while !field.rawValue.hasPrefix(common) { common.removeLast() } }
        return Completion(text: head + (common.count > typed.count ? common : last), choices: fits)
    }
}

/// A `word:` before a value that names no field.
public struct PhoneFilterError: Error, Equatable, Sendable {
    public var field: String
    public var message: String {
        "Unknown filter field \"\(field):\"; use " + PhoneFilter.Field.allCases.map { $0.rawValue + ":" }.joined(separator: " ")
    }
}
