/// The help window: the current screen's key table rows, then the global ones.
public enum HelpView {
    public static func draw(title: String, sections: [HelpSection], in canvas: inout Canvas, language: Language = .en) {
        let t = { (text: String) in Localizer.tr(text, language) }
        let rows = sections.reduce(0) { $0 + $1.rows.count + 2 }
        let rect = canvas.bounds.centred(width: 78, height: min(canvas.height, rows + 3))
        canvas.window(rect, title: t("Keys — \(title)"))
        var y = rect.y + 1
        let keyWidth = 20
        for section in sections {
            guard y < rect.maxY - 2 else { break }
            canvas.put(t(section.heading), x: rect.x + 2, y: y, style: Style(.primary, bold: true))
            y += 1
            for row in section.rows {
                guard y < rect.maxY - 2 else { break }
                canvas.put(row.keys, x: rect.x + 2, y: y, style: Style(.accent, bold: true), limit: keyWidth)
                canvas.put(t(row.text), x: rect.x + 3 + keyWidth, y: y, style: .text, limit: rect.width - keyWidth - 5)
                y += 1
            }
            y += 1
        }
        canvas.put(t("Esc, ? or F1 closes this help"), x: rect.x + 2, y: rect.maxY - 2, style: .muted)
    }
}

