/// The one text rule for every field the operator types, on every way in (panel, CLI, import).
///
/// - Every text field refuses control characters: C0 (U+0000–U+001F), DEL and C1
///   (U+0080–U+009F). A terminal acts on them (ESC ] 52 sets the clipboard, U+009B starts a CSI),
///   and no name, address or path needs one.
/// - Names and labels also refuse what shows nothing or changes how the text around it shows:
///   bidi controls (U+202E turns "txt.exe" into "exe.txt"), invisible format characters
///   (general category Cf: soft hyphen, zero-width space/joiners, word joiner, BOM, tags),
///   line and paragraph separators, and noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF …, which
///   XML forbids). Two names that look the same are then the same text.
/// - Each field has a length cap; names are capped in terminal columns (CJK counts 2), so every
///   valid name fits the panel's Name column the same way — and in code points too (four per
///   column of the cap), with at most eight per character: a letter and 2,000,000 combining
///   marks is one column and 4 MB.
///
/// Messages name the field, the code point and its position, never the character itself: the
/// message may be printed to a terminal.
public enum TextRules {
    /// Phone, user, background, template, address and card-holder names.
    public static let nameColumns = 64
    /// RFC 5321's limit on a forward path.
    public static let emailLength = 254
    public static let extensionLength = 10
    /// Code points a name may hold per column of its cap (256 for a 64-column name): columns
    /// alone do not bound the bytes, since combining marks take none.
    public static let scalarsPerColumn = 4
    /// Code points in one character (a base and its marks): Vietnamese stacks two marks; more
    /// than seven is never writing, and each one is another pass for every renderer.
    public static let scalarsPerCharacter = 8
    /// A template body in UTF-8 bytes: far above any real one, far below a problem.
    public static let templateBytes = 64 * 1024

    /// Why a scalar is refused, or nil when it may appear in a name.
    enum Refusal: Equatable {
        case control, direction, invisible, noncharacter

        /// "a control character" — the middle of every message.
        var phrase: String {
            switch self {
            case .control: return "a control character"
            case .direction: return "a text-direction control"
            case .invisible: return "an invisible character"
            case .noncharacter: return "a noncharacter"
            }
        }
    }

    /// Controls only: what no text field may hold.
    static func control(_ scalar: Unicode.Scalar) -> Refusal? {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) ? .control : nil
    }

    /// Everything a name or label may not hold.
    static func hidden(_ scalar: Unicode.Scalar) -> Refusal? {
        let v = scalar.value
        if v < 0x7F { return v < 0x20 ? .control : nil }  // the common case, decided without a table
        if let refusal = control(scalar) { return refusal }
        if scalar.properties.isBidiControl { return .direction }
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: return .invisible
        default: return scalar.properties.isNoncharacterCodePoint ? .noncharacter : nil
        }
    }

    /// "U+001B"
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The first refused scalar and the 1-based position of the character holding it.
    static func firstRefused(in text: String, by rule: (Unicode.Scalar) -> Refusal?) -> (Refusal, Unicode.Scalar, Int)? {
        // Plain ASCII text has nothing to refuse beyond C0 and DEL; skip the per-character walk.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        var position = 0
        for character in text {
            position += 1
            for scalar in character.unicodeScalars {
                if let refusal = rule(scalar) { return (refusal, scalar, position) }
            }
        }
        return nil
    }

    static func message(_ what: String, _ found: (Refusal, Unicode.Scalar, Int)) -> String {
        "\(what) contains \(found.0.phrase) (\(codePoint(found.1))) at position \(found.2); remove it."
    }
}

extension Check where Value == String {
    /// Any text field: no C0, DEL or C1 control characters.
    public static func printable(_ what: String) -> Check {
        Check { text in TextRules.firstRefused(in: text, by: TextRules.control).map { TextRules.message(what, $0) } }
    }

    /// A name or label: printable, and nothing invisible, no bidi control, no noncharacter.
    public static func visible(_ what: String) -> Check {
        Check { text in TextRules.firstRefused(in: text, by: TextRules.hidden).map { TextRules.message(what, $0) } }
    }

    /// At most `limit` terminal columns once trimmed (wide characters count 2).
    public static func maxColumns(_ limit: Int, _ what: String) -> Check {
        Check { text in
            let width = DisplayWidth.of(text.trimmingSpaces)
            return width > limit ? "\(what) is too long: \(width) columns wide, at most \(limit)." : nil
        }
    }

    /// At most `limit` code points in all and `TextRules.scalarsPerCharacter` in one character.
    /// Checked before anything that walks the text by character or column (a 4 MB name).
    public static func maxScalars(_ limit: Int, _ what: String) -> Check {
        Check { text in
            if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }  // ASCII: a scalar per byte
            let scalars = text.unicodeScalars.count
            if scalars > limit { return "\(what) is too long: \(scalars) code points, at most \(limit)." }
            var position = 0
            for character in text {
                position += 1
                let count = character.unicodeScalars.count
                if count > TextRules.scalarsPerCharacter {
                    return "\(what) contains a character with \(count - 1) combining marks at position \(position); at most \(TextRules.scalarsPerCharacter - 1)."
                }
            }
            return nil
        }
    }

    /// A required name: visible text of at most `columns` columns (and four code points a column).
    public static func name(_ what: String, columns: Int = TextRules.nameColumns) -> Check {
        Check<String>.maxScalars(columns * TextRules.scalarsPerColumn, what).and(.required(what)).and(.visible(what)).and(.maxColumns(columns, what))
    }

    /// An optional label (a company): like a name, but may be empty.
    public static func label(_ what: String, columns: Int) -> Check {
        Check<String>.maxScalars(columns * TextRules.scalarsPerColumn, what).and(.visible(what)).and(.maxColumns(columns, what))
    }

    /// An optional e-mail address: visible, at most 254 characters, one `@` and a dot after it.
    public static var email: Check {
        Check<String>.visible("E-mail").and(.maxLength(TextRules.emailLength, "E-mail")).and(Check { text in
            let value = text.trimmingSpaces
            guard !value.isEmpty else { return nil }
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !value.contains(" ")
                ? nil : "\"\(value)\" is not an e-mail address"
        })
    }
}

extension TextRules {
    /// A template body: lines of text (newlines and tabs are its structure) with no other
    /// control character, and at most 64 KiB. Problems carry their line, like the vendor syntax.
    public static func templateProblems(_ body: String) -> [TemplateProblem] {
        let bytes = body.utf8.count
        if bytes > templateBytes {
            return [TemplateProblem(line: 1, message: "the template is \(bytes / 1024) KiB; at most \(templateBytes / 1024) KiB")]
        }
        var problems: [TemplateProblem] = []
        // Split on the scalar: "\r\n" is one Character, and a CR is itself refused.
        let allowed = { (scalar: Unicode.Scalar) -> Refusal? in scalar == "\t" ? nil : control(scalar) }
        for (index, line) in body.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let found = firstRefused(in: String(String.UnicodeScalarView(line)), by: allowed) {
                problems.append(TemplateProblem(line: index + 1, message: message("The line", found)))
            }
        }
        return problems
    }
}
