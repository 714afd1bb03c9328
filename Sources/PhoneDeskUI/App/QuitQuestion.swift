import PhoneDeskCore

/// "Quit and discard your unsaved changes?" — asked over everything when something typed would
/// be lost. Yes quits, no (n, Esc) stays; other keys wait for the answer.
struct QuitQuestion: Feature {
    enum Action: Sendable { case key(Key) }
    static func key(_ key: Key) -> Action { .key(key) }

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        switch QuestionKeys.table.action(for: key) {
        case true?: return [.app(.quitNow)]
        case false?: return [.close]
        case nil: return []
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        MessageBox.draw(title: context.t("Quit"), lines: [(context.t("Quit and discard your unsaved changes?"), Style(.warning, bold: true))],
                        hint: QuestionKeys.hint(context.language), in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { QuestionKeys.focusKeys("Quit", context.language, global: nil) }
}
