/// How big a dialog is: as wide as its text wants, never wider than the screen allows, and
/// placed between the title bar and the key bar, so the screen's name and the keys of the
/// dialog stay readable.
public enum DialogSize {
    /// Columns between the dialog and each screen edge.
    static let screenMargin = 1
    /// Border plus one blank column each side of the text.
    public static let chrome = 4

    /// The area dialogs sit in: the screen below the title bar and above the key bar.
    public static func area(_ canvas: Canvas) -> Rect { area(width: canvas.width, height: canvas.height) }

    public static func area(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 2)) }

    /// The widest a dialog may be in `area`.
    public static func maxWidth(in area: Rect) -> Int { max(chrome + 1, area.width - 2 * screenMargin) }

    /// A window width for text `natural` columns wide: at least `minimum`, at most `maximum`
    /// (a readable line) and the screen.
    public static func width(natural: Int, minimum: Int = 40, maximum: Int = .max, in area: Rect) -> Int {
        min(max(natural + chrome, minimum), maximum, maxWidth(in: area))
    }

    /// The window's rect, centred in `area`, clamped to it.
    public static func rect(width: Int, height: Int, in area: Rect) -> Rect {
        area.centred(width: width, height: min(height, area.height))
    }
}
