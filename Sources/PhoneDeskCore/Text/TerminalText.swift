/// Text on its way to a terminal or a file a terminal may show (`cat`, `less -R`, a log):
/// stored data can hold anything a hand edit put there, and a terminal acts on some characters
/// (ESC ] 52 sets the clipboard, ESC ] 0 the title, U+009B starts a CSI, U+202E reverses what
/// follows). Those are written as escapes instead, so they are visible and inert.
///
/// Escaped: controls (C0, DEL, C1), format characters (Cf: bidi controls, zero-width and
/// invisible ones, tags), line and paragraph separators, noncharacters — what `TextRules`
/// refuses in names. A backslash is not doubled, so ordinary text (`C:\x`) stays as it is.
public enum TerminalText {
    /// One classification with the rule that refuses them in names.
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool { TextRules.hidden(scalar) != nil }

    /// Each unsafe scalar as `\u{1B}` (Swift's notation); newlines are kept when `keepNewlines`
    /// (they separate the lines of our own output).
    public static func escaped(_ text: String, keepNewlines: Bool = true) -> String {
        // Most output is printable ASCII: one pass over the bytes and no copy.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || ($0 == 0x0A && keepNewlines) }) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar), !(keepNewlines && scalar == "\n") {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// JSON text with every unsafe scalar inside its strings written `\uXXXX` (a surrogate pair
    /// above U+FFFF), so the document stays valid JSON and decodes to the same strings.
    /// JSONEncoder escapes C0 itself but writes DEL, C1 and format characters raw, which JSON
    /// allows and a terminal acts on. Structural newlines (pretty printing) are kept.
    public static func escapedJSON(_ json: String) -> String {
        if json.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return json }
        var out = String.UnicodeScalarView()
        func unit(_ value: UInt32) {
            let hex = String(value, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar), scalar != "\n" else { out.append(scalar); continue }
            if scalar.value > 0xFFFF {
                let v = scalar.value - 0x10000
                unit(0xD800 + (v >> 10))
                unit(0xDC00 + (v & 0x3FF))
            } else {
                unit(scalar.value)
            }
        }
        return String(out)
    }
}
