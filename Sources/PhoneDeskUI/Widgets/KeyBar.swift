/// The footer: "key Label" pairs in the order of the screen's key table, as many as fit.
public enum KeyBar {
    /// Where each item that fits is drawn (columns), for drawing and for mouse clicks.
    public static func layout(_ items: [FooterItem], width: Int, language: Language = .en) -> [(FooterItem, Range<Int>)] {
        var out: [(FooterItem, Range<Int>)] = []
        var x = 0
        for item in items {
            let needed = CellWidth.of(item.key.label) + CellWidth.of(Localizer.tr(item.label, language)) + 3
            if x + needed > width { break }
            out.append((item, x..<(x + needed)))
            x += needed
        }
        return out
    }

    public static func draw(_ items: [FooterItem], in canvas: inout Canvas, y: Int, language: Language = .en) {
        canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), style: Style(.surface))
        for (item, columns) in layout(items, width: canvas.width, language: language) {
            let x = columns.lowerBound + canvas.put(" " + item.key.label, x: columns.lowerBound, y: y, style: Style(.accent, bold: true))
            canvas.put(" " + Localizer.tr(item.label, language) + " ", x: x, y: y, style: Style(.surface))
        }
    }

    /// The key of the item under column `x`, if any.
    public static func key(at x: Int, items: [FooterItem], width: Int, language: Language = .en) -> Key? {
        layout(items, width: width, language: language).first { $0.1.contains(x) }?.0.key
    }
}
