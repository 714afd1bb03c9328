import PhoneDeskCore

/// A semantic colour role; the terminal maps roles to a theme's colours.
public enum Role: String, CaseIterable, Sendable, Codable {
    case background, surface, text, muted, primary, accent, selection, success, warning, error, border
}

public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold = false
    public var reverse = false
    public var underline = false

    public init(_ role: Role, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role; self.bold = bold; self.reverse = reverse; self.underline = underline
    }

    public static let text = Style(.text)
    public static let muted = Style(.muted)
    public static let border = Style(.border)
}

/// One terminal cell. A wide character occupies its cell and a following `continuation` cell.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    public var continuation = false
    public static let blank = Cell(text: " ", style: .text)
}

public struct Rect: Hashable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// A rect of the given size centred in this one, clamped to fit.
    public func centred(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }
}

/// What `view` produces: a grid of cells and where the cursor goes. Pure data, no terminal.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: Canvas, b: Canvas) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Writes `text` at (x, y), clipped to `limit` columns (default: to the right edge).
    /// Returns the number of columns written. A wide character that would straddle the limit
    /// becomes a space, so nothing ever spills past the clip.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .text, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, limit.map { x + $0 } ?? width)
        var column = x
        for character in text {
            let w = CellWidth.of(character)
            if w == 0 { continue }
            if column + w > end {
                if column < end, column >= 0 { set(column, y, Cell(text: " ", style: style)) }
                column = end
                break
            }
            if column >= 0 {
                // Control characters never reach the terminal (they would move its cursor), nor
                // bidi controls, tags or noncharacters from a hand-edited file: the core's one
                // classification (TerminalText) decides, as for the CLI's output.
                let shown = character.unicodeScalars.contains(where: TerminalText.needsEscape) ? "?" : String(character)
                set(column, y, Cell(text: shown, style: style))
                if w == 2, column + 1 < width { set(column + 1, y, Cell(text: "", style: style, continuation: true)) }
            }
            column += w
        }
        return max(0, column - x)
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        // Overwriting half of a wide character blanks its other half.
        let index = y * width + x
        if cells[index].continuation, x > 0 { cells[index - 1] = Cell(text: " ", style: cells[index - 1].style) }
        if !cell.continuation, x + 1 < width, cells[index + 1].continuation, CellWidth.of(cells[index].text) == 2 {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    public mutating func fill(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, max(rect.x, rect.maxX)) { set(x, y, Cell(text: " ", style: style)) }
        }
    }

    /// A filled window with a single-line box border and a title in the top edge.
    public mutating func window(_ rect: Rect, title: String, style: Style = Style(.surface), border: Style = .border) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect, style: style)
        let horizontal = String(repeating: "─", count: rect.width - 2)
        put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: border)
        for y in rect.y + 1..<rect.maxY - 1 {
            put("│", x: rect.x, y: y, style: border)
            put("│", x: rect.maxX - 1, y: y, style: border)
        }
        put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: border)
        if !title.isEmpty {
            put(" \(title) ", x: rect.x + 2, y: rect.y, style: Style(.primary, bold: true), limit: rect.width - 4)
        }
    }

    public mutating func hline(x: Int, y: Int, width w: Int, style: Style = .border) {
        put(String(repeating: "─", count: max(0, w)), x: x, y: y, style: style)
    }

    /// The grid as plain text lines (trailing spaces kept), for golden files and tests.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].continuation { line += self[x, y].text }
            return line
        }
    }

    public var text: String { lines.joined(separator: "\n") }
}
