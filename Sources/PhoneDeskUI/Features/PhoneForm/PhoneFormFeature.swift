import PhoneDeskCore

/// Figures 15.2 and 15.3: the Add and Edit phone windows over the table.
public struct PhoneFormFeature: Feature {
    public enum Kind: Sendable, Equatable {
        case add(AddPhoneForm)
        case edit(EditPhoneForm)
    }

    public enum Action: Sendable {
        case key(Key)
        case changeFinished(PhoneChange, ChangeResult)
        case storeChanged
    }

    public var kind: Kind

    init(adding: Void) { kind = .add(AddPhoneForm()) }
    init(editing phone: Phone, data: AccountData) { kind = .edit(EditPhoneForm(phone: phone, data: data)) }

    public static func key(_ key: Key) -> Action { .key(key) }

    public static func result(_ msg: Msg) -> Action? {
        switch msg {
        case .changeFinished(let change, let result): return .changeFinished(change, result)
        case .storeChanged: return .storeChanged
        default: return nil
        }
    }

    public var isWindow: Bool { true }
    public func wheel(up: Bool) -> Action? { nil }

    public var hasUnsavedEdits: Bool {
        switch kind {
        case .add(let add): return add.form.isDirty
        case .edit(let edit): return edit.form.isDirty
        }
    }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .key(let key):
            switch kind {
            case .add(var add):
                defer { kind = .add(add) }
                return addKey(&add, key, context)
            case .edit(var edit):
                defer { kind = .edit(edit) }
                return editKey(&edit, key, context)
            }
        case .changeFinished(let change, let result):
            return finished(change, result, context)
        case .storeChanged:
            guard case .edit(var edit) = kind else { return [] }
            guard let current = context.data.phone(id: edit.base.id) else {
                return [.status(StatusMessage(.warning, "Another operator deleted \"\(edit.base.name)\". Esc closes this form."))]
            }
            guard current.revision != edit.base.revision else { return [] }
            edit.rebase(onto: current, data: context.data)
            kind = .edit(edit)
            return [.status(StatusMessage(.warning, "Another operator changed \"\(current.name)\" meanwhile: see the form."))]
        }
    }

    private func addKey(_ add: inout AddPhoneForm, _ key: Key, _ context: Context) -> [Command<Action>] {
        let step = add.form.step(key)
        if let global: Command<Action> = step.globalCommand() { return [global] }
        switch step {
        case .close: return [.close, .status(nil)]
        case .submit:
            if !context.savingPhone, let new = add.submit(phones: context.data.phones) { return [.app(.savePhone(.add(new)))] }
        case .event(.edited(let id)):
            add.touched.remove(id)
            add.refresh(phones: context.data.phones)
        case .event(.left(let id)):
            add.touched.insert(id)
            add.refresh(phones: context.data.phones)
        default: break
        }
        return []
    }

    private func editKey(_ edit: inout EditPhoneForm, _ key: Key, _ context: Context) -> [Command<Action>] {
        if let replacing = edit.replacing {
            // "Replace the hardware?": y saves, n or Esc goes back to the form as typed; Enter is
            // no answer (a yes loses the old MAC's files).
            guard let yes = QuestionKeys.table.action(for: key) else { return GlobalKeys.commands(for: key, in: GlobalKeys.whileTyping) }
            edit.replacing = nil
            guard yes, !context.savingPhone else { return [] }
            return [.app(.savePhone(.update(id: edit.base.id, baseRevision: edit.base.revision, replacing)))]
        }
        if !edit.form.confirmingDiscard, EditPhoneKeys.table.action(for: key) == .keys {
            // The editor saves the phone itself: the form would then be stale, so it gives way.
            guard !edit.form.isDirty else {
                return [.status(StatusMessage(.info, "Save or cancel this form first; then Ctrl-K edits the keys."))]
            }
            return [.app(.replace(with: KeyLayoutFeature(phone: context.data.phone(id: edit.base.id) ?? edit.base, returnsToForm: true)))]
        }
        let step = edit.form.step(key)
        if let global: Command<Action> = step.globalCommand() { return [global] }
        switch step {
        // What the status said was about this form ("Not saved: … see the form"): it goes with it.
        case .close: return [.close, .status(nil)]
        case .submit:
            guard !context.savingPhone else { break }
            switch edit.submit(data: context.data) {
            case .invalid: break
            case .confirmReplace(let change): edit.replacing = change
            case .save(let change): return [.app(.savePhone(.update(id: edit.base.id, baseRevision: edit.base.revision, change)))]
            }
        case .event(.edited(let id)): edit.edited(id, data: context.data)
        default: break
        }
        return []
    }

    private mutating func finished(_ change: PhoneChange, _ result: ChangeResult, _ context: Context) -> [Command<Action>] {
        let status = Self.status(after: change, result)
        switch (result, change, kind) {
        case (.saved(let outcome), .add, _):
            guard let added = outcome.phoneID.flatMap({ outcome.data.phone(id: $0) }) else { return [.close, .status(status)] }
            return [.app(.replace(with: AddedPhoneNotice(phone: added))), .status(status)]
        case (.saved, .update(_, _, let saved), .edit(let edit)):
            // A new MAC: say what was replaced (the CLI does too).
            if let old = edit.base.mac, let new = saved.mac, old != new {
                return [.close, .status(StatusMessage(.success, "Replaced the hardware of \"\(saved.name)\": \(old.display) → \(new.display)."))]
            }
            // The BLF turned on took key 2 (the form said so before Submit).
            if saved.blfExtension != nil, let key = edit.keyTwoKey {
                let was = KeysText.typeName(key.type) + (key.value.map { ": " + $0 } ?? "")
                return [.close, .status(StatusMessage(.success, "Saved \"\(saved.name)\": the BLF replaced key 2 (\(was))."))]
            }
            return [.close, .status(status)]
        case (.saved, _, _):
            return [.close, .status(status)]
        case (.rejected(.invalid(let errors)), _, .add(var add)):
            add.show(errors)
            kind = .add(add)
        case (.rejected(.invalid(let errors)), _, .edit(var edit)):
            edit.show(errors)
            kind = .edit(edit)
        case (.rejected(.stale(let current, _)), _, .edit(var edit)):
            // Their change comes into the form (the fields this operator did not touch); the
            // next Submit saves both.
            edit.rebase(onto: current, data: context.data)
            kind = .edit(edit)
            return [.status(StatusMessage(.error, "Not saved: another operator changed \"\(current.name)\" meanwhile: see the form."))]
        default: break
        }
        return [.status(status)]
    }

    /// What the status line says once a phone change is saved, refused or failed.
    static func status(after change: PhoneChange, _ result: ChangeResult) -> StatusMessage {
        switch result {
        case .saved:
            switch change {
            case .add(let new): return StatusMessage(.success, "Added \"\(new.name)\".")
            case .update(_, _, let edit): return StatusMessage(.success, "Saved \"\(edit.name)\".")
            case .delete: return StatusMessage(.success, "Deleted.")
            case .rotateSecret: return StatusMessage(.success, "New URL saved; the old one answers 404 from now on.")
            case .bulk(let bulk):
                let count = Plural.count(bulk.phones.count, "phone", "phones")
                if case .delete = bulk.action { return StatusMessage(.success, "Deleted \(count).") }
                return StatusMessage(.success, "Saved \(count).")
            }
        case .rejected(let rejection): return StatusMessage(.error, rejection.message)
        case .failed(let error): return StatusMessage(.error, error.description)
        }
    }

    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        let busy = context.savingPhone ? "Saving…" : nil
        let drawn: FormView.Drawn
        switch kind {
        case .add(let add): drawn = FormView.draw(add.form, in: &canvas, note: AddPhoneForm.note, busy: busy, language: context.language)
        case .edit(let edit):
            drawn = FormView.draw(edit.form, in: &canvas, note: edit.note, busy: busy, language: context.language)
            if let replacing = edit.replacing {
                canvas.cursor = nil
                let lines = edit.replaceQuestion(replacing) { context.t($0) }
                MessageBox.draw(title: context.t(EditPhoneForm.replaceTitle), lines: lines, hint: QuestionKeys.hint(context.language), in: &canvas)
                return []
            }
        }
        return drawn.clicks(Action.key)
    }

    public func keys(_ context: Context) -> FocusKeys {
        switch kind {
        case .add(let add): return add.form.focusKeys("Add phone", context.language)
        case .edit(let edit):
            if edit.replacing != nil { return QuestionKeys.focusKeys(EditPhoneForm.replaceTitle, context.language, global: .globalWhileTyping) }
            var keys = edit.form.focusKeys("Edit phone", context.language)
            if !edit.form.confirmingDiscard {
                keys.sections.insert(HelpSection(EditPhoneKeys.table.title, EditPhoneKeys.table.helpRows), at: 1)
                // In the bar too (an open list's bar is the list's alone).
                if case .dropdown(let list)? = edit.form.focusedField?.kind, list.isOpen {} else { keys.footer += EditPhoneKeys.table.footerItems }
            }
            return keys
        }
    }
}

/// The edit form's own key besides the form's: the phone's key layout.
enum EditPhoneKeys {
    enum Action: Sendable, Equatable { case keys }
    static let table = KeyTable<Action>("Edit phone", [
        KeyBinding([.ctrl("k")], "edit the phone's keys (the form must be saved or unchanged)", footer: "Keys", .keys),
    ])
}
