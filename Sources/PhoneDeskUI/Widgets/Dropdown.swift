import PhoneDeskCore

public struct DropdownOption: Equatable, Sendable {
    /// What the option stands for (an id, an extension); nil for "— none —".
    public var value: String?
    public var label: String
    let searchKeys: DropdownRanking.Keys

    /// `code` is matched whole ("de" → Germany first); `names` are searched beside the label
    /// (a country's English name under its Polish label).
    public init(value: String?, label: String, code: String? = nil, names: [String] = []) {
        self.value = value
        self.label = label
        searchKeys = DropdownRanking.Keys(code: code, texts: [label] + names)
    }
}

/// A dropdown field. Closed, it shows the selection; typing opens it and filters the options
/// (case- and diacritic-insensitive), best match first (`DropdownRanking`), highlighting it.
public struct Dropdown: Equatable, Sendable {
    public private(set) var options: [DropdownOption]
    public private(set) var selected: Int?
    public private(set) var isOpen = false
    public private(set) var filter = ""
    /// Index into `matches` while open.
    public private(set) var highlighted = 0
    public private(set) var matches: [Int] = []

    public init(options: [DropdownOption], selectedValue: String?) {
        self.options = options
        selected = options.firstIndex { $0.value == selectedValue }
    }

    public var selectedOption: DropdownOption? { selected.map { options[$0] } }
    public var selectedValue: String? { selectedOption?.value }

    public enum Outcome: Equatable, Sendable {
        case ignored
        case handled
        /// An option was accepted; `moveOn` is true for Tab (accept, then next field).
        case accepted(moveOn: Bool)
    }

    public mutating func handle(_ key: Key) -> Outcome {
        // A paste searches like typing; control characters and the rest past the limit go.
        if case .paste(let text) = key {
            // Refused whole like a field's paste (the list has no room for a message).
            guard InputLimit.pasteProblem(text) == nil else { return .handled }
            if !isOpen { open(filter: "") }
            for c in InputLimit.pasted(text).prefix(InputLimit.filter) where Key.char(c).printable != nil { _ = handle(.char(c)) }
            return .handled
        }
        if !isOpen {
            if let c = key.printable, c != " " {
                open(filter: String(c))
                return .handled
            }
            if key == .enter || key == .char(" ") {
                open(filter: "")
                return .handled
            }
            return .ignored
        }
        if let c = key.printable {
            // A search longer than any option matches nothing; past the limit keys are dropped.
            if filter.count < InputLimit.filter { filter.append(c); refilter() }
            return .handled
        }
        if case .clickOption(let index) = key {
            guard matches.indices.contains(index) else { return .handled }
            selected = matches[index]
            close()
            return .accepted(moveOn: false)
        }
        if key == .backspace {  // typing backwards (the table's "type" row)
            if !filter.isEmpty { filter.removeLast(); refilter() }
            return .handled
        }
        let last = max(0, matches.count - 1)
        switch Self.keys.action(for: key) {
        case .move?:
            let step = [Key.up: -1, .down: 1, .pageUp: -8, .pageDown: 8][key] ?? 0
            highlighted = min(max(0, highlighted + step), last)
        case .ends?: highlighted = key == .home ? 0 : last
        case .accept?:
            if highlighted < matches.count { selected = matches[highlighted] }
            close()
            return .accepted(moveOn: key == .tab)
        case .close?: close()
        case nil: break
        }
        return .handled
    }

    public enum ListAction: Sendable { case move, ends, accept, close }

    /// The keys of an open list.
    public static let keys = KeyTable<ListAction>("Dropdown", typing: "filter the options (any case, no diacritics needed)", [
        KeyBinding([.up, .down, .pageUp, .pageDown], "move in the open list", .move),
        KeyBinding([.home, .end], "first or last option in the open list", .ends),
        KeyBinding([.enter, .tab], "accept the highlighted option", footer: "Accept", .accept),
        KeyBinding([.escape], "close the list without change", footer: "Close list", .close),
    ])

    /// Chooses the option with `value` (used when the form changes which options apply).
    public mutating func select(value: String?) { selected = options.firstIndex { $0.value == value } }

    /// Replaces the options, keeping the selection by value when it is still offered.
    public mutating func setOptions(_ newOptions: [DropdownOption]) {
        let keep = selectedValue
        options = newOptions
        selected = options.firstIndex { $0.value == keep }
        if isOpen { refilter() }
    }

    private mutating func open(filter text: String) {
        isOpen = true
        filter = text
        refilter()
        if text.isEmpty, let selected, let at = matches.firstIndex(of: selected) { highlighted = at }
    }

    /// Closes the list without changing the choice (Ctrl-S submits past an open list).
    public mutating func dismiss() { if isOpen { close() } }

    private mutating func close() {
        isOpen = false
        filter = ""
        matches = []
        highlighted = 0
    }

    private mutating func refilter() {
        // Every word typed must appear somewhere: "yea t46" finds "Yealink T46U".
        matches = DropdownRanking.matches(filter, in: options.map(\.searchKeys))
        highlighted = 0
    }
}
