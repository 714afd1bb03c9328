/// What a programmable key does (docs/data.md "Key layouts").
public enum KeyType: String, Codable, CaseIterable, Sendable {
    case line, blf, speedDial, callPark, dnd, none

    /// Whether the key needs a value (an extension or a number to dial).
    public var needsValue: Bool {
        switch self {
        case .blf, .speedDial, .callPark: return true
        case .line, .dnd, .none: return false
        }
    }

    /// The word the CLI and the panel show and accept.
    public var word: String {
        switch self {
        case .line: return "line"
        case .blf: return "blf"
        case .speedDial: return "speed-dial"
        case .callPark: return "park"
        case .dnd: return "dnd"
        case .none: return "none"
        }
    }

    /// Finds a type by its word or its stored name, ignoring case ("speed-dial", "speedDial", "BLF").
    public static func named(_ text: String) -> KeyType? {
        let folded = text.trimmingSpaces.lowercased()
        return allCases.first { $0.word == folded || $0.rawValue.lowercased() == folded }
    }
}

/// One programmable key: its number on the phone (keys on the sidecars follow the phone's own),
/// what it does, its value and its label (nil: the phone shows the value or the user's name).
public struct PhoneKey: Codable, Hashable, Sendable {
    public var number: Int
    public var type: KeyType
    public var value: String?
    public var label: String?

    public init(number: Int, type: KeyType, value: String? = nil, label: String? = nil) {
        self.number = number; self.type = type; self.value = value; self.label = label
    }
}

/// A phone's whole key layout: the keys, in number order, and how many sidecars it has.
///
/// Stored in two places for compatibility with files of an older phonedesk: a BLF on key 2 is
/// the phone's `blf` field (what the table and the edit form show as "BLF"), its label, if any,
/// `blfLabel`; every other key is in the phone's `keys`, which never holds key 2 beside `blf`
/// (docs/data.md).
public struct KeyLayout: Hashable, Sendable {
    public var keys: [PhoneKey]
    public var sidecars: Int

    public init(keys: [PhoneKey] = [], sidecars: Int = 0) {
        self.keys = keys.sorted { $0.number < $1.number }
        self.sidecars = sidecars
    }

    public func key(_ number: Int) -> PhoneKey? { keys.first { $0.number == number } }

    /// Sets key `key.number`, replacing what was there. A key of type none is kept: it is an
    /// explicit empty key, written so the vendor's default there goes (a Yealink line key
    /// defaults to a line); `clear` removes a key.
    public mutating func set(_ key: PhoneKey) {
        keys.removeAll { $0.number == key.number }
        keys.append(key)
        keys.sort { $0.number < $1.number }
    }

    public mutating func clear(_ number: Int) { keys.removeAll { $0.number == number } }

    /// The line key (1-based) the seed's single BLF sits on: the first key is the phone's own line.
    public static let seedBLFKey = 2

    /// The layout as stored: `blf` and its label (the seed's key 2) and the other keys.
    public var stored: (blf: String?, blfLabel: String?, keys: [PhoneKey]) {
        var others = keys
        guard let second = key(Self.seedBLFKey), second.type == .blf, let value = second.value else {
            return (nil, nil, others)
        }
        others.removeAll { $0.number == Self.seedBLFKey }
        return (value, second.label, others)
    }
}

extension Phone {
    /// The phone's whole layout: its `keys` with the seed's BLF as key 2.
    public var layout: KeyLayout {
        // A number set twice by hand: the first counts, in the phone's file too (two
        // lineKey.3.category attributes are not XML), and the next `set` or `clear` saves a
        // layout that keeps the rules instead of being refused for it.
        var seen = Set<Int>()
        var all = (keys ?? []).filter { seen.insert($0.number).inserted }
        if let blf = blfExtension, !all.contains(where: { $0.number == KeyLayout.seedBLFKey }) {
            all.append(PhoneKey(number: KeyLayout.seedBLFKey, type: .blf, value: blf, label: blfLabel))
        }
        return KeyLayout(keys: all, sidecars: sidecars ?? 0)
    }

    /// Stores `layout` the compatible way (see `KeyLayout`).
    public mutating func setLayout(_ layout: KeyLayout) {
        let stored = layout.stored
        blfExtension = stored.blf
        blfLabel = stored.blfLabel
        keys = stored.keys.isEmpty ? nil : stored.keys
        sidecars = layout.sidecars == 0 ? nil : layout.sidecars
    }

    /// Puts key 2 where `KeyLayout` keeps it, for a file that has it elsewhere: a BLF on key 2 in
    /// `keys` (an earlier phonedesk kept a labelled one there) moves to `blf`; another key 2 in
    /// `keys` wins over a hand-edited `blf` beside it, as it did on the phone (it was rendered);
    /// a `blfLabel` without `blf` goes.
    public mutating func normalizeKeyTwo() {
        if blfLabel != nil, blfExtension == nil { blfLabel = nil }
        guard let keys, keys.contains(where: { $0.number == KeyLayout.seedBLFKey }) else { return }
        setLayout(KeyLayout(keys: keys, sidecars: sidecars ?? 0))
    }
}

/// A named key layout saved on the account, applied to phones whole (account.json `keyPresets`).
public struct KeyPreset: Codable, Hashable, Sendable {
    public var name: String
    public var keys: [PhoneKey]
    public var sidecars: Int?

    public init(name: String, keys: [PhoneKey], sidecars: Int? = nil) {
        self.name = name; self.keys = keys; self.sidecars = sidecars
    }

    public var layout: KeyLayout { KeyLayout(keys: keys, sidecars: sidecars ?? 0) }
}

/// The rules for a key layout: one implementation for the panel, the store and the CLI.
public enum KeyRules {
    /// Longer labels are cut by every phone's display; 32 is more than any of them shows.
    public static let labelLimit = 32

    /// A dialable number: 1 to 32 of digits, `*` and `#`, after an optional `+` (international
    /// prefix: a lone "+" dials nothing, and a "+" inside a number is no number).
    public static func isDialable(_ text: String) -> Bool {
        let digits = text.utf8.first == 0x2B ? text.utf8.dropFirst() : text.utf8[...]
        return !digits.isEmpty && text.utf8.count <= 32 && digits.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2A || $0 == 0x23 }
    }

    /// Whether phonedesk renders a key of `type` at `number` on `model` (docs/provisioning.md):
    /// a GXP2170's keys are its 48 virtual keys, where a line fits only the 12 fixed ones; other
    /// Grandstream keys are multi-purpose keys 1-7 (keys 2-8) in speed dial, BLF or park mode.
    public static func renders(_ type: KeyType, number: Int, model: PhoneModel) -> Bool {
        guard model.brand == .grandstream else { return true }
        if GrandstreamKeys.isVirtual(model) { return type != .line || GrandstreamKeys.isFixed(number) }
        return (2...8).contains(number) && [.blf, .speedDial, .callPark].contains(type)
    }

    /// Why a key cannot be written for a Grandstream model (`renders` said no).
    static func grandstreamLimit(_ model: PhoneModel, number: Int) -> String {
        if GrandstreamKeys.isVirtual(model) {
            return "Key \(number): a \(model.name) holds a line only on keys 1 to 12 (its fixed keys); keys 13 to \(model.lineKeys) take BLF, speed dial, park, DND or none."
        }
        return "Key \(number): phonedesk writes \(model.brand.rawValue) keys 2 to 8 only, as BLF, speed dial or park (multi-purpose keys 1-7)."
    }

    /// How many keys `model` holds with `sidecars` expansion modules.
    public static func capacity(of model: PhoneModel, sidecars: Int) -> Int {
        model.lineKeys + max(0, sidecars) * (model.expansionModule?.keys ?? 0)
    }

    /// Why `layout` cannot go on a phone of `model` on an account with `extensions`; nil when it can.
    public static func problem(with layout: KeyLayout, model: PhoneModel?, extensions: Set<String>) -> String? {
        guard let model else { return "The phone's model is unknown, so it has no keys to set." }
        if layout.sidecars < 0 { return "The number of sidecars cannot be negative." }
        if layout.sidecars > 0 {
            guard let module = model.expansionModule else {
                return "\(model.label) takes no expansion modules; set sidecars to 0."
            }
            if layout.sidecars > model.maxModules {
                return "\(model.label) takes at most \(model.maxModules) \(module.name) modules, not \(layout.sidecars)."
            }
        }
        let capacity = capacity(of: model, sidecars: layout.sidecars)
        var seen = Set<Int>()
        for key in layout.keys {
            if !seen.insert(key.number).inserted { return "Key \(key.number) is set twice." }
            if key.number < 1 { return numberedFromOne(key.number) }
            if key.number > capacity {
                return limitMessage(model: model, sidecars: layout.sidecars, capacity: capacity, number: key.number)
            }
            if !renders(key.type, number: key.number, model: model) { return grandstreamLimit(model, number: key.number) }
            if let problem = problem(with: key, extensions: extensions) { return problem }
        }
        return nil
    }

    /// Why a phone of `model` cannot hold `layout`, in a few words after its name ("takes no
    /// sidecars"): the model's limits only, for a preset applied to many phones (the whole
    /// message is `problem(with:model:extensions:)`'s).
    public static func misfit(_ layout: KeyLayout, model: PhoneModel?) -> String? {
        guard let model else { return "has an unknown model" }
        if layout.sidecars > 0, model.expansionModule == nil || model.maxModules == 0 { return "takes no sidecars" }
        if layout.sidecars > model.maxModules { return "takes at most \(model.maxModules) sidecars" }
        let capacity = capacity(of: model, sidecars: layout.sidecars)
        if let beyond = layout.keys.first(where: { $0.number > capacity }) { return "holds \(capacity) keys, not key \(beyond.number)" }
        guard layout.keys.allSatisfy({ renders($0.type, number: $0.number, model: model) }) else {
            return GrandstreamKeys.isVirtual(model) ? "holds a line on keys 1–12 only" : "takes keys 2–8 only, as BLF, speed dial or park"
        }
        return nil
    }

    /// A layout without a phone (a preset): each key and no number twice; the model's limit is
    /// checked when the preset is applied.
    public static func problem(with layout: KeyLayout, extensions: Set<String>) -> String? {
        if layout.sidecars < 0 || layout.sidecars > 4 { return "The number of sidecars must be 0 to 4." }
        var seen = Set<Int>()
        for key in layout.keys {
            if !seen.insert(key.number).inserted { return "Key \(key.number) is set twice." }
            if key.number < 1 { return numberedFromOne(key.number) }
            if let problem = problem(with: key, extensions: extensions) { return problem }
        }
        return nil
    }

    /// What is wrong with one key's value and label, without the model.
    public static func problem(with key: PhoneKey, extensions: Set<String>) -> String? {
        if key.type.needsValue {
            guard let value = key.value, !value.isEmpty else {
                return "Key \(key.number): a \(KeysText.typeName(key.type)) key needs a value: an extension on the account or a number to dial."
            }
            if key.type == .blf, !extensions.contains(value) {
                return "Key \(key.number): BLF watches a user; \(TerminalText.escaped(value)) is not an extension on the account."
            }
            if !extensions.contains(value) && !isDialable(value) {
                return "Key \(key.number): \"\(TerminalText.escaped(value))\" is neither an extension on the account nor a number (digits, * and #, a + only first; at most 32)."
            }
        } else if let value = key.value, !value.isEmpty {
            return "Key \(key.number): a \(KeysText.typeName(key.type)) key takes no value."
        }
        if let label = key.label {
            if label.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }) {
                return "Key \(key.number): the label contains control characters; use plain text."
            }
            // Bidi overrides and zero-width characters change or hide what the phone shows.
            if let hidden = Check<String>.visible("Key \(key.number): the label").run(label) { return hidden }
            if label.count > labelLimit { return "Key \(key.number): the label is \(label.count) characters; at most \(labelLimit)." }
            if label.trimmingSpaces.isEmpty { return "Key \(key.number): the label is blank; give text or no label." }
        }
        return nil
    }

    /// Whether a key's value holds a line break or another control character (only a
    /// hand-edited phones.json can): such a key is left out of the phone's file (`provision`
    /// warns about it), since escaping would join the rest into another number.
    public static func hasBrokenValue(_ key: PhoneKey) -> Bool {
        key.value?.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 } ?? false
    }

    /// "Keys are numbered from 1; 0 is not a key."
    static func numberedFromOne(_ number: Int) -> String { "Keys are numbered from 1; \(number) is not a key." }

    /// "T46U holds 27 keys (and 60 per EXP50 sidecar, at most 3): key 28 is beyond that."
    static func limitMessage(model: PhoneModel, sidecars: Int, capacity: Int, number: Int) -> String {
        var holds = "\(model.label) holds \(capacity) keys"
        if sidecars > 0, let module = model.expansionModule {
            holds = "\(model.label) with \(sidecars) \(module.name) holds \(capacity) keys (\(model.lineKeys) + \(sidecars) × \(module.keys))"
        } else if let module = model.expansionModule {
            holds += " without sidecars (each \(module.name) adds \(module.keys), at most \(model.maxModules))"
        }
        return "\(holds): key \(number) is beyond that."
    }
}

/// A key layout in words: the CLI prints these, the panel translates them.
public enum KeysText {
    /// "Yealink T46U: 27 keys on 3 pages of 10; 1 × EXP50 (60 keys each, at most 3); 87 in all."
    public static func summary(model: PhoneModel, layout: KeyLayout) -> String {
        var text = "\(model.label): \(Plural.count(model.lineKeys, "key", "keys"))"
        if model.pages > 1 { text += " on \(model.pages) pages of \(model.keysPerPage)" }
        if let module = model.expansionModule {
            text += "; \(layout.sidecars) × \(module.name) (\(module.keys) keys each, at most \(model.maxModules))"
        }
        return text + "; \(KeyRules.capacity(of: model, sidecars: layout.sidecars)) in all, \(layout.keys.count) set."
    }

    /// "phone p1", "phone p3", "sidecar 2 p1", or "beyond" for a number the model does not hold.
    public static func place(_ number: Int, model: PhoneModel) -> String {
        guard number >= 1 else { return "beyond" }
        if number <= model.lineKeys { return "phone p\((number - 1) / max(model.keysPerPage, 1) + 1)" }
        guard let module = model.expansionModule, number <= model.lineKeys + model.maxModules * module.keys else { return "beyond" }
        let offset = number - model.lineKeys - 1
        return "sidecar \(offset / module.keys + 1) p\(offset % module.keys / max(module.keysPerPage, 1) + 1)"
    }
}

extension KeysText {
    /// The type as the panel names it ("speed dial"); the CLI uses `KeyType.word`.
    public static func typeName(_ type: KeyType) -> String {
        switch type {
        case .line: return "line"
        case .blf: return "BLF"
        case .speedDial: return "speed dial"
        case .callPark: return "call park"
        case .dnd: return "DND"
        case .none: return "none"
        }
    }

    /// What a key holds, in words, its value and the user it names after a type:
    /// "a speed dial (103 Kasia Wójcik)", "a line key".
    public static func held(_ key: PhoneKey, in data: AccountData) -> String {
        let value = [key.value, key.value.flatMap { data.user($0)?.name }].compactMap { $0 }.joined(separator: " ")
        switch key.type {
        case .line: return "a line key"
        case .blf: return "a BLF (\(value))"
        case .speedDial: return "a speed dial (\(value))"
        case .callPark: return "a park key (\(value))"
        case .dnd: return "a DND key"
        case .none: return "an empty key (none)"
        }
    }

    /// What a BLF turned on in `phone`'s BLF field would replace on key 2 (the field takes it,
    /// `PhoneEdit.applyingKeys`): nil when key 2 is free or already that BLF.
    public static func replacedByBLF(on phone: Phone, in data: AccountData) -> String? {
        guard phone.blfExtension == nil, let key = phone.layout.key(KeyLayout.seedBLFKey) else { return nil }
        return held(key, in: data)
    }

    /// One letter for the picture of the keys: L B S P D, N for an explicit empty key (a slot
    /// with no key shows ·).
    public static func glyph(_ type: KeyType) -> String {
        switch type {
        case .line: return "L"
        case .blf: return "B"
        case .speedDial: return "S"
        case .callPark: return "P"
        case .dnd: return "D"
        case .none: return "N"
        }
    }

    /// Where key `number` is: nil on the phone, else the sidecar (1-based); and the page (1-based)
    /// and the key's 0-based slot on that page.
    public static func position(_ number: Int, model: PhoneModel) -> (module: Int?, page: Int, slot: Int) {
        if number <= model.lineKeys || model.expansionModule == nil {
            let per = max(model.keysPerPage, 1)
            return (nil, (number - 1) / per + 1, (number - 1) % per)
        }
        let module = model.expansionModule!
        let offset = number - model.lineKeys - 1
        let per = max(module.keysPerPage, 1)
        return (offset / module.keys + 1, offset % module.keys / per + 1, offset % module.keys % per)
    }
}
