/// Column layout and drawing shared by every table (phones, images, templates).
public struct TableColumn: Sendable {
    public var title: String
    public var minWidth: Int
    /// Share of the spare width; 0 keeps the column at its minimum.
    public var weight: Int
    public init(_ title: String, min: Int, weight: Int) { self.title = title; minWidth = min; self.weight = weight }
}

public enum ColumnTable {
    /// Widths for `width` columns of terminal: minimums, then spare space by weight (the
    /// rounding remainder to the first column), one space between columns.
    public static func widths(_ columns: [TableColumn], width: Int) -> [Int] {
        var widths = columns.map(\.minWidth)
        let spare = width - widths.reduce(0, +) - (columns.count - 1)
        let totalWeight = columns.reduce(0) { $0 + $1.weight }
        if spare > 0, totalWeight > 0 {
            var given = 0
            for (i, column) in columns.enumerated() {
                let share = spare * column.weight / totalWeight
                widths[i] += share
                given += share
            }
            widths[0] += spare - given
        }
        return widths
    }

    public static func drawHeader(_ columns: [TableColumn], widths: [Int], x: Int, y: Int, in canvas: inout Canvas,
                                  language: Language = .en) {
        var cx = x
        for (column, w) in zip(columns, widths) {
            canvas.put(CellWidth.pad(Localizer.tr(column.title, language), to: w), x: cx, y: y, style: Style(.muted, bold: true, underline: true))
            cx += w + 1
        }
    }

    /// One row; a selected row is drawn reversed across `rowWidth`, "—" cells are muted.
    public static func drawRow(_ cells: [String], widths: [Int], x: Int, y: Int, rowWidth: Int, selected: Bool,
                               styles: [Int: Style] = [:], in canvas: inout Canvas) {
        let rowStyle = selected ? Style(.selection, reverse: true) : Style.text
        if selected { canvas.fill(Rect(x: x, y: y, width: rowWidth, height: 1), style: rowStyle) }
        var cx = x
        for (index, (text, w)) in zip(cells, widths).enumerated() {
            var style = rowStyle
            if !selected { style = styles[index] ?? (text == "—" ? .muted : .text) }
            canvas.put(CellWidth.truncate(text, to: w), x: cx, y: y, style: style, limit: w)
            cx += w + 1
        }
    }
}

/// Selection and scroll of a short list (settings lists); rows are filtered by the caller.
public struct ListCursor: Equatable, Sendable {
    public private(set) var selected = 0
    public private(set) var top = 0
    public init() {}

    public mutating func move(by delta: Int, count: Int, pageSize: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), count - 1)
        clamp(count: count, pageSize: pageSize)
    }

    public mutating func clamp(count: Int, pageSize: Int) {
        selected = min(selected, max(0, count - 1))
        let page = max(1, pageSize)
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        top = max(0, min(top, max(0, count - page)))
    }
}
