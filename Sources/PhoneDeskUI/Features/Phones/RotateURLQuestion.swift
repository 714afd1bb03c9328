import PhoneDeskCore

/// "New URL for "Recepcja"?" over the table; `y` saves a new secret for the phone.
struct RotateURLQuestion: Feature {
    enum Action: Sendable { case key(Key), storeChanged }
    let phone: Phone

    static func key(_ key: Key) -> Action { .key(key) }
    static func result(_ msg: Msg) -> Action? {
        if case .storeChanged = msg { return .storeChanged }
        return nil
    }

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .storeChanged:
            guard context.data.phone(id: phone.id) == nil else { return [] }
            return [.close, .status(StatusMessage(.info, "\"\(phone.name)\" was deleted by another operator."))]
        case .key(let key):
            guard let yes = QuestionKeys.table.action(for: key) else { return GlobalKeys.commands(for: key) }
            guard yes else { return [.close] }
            return [.close, .app(.savePhone(.rotateSecret(id: phone.id, baseRevision: phone.revision))),
                    .status(StatusMessage(.info, "Giving \"\(phone.name)\" a new URL…"))]
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        MessageBox.draw(title: context.t("New provisioning URL"), lines: [
            (context.t("Give \"\(phone.name)\" a new provisioning URL?"), Style(.text, bold: true)),
            (context.t("The old URL answers 404 at once: enter the new one in the phone."), .muted),
        ], hint: context.t("y new URL · n or Esc keep it"), in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("New provisioning URL", QuestionKeys.table) }
}
