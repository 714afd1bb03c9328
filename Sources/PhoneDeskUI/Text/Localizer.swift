import PhoneDeskCore
import Synchronization

/// The panel's languages.
public enum Language: String, Sendable, CaseIterable {
    case en, pl

    /// `--lang` wins; else LC_ALL, LC_MESSAGES, LANG in that order (pl_* → Polish); else English.
    public static func resolve(flag: String?, environment: [String: String]) -> Language {
        if let flag, let language = Language(rawValue: flag.lowercased()) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("pl") ? .pl : .en
        }
        return .en
    }
}

/// Translates what the panel shows. Code is written in English; a text is looked up whole, or
/// matched against templates with `{0}`, `{1}`… holes (so messages built from values — including
/// the core's validation messages — translate without the core knowing languages).
public enum Localizer {
    /// `record: false` for values inside a template (names, numbers) and for data that may or
    /// may not be a UI word (dropdown options).
    public static func tr(_ text: String, _ language: Language, record: Bool = true) -> String {
        guard language == .pl, !text.isEmpty else { return text }
        if let exact = Polish.exact[text] { return exact }
        if let number = NumberFormat.polish(englishNumber: text) { return number }
        if let country = PolishCountries.byEnglishName[text] { return country }
        for template in Polish.templates {
            if let values = template.match(text) {
                return template.fill(values.map { tr($0, language, record: false) })
            }
        }
        if record { Localizer.noteMissing(text) }
        return text
    }

    /// Texts asked for in Polish that had no translation (tests read it to find gaps).
    static let missing = Mutex<Set<String>>([])
    static func noteMissing(_ text: String) {
        // Data (names, numbers, MACs, URLs) is not UI text; only letters-and-spaces phrases count.
        guard text.contains(where: { $0.isLetter }), text.count > 1 else { return }
        missing.withLock { _ = $0.insert(text) }
    }
}

/// An English template and its Polish translation, e.g. `Added "{0}".` → `Dodano „{0}”.`
struct Template: Sendable {
    let english: [Segment]
    let polish: String

    enum Segment: Sendable, Equatable { case literal(String), hole(Int) }

    init(_ english: String, _ polish: String) {
        self.english = Template.segments(english)
        self.polish = polish
    }

    static func segments(_ text: String) -> [Segment] {
        var out: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let n = Int(rest[afterOpen..<close]) {
                literal += rest[..<open]
                if !literal.isEmpty { out.append(.literal(literal)); literal = "" }
                out.append(.hole(n))
                rest = rest[rest.index(after: close)...]
            } else {
                literal += rest[...open]
                rest = rest[afterOpen...]
            }
        }
        literal += rest
        if !literal.isEmpty { out.append(.literal(literal)) }
        return out
    }

    /// The values of the holes when `text` fits the template (each hole takes the shortest run
    /// up to the next literal; the last hole takes the rest).
    func match(_ text: String) -> [String]? {
        var values: [Int: String] = [:]
        var rest = Substring(text)
        var pendingHole: Int?
        for segment in english {
            switch segment {
            case .hole(let n):
                pendingHole = n
            case .literal(let literal):
                if let hole = pendingHole {
                    guard let found = rest.range(of: literal) else { return nil }
                    let value = String(rest[..<found.lowerBound])
                    if value.isEmpty { return nil }
                    values[hole] = value
                    rest = rest[found.upperBound...]
                    pendingHole = nil
                } else {
                    guard rest.hasPrefix(literal) else { return nil }
                    rest = rest.dropFirst(literal.count)
                }
            }
        }
        if let hole = pendingHole {
            if rest.isEmpty { return nil }
            values[hole] = String(rest)
        } else if !rest.isEmpty {
            return nil
        }
        return (0..<values.count).map { values[$0] ?? "" }
    }

    /// Puts the values into the Polish text. `{0:telefon|telefony|telefonów}` is the noun form
    /// `Plural` chooses for the count in value 0 (its last form when the value is no number).
    func fill(_ values: [String]) -> String {
        var out = polish
        for (n, value) in values.enumerated() {
            while let open = out.range(of: "{\(n):"), let close = out[open.upperBound...].firstIndex(of: "}") {
                let forms = out[open.upperBound..<close].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                var noun = forms.last ?? ""
                if forms.count == 3, let count = Int(value) { noun = Plural.polishNoun(count, one: forms[0], few: forms[1], many: forms[2]) }
                out.replaceSubrange(open.lowerBound...close, with: noun)
            }
            out = out.replacingOccurrences(of: "{\(n)}", with: value)
        }
        return out
    }
}
