/// The reversed bar on row 0: the screen's title on the left, a count or total on the right.
enum TitleBar {
    static func draw(_ text: String, right: String, in canvas: inout Canvas) {
        canvas.fill(Rect(x: 0, y: 0, width: canvas.width, height: 1), style: Style(.primary, reverse: true))
        canvas.put(text, x: 0, y: 0, style: Style(.primary, bold: true, reverse: true))
        canvas.put(right + " ", x: canvas.width - CellWidth.of(right) - 1, y: 0, style: Style(.primary, bold: true, reverse: true))
    }
}
