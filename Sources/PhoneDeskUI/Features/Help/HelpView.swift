/// The help window: the current screen's key table rows, then the global ones. As wide as its
/// rows want up to the screen; descriptions wrap at spaces under their own column; when the rows
/// are taller than the screen the window scrolls and its bottom edge says where it is.
public enum HelpView {
    static let keyWidth = 20

    /// One drawn line: a heading, a key row (or its continuation) or a gap.
    enum Line: Equatable { case heading(String), row(keys: String, text: String), gap }

    /// The window's rect for these sections.
    static func rect(_ sections: [HelpSection], area: Rect, language: Language) -> Rect {
        let natural = sections.flatMap(\.rows).map { keyWidth + 1 + CellWidth.of(Localizer.tr($0.text, language, record: false)) }.max() ?? 0
        let width = DialogSize.width(natural: natural, minimum: 78, in: area)
        let rows = lines(sections, width: width, language: language).count
        return DialogSize.rect(width: width, height: rows + 3, in: area)
    }

    static func lines(_ sections: [HelpSection], width: Int, language: Language) -> [Line] {
        let textWidth = width - DialogSize.chrome - keyWidth - 1
        var out: [Line] = []
        for section in sections {
            out.append(.heading(Localizer.tr(section.heading, language)))
            for row in section.rows {
                for (index, piece) in WordWrap.lines(Localizer.tr(row.text, language), width: textWidth).enumerated() {
                    out.append(.row(keys: index == 0 ? row.keys : "", text: piece))
                }
            }
            out.append(.gap)
        }
        if out.last == .gap { out.removeLast() }
        return out
    }

    /// Rows of lines the window shows at once.
    static func page(_ rect: Rect) -> Int { max(1, rect.height - 3) }

    public static func draw(title: String, sections: [HelpSection], scroll: Int = 0, in canvas: inout Canvas, language: Language = .en) {
        let t = { (text: String) in Localizer.tr(text, language) }
        let rect = rect(sections, area: DialogSize.area(canvas), language: language)
        canvas.window(rect, title: t("Keys — \(title)"))
        let all = lines(sections, width: rect.width, language: language)
        let page = page(rect)
        let first = ScrollText.clamp(scroll, total: all.count, page: page)
        for (offset, line) in all.dropFirst(first).prefix(page).enumerated() {
            let y = rect.y + 1 + offset
            switch line {
            case .heading(let text): canvas.put(text, x: rect.x + 2, y: y, style: Style(.primary, bold: true))
            case .row(let keys, let text):
                canvas.put(keys, x: rect.x + 2, y: y, style: Style(.accent, bold: true), limit: keyWidth)
                canvas.put(text, x: rect.x + 3 + keyWidth, y: y, style: .text, limit: rect.width - keyWidth - 5)
            case .gap: break
            }
        }
        let scrolls = all.count > page
        let hint = t("Esc, ? or F1 closes this help") + (scrolls ? " · " + t("↑↓ PgUp PgDn Home End scroll") : "")
        canvas.put(hint, x: rect.x + 2, y: rect.maxY - 2, style: .muted, limit: rect.width - 4)
        ScrollText.drawPosition(first: first, page: page, total: all.count, in: rect, canvas: &canvas, language: language)
    }
}
