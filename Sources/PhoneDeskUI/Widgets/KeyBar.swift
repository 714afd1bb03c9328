/// The footer: "key Label" pairs in the order of the screen's key table, as many as fit.
public enum KeyBar {
    /// Where each item that fits is drawn (columns), for drawing and for mouse clicks.
    /// Items marked `ifRoom` join, in order, only while everything still fits; the others are
    /// laid out as long as they fit.
    public static func layout(_ items: [FooterItem], width: Int, language: Language = .en) -> [(FooterItem, Range<Int>)] {
        func needed(_ item: FooterItem) -> Int { CellWidth.of(item.key.label) + CellWidth.of(Localizer.tr(item.label, language)) + 3 + (item.refused ? 1 : 0) }
        var used = items.filter { !$0.ifRoom }.reduce(0) { $0 + needed($1) }
        var shown = items.map { !$0.ifRoom }
        for (index, item) in items.enumerated() where item.ifRoom && used + needed(item) <= width {
            shown[index] = true
            used += needed(item)
        }
        var out: [(FooterItem, Range<Int>)] = []
        var x = 0
        for (item, show) in zip(items, shown) where show {
            if x + needed(item) > width { break }
            out.append((item, x..<(x + needed(item))))
            x += needed(item)
        }
        return out
    }

    public static func draw(_ items: [FooterItem], in canvas: inout Canvas, y: Int, language: Language = .en) {
        canvas.fill(Rect(x: 0, y: y, width: canvas.width, height: 1), style: Style(.surface))
        for (item, columns) in layout(items, width: canvas.width, language: language) {
            // A key the operator's roles do not allow: dimmed, with a × before it (still clickable: it says why).
            let x = columns.lowerBound + canvas.put(" " + (item.refused ? "×" : "") + item.key.label, x: columns.lowerBound, y: y,
                                                    style: item.refused ? .muted : Style(.accent, bold: true))
            canvas.put(" " + Localizer.tr(item.label, language) + " ", x: x, y: y, style: item.refused ? .muted : Style(.surface))
        }
    }

    /// The key of the item under column `x`, if any.
    public static func key(at x: Int, items: [FooterItem], width: Int, language: Language = .en) -> Key? {
        layout(items, width: width, language: language).first { $0.1.contains(x) }?.0.key
    }
}
