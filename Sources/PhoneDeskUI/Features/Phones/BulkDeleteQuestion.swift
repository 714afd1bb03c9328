import PhoneDeskCore

/// "Delete 3 marked phones?" over the table (`d` with marks), in the one question style; yes
/// deletes them all in one store operation, or none when one of them changed meanwhile.
struct BulkDeleteQuestion: Feature {
    enum Action: Sendable { case key(Key) }
    let phones: [Phone]

    static func key(_ key: Key) -> Action { .key(key) }
    static func result(_ msg: Msg) -> Action? { nil }

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    static let title = "Delete marked phones"

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        guard let yes = QuestionKeys.table.action(for: key) else { return GlobalKeys.commands(for: key) }
        guard yes else { return [.close] }
        let count = Plural.count(phones.count, "phone", "phones")
        return [.close, .app(.savePhone(.bulk(BulkChange(phones: phones.map(PhoneRef.init), action: .delete)))),
                .status(StatusMessage(.info, "Deleting \(count)…"))]
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        // A few names, so the operator sees which marks these are; data, not translated.
        let names = phones.prefix(3).map { "\"\($0.name)\"" }.joined(separator: ", ") + (phones.count > 3 ? ", … (+\(phones.count - 3))" : "")
        let lines: [(String, Style)] = [
            (context.t("Delete \(Plural.count(phones.count, "marked phone", "marked phones"))?"), Style(.text, bold: true)),
            (names, .text),
            (context.t("Their provisioning files are removed; the phones keep their last settings."), .muted),
        ]
        MessageBox.draw(title: context.t(Self.title), lines: lines, hint: QuestionKeys.hint(context.language), in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { QuestionKeys.focusKeys(Self.title, context.language) }
}
