import PhoneDeskCore

/// How much text a line editor takes. A paste longer than this stops at the limit with a
/// message instead of growing a field (and every keystroke's cost) without bound.
public enum InputLimit {
    /// A form field unless its form says otherwise.
    public static let field = 256
    /// File paths (the background image upload).
    public static let path = 4_096
    /// The filter lines and a dropdown's search: nobody looks for more.
    public static let filter = 64
    public static func filterMessage() -> String { "The filter is at most \(filter) characters; the rest was not typed." }

    /// Why a paste is refused whole, or nil. The text rule's control characters (ESC from
    /// coloured output, a newline that would press Enter) never enter a field, and nothing of
    /// the paste does: half a pasted value is worse than none. One line break at the end —
    /// copying a whole line — is dropped first (`pasted`).
    public static func pasteProblem(_ text: String) -> String? {
        TextRules.firstControl(in: pasted(text)).map { "Not pasted: a control character (\($0.codePoint)) at position \($0.position)." }
    }

    /// The paste without the one line break a copied line ends with (LF, CR or CR LF); a
    /// second one is text the rule refuses.
    public static func pasted(_ text: String) -> String {
        for ending in ["\r\n", "\n", "\r"] where text.hasSuffix(ending) {
            return String(text.unicodeScalars.dropLast(ending.unicodeScalars.count))
        }
        return text
    }
}

/// A single-line text editor: insert at the cursor, Backspace/Delete, ←/→, Home/End, Ctrl-U.
public struct TextInput: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// Shows bullets instead of the text (PINs).
    public var masked: Bool
    /// At most this many characters; typing past it is refused (`refusedAtLimit`).
    public let limit: Int
    /// True when the last printable key was refused because the field is full.
    public private(set) var refusedAtLimit = false
    /// Why the last paste was refused whole (a control character in it).
    public private(set) var refusedPaste: String?

    /// What the last key could not do, to show under the field: a refused paste, or the limit.
    public var notice: String? { refusedPaste ?? (refusedAtLimit ? limitMessage : nil) }

    public init(_ text: String = "", masked: Bool = false, limit: Int = InputLimit.field) {
        characters = Array(text.prefix(limit))
        cursor = characters.count
        self.masked = masked
        self.limit = limit
    }

    /// "Too long" for a field that refused a key: what the form shows under it.
    public var limitMessage: String { "Too long: at most \(limit) characters; the rest was not typed." }

    public var text: String {
        get { String(characters) }
        set { characters = Array(newValue.prefix(limit)); cursor = characters.count }
    }

    /// Returns true when the key was an editing key (whether or not the text changed).
    public mutating func handle(_ key: Key) -> Bool {
        refusedPaste = nil
        if case .paste(let text) = key {
            if let problem = InputLimit.pasteProblem(text) { refusedPaste = problem; return true }
            let fresh = Array(InputLimit.pasted(text))
            let room = max(0, limit - characters.count)
            characters.insert(contentsOf: fresh.prefix(room), at: cursor)
            cursor += min(room, fresh.count)
            refusedAtLimit = fresh.count > room
            return true
        }
        if let c = key.printable {
            refusedAtLimit = characters.count >= limit
            if !refusedAtLimit {
                characters.insert(c, at: cursor)
                cursor += 1
            }
            return true
        }
        refusedAtLimit = false
        guard let action = Self.keys.action(for: key) else { return false }
        switch action {
        case .eraseBack:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .eraseForward:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .start: cursor = 0
        case .end: cursor = characters.count
        case .clear: characters.removeAll(); cursor = 0
        }
        return true
    }

    public enum EditAction: Sendable { case left, right, start, end, eraseBack, eraseForward, clear }

    /// The editing keys of every text field.
    public static let keys = KeyTable<EditAction>("Text field", typing: "insert at the cursor (a paste is typed up to the field's limit)", [
        KeyBinding([.left], "cursor left", .left),
        KeyBinding([.right], "cursor right", .right),
        KeyBinding([.home, .ctrl("a")], "to the start", .start),
        KeyBinding([.end, .ctrl("e")], "to the end", .end),
        KeyBinding([.backspace], "erase before the cursor", .eraseBack),
        KeyBinding([.delete], "erase under the cursor", .eraseForward),
        KeyBinding([.ctrl("u")], "clear the field", .clear),
    ])

    /// The part of the text to show in `width` columns, scrolled so the cursor is visible,
    /// and the cursor's column within it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let shown = masked ? Array(repeating: "•" as Character, count: characters.count) : characters
        var start = 0
        var used = shown[0..<cursor].reduce(0) { $0 + CellWidth.of($1) }
        while used > width - 1, start < cursor {
            used -= CellWidth.of(shown[start])
            start += 1
        }
        let text = CellWidth.truncate(String(shown[start...]), to: width, ellipsis: false)
        return (text, used)
    }
}
