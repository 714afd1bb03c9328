/// Text taller than its window: the keys that scroll it, the first line shown (kept inside the
/// text) and the "lines 3–20 of 80" marker on the window's bottom edge. The help window and the
/// inspector scroll alike.
public enum ScrollMove: Sendable, Equatable { case up, down, pageUp, pageDown, top, bottom }

public enum ScrollText {
    /// The scroll keys, for a feature's own key table.
    static func bindings<A>(_ action: (ScrollMove) -> A) -> [KeyBinding<A>] {
        [KeyBinding([.up, .char("k")], "scroll up", action(.up)),
         KeyBinding([.down, .char("j")], "scroll down", action(.down)),
         KeyBinding([.pageUp], "page up", action(.pageUp)),
         KeyBinding([.pageDown], "page down", action(.pageDown)),
         KeyBinding([.home], "top", action(.top)),
         KeyBinding([.end], "bottom", action(.bottom))]
    }

    /// The first line shown, kept inside the text.
    static func clamp(_ first: Int, total: Int, page: Int) -> Int { max(0, min(first, total - page)) }

    /// The first line after `move`.
    static func moved(_ first: Int, _ move: ScrollMove, total: Int, page: Int) -> Int {
        let from = clamp(first, total: total, page: page)
        let to = switch move {
        case .up: from - 1
        case .down: from + 1
        case .pageUp: from - page
        case .pageDown: from + page
        case .top: 0
        case .bottom: total
        }
        return clamp(to, total: total, page: page)
    }

    /// Draws where the window is in the text on its bottom edge, when the text is taller.
    static func drawPosition(first: Int, page: Int, total: Int, in rect: Rect, canvas: inout Canvas, language: Language) {
        guard total > page else { return }
        let position = " " + (first > 0 ? "↑ " : "") + Localizer.tr("lines \(first + 1)–\(min(total, first + page)) of \(total)", language)
            + (first + page < total ? " ↓" : "") + " "
        canvas.put(position, x: rect.maxX - 2 - CellWidth.of(position), y: rect.maxY - 1, style: Style(.accent, bold: true))
    }
}
