import PhoneDeskCore

/// "Delete "Recepcja" (Yealink T54W, 80:5e:c0:…)?" over the table; `y` saves the delete.
struct DeletePhoneQuestion: Feature {
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
            return [.close, .status(StatusMessage(.info, "\"\(phone.name)\" was already deleted by another operator."))]
        case .key(let key):
            guard let yes = QuestionKeys.table.action(for: key) else { return GlobalKeys.commands(for: key) }
            guard yes else { return [.close] }
            return [.close, .app(.savePhone(.delete(id: phone.id, baseRevision: phone.revision))),
                    .status(StatusMessage(.info, "Deleting \"\(phone.name)\"…"))]
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        MessageBox.draw(title: context.t("Delete phone"), lines: [
            (context.t("Delete \"\(phone.name)\" (\(phone.model?.label ?? phone.modelID), \(phone.mac?.display ?? context.t("no MAC")))?"), Style(.text, bold: true)),
            (context.t("Its provisioning file is removed; the phone keeps its last settings."), .muted),
        ], hint: QuestionKeys.hint(context.language), in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { QuestionKeys.focusKeys("Delete phone", context.language) }
}
