import PhoneDeskCore

/// What a key does while typing a filter (after `/`).
public enum FilterAction: Sendable, Equatable {
    case keep, clear, up, down, erase, eraseAll
}

/// The one-line filter of the phones table, the settings lists and the shop: typing and pasting
/// (to its limit), Backspace, Ctrl-U, and the keys of `PhonesKeys.filter`. One widget, so the
/// three filters take the same keys and their help lists exactly those.
public enum FilterLine {
    public static let keys = KeyTable<FilterAction>("Filter", [
        KeyBinding([.enter], "keep the filter and return to the table", footer: "Keep", .keep),
        KeyBinding([.escape], "clear the filter and return to the table", footer: "Clear", .clear),
        KeyBinding([.up], "move up in the narrowed list", .up),
        KeyBinding([.down], "move down in the narrowed list", .down),
        KeyBinding([.backspace], "erase the last character", .erase),
        KeyBinding([.ctrl("u")], "erase the whole filter", .eraseAll),
    ])

    /// The filter's keys, for the key bar and help of the screen it filters.
    static var focus: FocusKeys { FocusKeys("Filter", [HelpSection("Filter", keys.helpRows), .globalWhileTyping], footer: keys.footerItems) }

    public enum Event: Equatable, Sendable {
        /// Not a filter key: the screen decides (help, quit).
        case ignored
        /// The text may have changed; `message` says why some of it was refused.
        case edited(message: String?)
        case keep, clear, up, down
    }

    public static func handle(_ key: Key, text: inout String) -> Event {
        if let typed = key.typedText {
            if let problem = InputLimit.pasteProblem(typed) { return .edited(message: problem) }
            let room = max(0, InputLimit.filter - text.count)
            let added = InputLimit.pasted(typed)
            text += added.prefix(room)
            return .edited(message: added.count > room ? InputLimit.filterMessage() : nil)
        }
        switch keys.action(for: key) {
        case .erase?:
            if !text.isEmpty { text.removeLast() }
            return .edited(message: nil)
        case .eraseAll?:
            text = ""
            return .edited(message: nil)
        case .keep?: return .keep
        case .clear?:
            text = ""
            return .clear
        case .up?: return .up
        case .down?: return .down
        case nil: return .ignored
        }
    }
}
