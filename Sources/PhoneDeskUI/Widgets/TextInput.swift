/// A single-line text editor: insert at the cursor, Backspace/Delete, ←/→, Home/End, Ctrl-U.
public struct TextInput: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// Shows bullets instead of the text (PINs).
    public var masked: Bool

    public init(_ text: String = "", masked: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        self.masked = masked
    }

    public var text: String {
        get { String(characters) }
        set { characters = Array(newValue); cursor = characters.count }
    }

    /// Returns true when the key was an editing key (whether or not the text changed).
    public mutating func handle(_ key: Key) -> Bool {
        if let c = key.printable {
            characters.insert(c, at: cursor)
            cursor += 1
            return true
        }
        switch key {
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .ctrl("u"): characters.removeAll(); cursor = 0
        default: return false
        }
        return true
    }

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
