import PhoneDeskCore

/// Draws the whole panel for the model's terminal size. Pure.
public func view(_ model: AppModel) -> Canvas {
    var canvas = drawn(model)
    // The terminal's cursor never leaves the screen, whatever a widget computed.
    if let cursor = canvas.cursor, !(0..<canvas.width).contains(cursor.x) || !(0..<canvas.height).contains(cursor.y) {
        canvas.cursor = nil
    }
    return canvas
}

/// The panel as the features drew it, before `view` hides a cursor placed off the screen: the
/// fuzz checks this one, so a widget's wrong cursor is a failure, not a silently hidden cursor.
/// The last full screen is drawn, the status line over it, then each window above, bottom up,
/// and last the key bar of whatever has focus.
func drawn(_ model: AppModel) -> Canvas {
    var canvas = Canvas(width: model.size.width, height: model.size.height)
    if model.size.isTooSmall {
        drawTooSmall(model.size, asking: model.navigation.top is QuitQuestion, language: model.language, in: &canvas)
        return canvas
    }
    let context = model.context
    let navigation = model.navigation
    if let base = navigation.base { navigation.stack[base].drawAny(context, in: &canvas) }
    else { navigation.root.drawAny(context, in: &canvas) }
    if !navigation.windows.contains(where: \.coversStatus) { drawStatus(model, in: &canvas) }
    for window in navigation.windows { window.drawAny(context, in: &canvas) }
    KeyBar.draw(footerItems(model), in: &canvas, y: canvas.height - 1, language: model.language)
    return canvas
}

/// The key bar of whatever has focus — the table, a filter, a form, a question, help — drawn
/// once at the bottom and read by the mouse, so a click does what the bar says.
func footerItems(_ model: AppModel) -> [FooterItem] { model.navigation.top.keys(model.context).marked(for: model.run.rights).footer }

/// The status line above the key bar, shared by every screen.
private func drawStatus(_ model: AppModel, in canvas: inout Canvas) {
    guard let status = model.status ?? model.reprovisioning.map(StatusMessage.progress) else { return }
    canvas.put(WordWrap.line(model.t(status.text), width: canvas.width - 2), x: 1, y: canvas.height - 2, style: status.style, limit: canvas.width - 2)
}

extension StatusMessage {
    /// "Re-provisioning 41,000 of 100,000 phones…" (counts grouped; the localizer writes
    /// "41 000" in Polish).
    static func progress(_ progress: ReprovisionProgress) -> StatusMessage {
        StatusMessage(.info, "Re-provisioning \(NumberFormat.count(progress.done, .en)) of \(NumberFormat.count(progress.total, .en)) phones…")
    }

    /// How a message of this kind looks (the status line, the checkout's message row).
    var style: Style {
        let role: Role = [.info: .accent, .success: .success, .warning: .warning, .error: .error][kind] ?? .text
        return Style(role, bold: kind == .error)
    }
}

/// Until the terminal grows back: what is wrong, and how to leave (the quit question itself
/// when it was asked, so `y` is not typed blind).
private func drawTooSmall(_ size: TermSize, asking: Bool, language: Language, in canvas: inout Canvas) {
    let text = Localizer.tr("terminal too small (need \(TermSize.minimum.width)×\(TermSize.minimum.height), have \(size.width)×\(size.height))", language)
    let y = max(0, size.height / 2)
    let x = max(0, (size.width - CellWidth.of(text)) / 2)
    canvas.put(text, x: x, y: y, style: Style(.warning, bold: true))
    if size.height > 1 {
        let hint = asking ? Localizer.tr("Quit and discard your unsaved changes?", language) + " " + QuestionKeys.hint(language)
            : Localizer.tr("q quits", language)
        canvas.put(hint, x: max(0, (size.width - CellWidth.of(hint)) / 2), y: min(size.height - 1, y + 1), style: .muted)
    }
}
