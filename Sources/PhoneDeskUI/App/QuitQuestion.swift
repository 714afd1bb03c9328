import PhoneDeskCore

/// "Quit and discard your unsaved changes?" — asked over everything when something typed would
/// be lost. `y` quits; any other key stays.
struct QuitQuestion: Feature {
    enum Action: Sendable { case key(Key) }
    static func key(_ key: Key) -> Action { .key(key) }

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        // Only a yes quits: any other key, not just n or Esc, keeps the typed input.
        return QuestionKeys.table.action(for: key) == true ? [.app(.quitNow)] : [.close]
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        MessageBox.draw(title: context.t("Quit"), lines: [(context.t("Quit and discard your unsaved changes?"), Style(.warning, bold: true))],
                        hint: context.t("y quit · any other key stays"), in: &canvas, width: 50)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("Quit", QuestionKeys.table, global: false) }
}
