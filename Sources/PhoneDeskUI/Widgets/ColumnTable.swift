/// Column layout and drawing shared by every table (phones, images, templates).
public struct TableColumn: Sendable {
    public var title: String
    public var minWidth: Int
    /// Share of the spare width; 0 keeps the column at its minimum.
    public var weight: Int
    /// When the table is too narrow for every minimum, columns with a drop rank leave, lowest
    /// rank first, before any column is squeezed; nil never leaves.
    public var drop: Int?
    public init(_ title: String, min: Int, weight: Int, drop: Int? = nil) {
        self.title = title; minWidth = min; self.weight = weight; self.drop = drop
    }
}

public enum ColumnTable {
    /// Widths for `width` columns of terminal: droppable columns leave (width 0) until the
    /// minimums fit, then spare space goes by weight (the rounding remainder to the first
    /// column), one space between columns.
    public static func widths(_ columns: [TableColumn], width: Int) -> [Int] {
        var kept = Array(columns.indices)
        func needed() -> Int { kept.reduce(0) { $0 + columns[$1].minWidth } + kept.count - 1 }
        let leaving = columns.indices.filter { columns[$0].drop != nil }.sorted { columns[$0].drop! < columns[$1].drop! }
        for index in leaving where needed() > width { kept.removeAll { $0 == index } }
        var widths = columns.indices.map { kept.contains($0) ? columns[$0].minWidth : 0 }
        let spare = width - needed()
        let totalWeight = kept.reduce(0) { $0 + columns[$1].weight }
        if spare > 0, totalWeight > 0 {
            var given = 0
            for i in kept {
                let share = spare * columns[i].weight / totalWeight
                widths[i] += share
                given += share
            }
            widths[kept[0]] += spare - given
        }
        return widths
    }

    public static func drawHeader(_ columns: [TableColumn], widths: [Int], x: Int, y: Int, in canvas: inout Canvas,
                                  language: Language = .en) {
        var cx = x
        for (column, w) in zip(columns, widths) where w > 0 {
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
        for (index, (text, w)) in zip(cells, widths).enumerated() where w > 0 {
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
