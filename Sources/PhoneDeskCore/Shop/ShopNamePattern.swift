/// How phones bought in the shop are named (`Account.shopNamePattern`): text with the
/// placeholders {brand} ("Yealink"), {model} ("T46U") and {n}, the first number that makes the
/// name free on the account. The default keeps the names of earlier versions: "Yealink T46U #1".
public enum ShopNamePattern {
    public static let standard = "{brand} {model} #{n}"
    public static let placeholders = ["{brand}", "{model}", "{n}"]

    /// The largest {n} a problem check assumes (an order names at most a few hundred phones).
    static let widestNumber = 99_999

    /// What `pattern` is made of: literal text and placeholders, or why it is not a pattern.
    enum Part: Equatable { case text(String), brand, model, number }

    static func parts(_ pattern: String) -> Result<[Part], PatternProblem> {
        var parts: [Part] = []
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { return .failure(.unclosed) }
            let name = String(rest[open...close])
            switch name {
            case "{brand}": parts.append(.brand)
            case "{model}": parts.append(.model)
            case "{n}": parts.append(.number)
            default: return .failure(.unknown(name))
            }
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        return .success(parts)
    }

    enum PatternProblem: Error, Equatable { case unclosed, unknown(String) }

    /// Why `pattern` cannot name bought phones (nil: it can): it must hold {n} once, so every
    /// phone of an order gets a name of its own, and each name it makes must pass the name rule
    /// (visible, at most 64 columns) for every model, with the widest number.
    public static func problem(_ pattern: String) -> String? {
        let known = "the placeholders are {brand}, {model} and {n}"
        let parts: [Part]
        switch Self.parts(pattern.trimmingSpaces) {
        case .failure(.unclosed): return "A \"{\" is not closed by \"}\"; \(known)."
        case .failure(.unknown(let name)): return "Unknown placeholder \(name); \(known)."
        case .success(let found): parts = found
        }
        let numbers = parts.filter { $0 == .number }.count
        if numbers == 0 {
            return "Put {n} in the pattern: it numbers the phones so each gets a name of its own (e.g. \"\(standard)\")."
        }
        if numbers > 1 { return "Use {n} once." }
        for model in PhoneCatalog.models {
            if let problem = PhoneRules.nameRule.run(render(parts, model: model, n: widestNumber)) {
                return "Names made from it would be refused (\(model.label) #\(widestNumber)): \(problem)"
            }
        }
        return nil
    }

    /// The name `pattern` gives the `n`th phone of `model` (a pattern that does not parse: the default's).
    public static func name(_ pattern: String, model: PhoneModel, n: Int) -> String { namer(pattern, model: model)(n) }

    /// The names of `model` by number, the pattern checked once.
    static func namer(_ pattern: String, model: PhoneModel) -> (Int) -> String {
        let parts = parsed(pattern)
        return { render(parts, model: model, n: $0) }
    }

    /// The start every name of `model` from `pattern` has: its text before {n}.
    static func prefix(_ pattern: String, model: PhoneModel) -> String {
        render(Array(parsed(pattern).prefix { $0 != .number }), model: model, n: 0)
    }

    /// A pattern as stored, checked when it was set; one edited by hand into a bad shape names
    /// phones by the default rather than stopping a paid order.
    private static func parsed(_ pattern: String) -> [Part] {
        if problem(pattern) == nil, case .success(let parts) = parts(pattern.trimmingSpaces) { return parts }
        guard case .success(let parts) = parts(standard) else { return [] }
        return parts
    }

    private static func render(_ parts: [Part], model: PhoneModel, n: Int) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .brand: model.brand.rawValue
            case .model: model.name
            case .number: String(n)
            }
        }.joined().trimmingSpaces
    }
}
