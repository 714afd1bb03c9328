import PhoneDeskCore

/// Terminal column width of text for layout. The width table itself is `DisplayWidth` in the
/// core, because the core's text rule caps names in columns too; one table, so a name the rule
/// accepts is exactly as wide as the panel draws it.
public enum CellWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int { DisplayWidth.of(scalar) }
    public static func of(_ character: Character) -> Int { DisplayWidth.of(character) }
    public static func of(_ text: String) -> Int { DisplayWidth.of(text) }

    /// The longest prefix of `text` that fits `width` columns; "…" marks a cut when `ellipsis`.
    public static func truncate(_ text: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let budget = ellipsis ? width - 1 : width
        var out = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > budget { break }
            out.append(character)
            used += w
        }
        return ellipsis ? out + "…" : out
    }

    /// `text` cut into pieces of at most `width` columns, none lost (a path or URL that must be
    /// read whole).
    public static func chunks(_ text: String, width: Int) -> [String] {
        guard width > 0, of(text) > width else { return [text] }
        var pieces: [String] = []
        var piece = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width, !piece.isEmpty {
                pieces.append(piece)
                piece = ""
                used = 0
            }
            piece.append(character)
            used += w
        }
        pieces.append(piece)
        return pieces
    }

    /// Pads with spaces to exactly `width` columns (truncating first when longer).
    public static func pad(_ text: String, to width: Int) -> String {
        let cut = truncate(text, to: width)
        return cut + String(repeating: " ", count: max(0, width - of(cut)))
    }
}

extension String {
    /// Right-aligns in `width` columns.
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - CellWidth.of(self))) + self }
    func padding(to width: Int) -> String { CellWidth.pad(self, to: width) }
}
