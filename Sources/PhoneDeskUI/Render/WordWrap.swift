/// Text laid out in lines of at most `width` terminal columns, broken at spaces. A word is cut
/// only when it alone is wider than the line (a URL, a path); widths come from `CellWidth`, so
/// Polish letters take one column and CJK two.
public enum WordWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), width: width) }
    }

    /// One paragraph. A line that fits is kept as it is (aligned columns keep their spaces);
    /// a longer one keeps its indentation on every line it becomes.
    private static func wrap(_ paragraph: String, width: Int) -> [String] {
        if CellWidth.of(paragraph) <= width { return [paragraph] }
        let leading = paragraph.prefix { $0 == " " }.count
        let indent = leading < width / 2 ? String(repeating: " ", count: leading) : ""
        let room = width - indent.count
        var out: [String] = []
        var line = "", used = 0
        for word in paragraph.split(separator: " ").map(String.init) {
            let w = CellWidth.of(word)
            if used > 0, used + 1 + w <= room {
                line += " " + word
                used += 1 + w
                continue
            }
            if used > 0 { out.append(indent + line) }
            // Only a word wider than a whole line is cut, into line-wide pieces.
            var pieces = CellWidth.chunks(word, width: room)
            line = pieces.removeLast()
            used = CellWidth.of(line)
            out += pieces.map { indent + $0 }
        }
        out.append(indent + line)
        return out
    }

    /// One line of at most `width` columns: the text as it is when it fits, else cut at a word
    /// boundary with "…" (the status line: a message is never cut mid-word) — unless that would
    /// drop most of the line (a long URL after "Copied:"), then cut inside the word.
    public static func line(_ text: String, width: Int) -> String {
        guard width > 1, CellWidth.of(text) > width else { return text }
        let first = (lines(text, width: width - 1).first ?? "").trimmingCharacters(in: [" ", ",", ":", ";", "("])
        guard CellWidth.of(first) >= width / 2 else { return CellWidth.truncate(text, to: width) }
        return first + "…"
    }

    /// Fields joined by `separator`, a new line started between fields, never inside one (the
    /// details line). A field wider than the line alone is shortened with "…".
    public static func fields(_ fields: [String], separator: String = " · ", width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        var line = ""
        for field in fields.map({ CellWidth.truncate($0, to: width) }) {
            if line.isEmpty { line = field; continue }
            if CellWidth.of(line) + CellWidth.of(separator) + CellWidth.of(field) <= width {
                line += separator + field
            } else {
                out.append(line)
                line = field
            }
        }
        if !line.isEmpty { out.append(line) }
        return out
    }
}
