/// A centred window with paragraphs of text and a key hint (questions, notices): sized to its
/// text up to the screen, each paragraph wrapped at spaces (see `WordWrap`).
public enum MessageBox {
    /// Draws the box; returns its rect. `maxWidth` caps the width (default: the screen); a
    /// paragraph that fits that width is drawn as it is.
    @discardableResult
    public static func draw(title: String, lines: [(String, Style)], hint: String, in canvas: inout Canvas,
                            minWidth: Int = 40, maxWidth: Int = .max) -> Rect {
        let area = DialogSize.area(canvas)
        let natural = max(lines.map { CellWidth.of($0.0) }.max() ?? 0, CellWidth.of(hint), CellWidth.of(title) + 2)
        let width = DialogSize.width(natural: natural, minimum: minWidth, maximum: maxWidth, in: area)
        let inner = width - DialogSize.chrome
        let body = lines.flatMap { text, style in WordWrap.lines(text, width: inner).map { ($0, style) } }
        let hintLines = WordWrap.lines(hint, width: inner)
        // Border, a blank row, the text, a blank row, the hint, border.
        let rect = DialogSize.rect(width: width, height: body.count + hintLines.count + 4, in: area)
        canvas.window(rect, title: title)
        let bodyRows = max(0, rect.height - hintLines.count - 4)
        for (index, line) in body.prefix(bodyRows).enumerated() {
            canvas.put(line.0, x: rect.x + 2, y: rect.y + 2 + index, style: line.1, limit: inner)
        }
        for (index, line) in hintLines.enumerated() {
            canvas.put(line, x: rect.x + 2, y: rect.maxY - 1 - hintLines.count + index, style: .muted, limit: inner)
        }
        return rect
    }
}
