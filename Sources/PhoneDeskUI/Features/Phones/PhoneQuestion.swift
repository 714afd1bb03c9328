import PhoneDeskCore

/// A yes/no question about one phone over the table — delete it, or give it a new provisioning
/// URL; `y` (`t` in Polish) saves the change, `n` or Esc closes. Closes by itself when another
/// operator deletes the phone meanwhile.
struct PhoneQuestion: Feature {
    enum Action: Sendable { case key(Key), storeChanged }
    enum Kind: Sendable { case delete, newURL }
    let kind: Kind
    let phone: Phone

    static func key(_ key: Key) -> Action { .key(key) }
    static func result(_ msg: Msg) -> Action? {
        if case .storeChanged = msg { return .storeChanged }
        return nil
    }

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    var title: String { kind == .delete ? "Delete phone" : "New provisioning URL" }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .storeChanged:
            guard context.data.phone(id: phone.id) == nil else { return [] }
            return [.close, .status(StatusMessage(.info, "\"\(phone.name)\" was already deleted by another operator."))]
        case .key(let key):
            guard let yes = QuestionKeys.table.action(for: key) else { return GlobalKeys.commands(for: key) }
            guard yes else { return [.close] }
            switch kind {
            case .delete:
                return [.close, .app(.savePhone(.delete(id: phone.id, baseRevision: phone.revision))),
                        .status(StatusMessage(.info, "Deleting \"\(phone.name)\"…"))]
            case .newURL:
                return [.close, .app(.savePhone(.rotateSecret(id: phone.id, baseRevision: phone.revision))),
                        .status(StatusMessage(.info, "Giving \"\(phone.name)\" a new URL…"))]
            }
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        let lines: [(String, Style)]
        switch kind {
        case .delete:
            lines = [(context.t("Delete \"\(phone.name)\" (\(phone.model?.label ?? phone.modelID), \(phone.mac?.display ?? context.t("no MAC")))?"), Style(.text, bold: true)),
                     (context.t("Its provisioning file is removed; the phone keeps its last settings."), .muted)]
        case .newURL:
            lines = [(context.t("Give \"\(phone.name)\" a new provisioning URL?"), Style(.text, bold: true)),
                     (context.t("The old URL answers 404 at once: enter the new one in the phone."), .muted)]
        }
        MessageBox.draw(title: context.t(title), lines: lines, hint: QuestionKeys.hint(context.language), in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { QuestionKeys.focusKeys(title, context.language) }
}
