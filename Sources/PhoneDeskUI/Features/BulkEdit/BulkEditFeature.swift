import PhoneDeskCore

/// The bulk edit window over the table (`e` with marks): one store operation for every marked
/// phone, all or nothing; a phone another operator changed meanwhile stops it, named.
public struct BulkEditFeature: Feature {
    public enum Action: Sendable {
        case key(Key)
        case changeFinished(PhoneChange, ChangeResult)
    }

    public var bulk: BulkEditForm
    /// The change this window sent, so only its own result closes it.
    var sent: PhoneChange?

    init(phones: [Phone], data: AccountData) { bulk = BulkEditForm(phones: phones, data: data) }

    public static func key(_ key: Key) -> Action { .key(key) }

    public static func result(_ msg: Msg) -> Action? {
        if case .changeFinished(let change, let result) = msg { return .changeFinished(change, result) }
        return nil
    }

    public var isWindow: Bool { true }
    public func wheel(up: Bool) -> Action? { nil }
    public var hasUnsavedEdits: Bool { bulk.form.isDirty }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .key(let key):
            let step = bulk.form.step(key)
            if let global: Command<Action> = step.globalCommand() { return [global] }
            switch step {
            case .close: return [.close]
            case .submit:
                guard !context.savingPhone else { return [] }
                let edit = bulk.edit
                guard !edit.isEmpty else { return [.status(StatusMessage(.info, "Nothing to change: choose a value first."))] }
                let change = PhoneChange.bulk(BulkChange(phones: bulk.phones.map(PhoneRef.init), action: .edit(edit, skipUnfit: true)))
                sent = change
                return [.app(.savePhone(change))]
            case .event(.edited): bulk.refreshHints(templates: context.data.templates)
            default: break
            }
            return []
        case .changeFinished(let change, let result):
            let status = PhoneFormFeature.status(after: change, result)
            guard change == sent else { return [.status(status)] }
            sent = nil
            if case .saved = result { return [.close, .status(status)] }
            return [.status(status)]
        }
    }

    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        let drawn = FormView.draw(bulk.form, in: &canvas, note: BulkEditForm.note, busy: context.savingPhone ? "Saving…" : nil,
                                  language: context.language)
        return drawn.clicks(Action.key)
    }

    public func keys(_ context: Context) -> FocusKeys { bulk.form.focusKeys("Bulk edit", context.language) }
}
