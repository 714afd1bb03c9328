import PhoneDeskCore

/// The key-layout editor of one phone (`k` on the table, Ctrl-K in the edit form): its keys as a
/// list and as a picture of the phone's pages and sidecars. Changes are kept here until saved;
/// saving is one phone edit (revision, stale check, files regenerated).
public struct KeyLayoutFeature: Feature {
    public enum Action: Sendable {
        case key(Key)
        case changeFinished(PhoneChange, ChangeResult)
        case settingsFinished(SettingsChange, SettingsResult)
        case storeChanged
    }

    public enum PresetField: Hashable, Sendable { case name, ok, cancel }

    public enum Mode: Equatable, Sendable {
        case list
        case editing(KeyForm)
        /// "Discard your changes?" (the one question style).
        case discard
        case presetName(Form<PresetField>)
        /// Choosing a preset to apply: the selected row.
        case presets(Int)
    }

    /// The phone as opened (or as last saved): the save is based on its revision.
    public var base: Phone
    public var layout: KeyLayout
    /// The layout as opened or last saved: changed when `layout` differs.
    public var saved: KeyLayout
    public var cursor = ListCursor()
    public var mode: Mode = .list
    var sent: PhoneChange?
    /// What the save on its way does to the phone's BLF (key 2), said once it is saved.
    var sentNote: String?
    var sentPreset: SettingsChange?
    /// Opened from the edit form (Ctrl-K): closing goes back to it, not to the table.
    var returnsToForm = false
    /// Set once another operator's save came in: the keys both changed (ours kept), and whether
    /// both changed the sidecars; the editor names them (`mergeNote`).
    public var merged: Merge?
    public struct Merge: Equatable, Sendable {
        public var keys: [Int]
        public var sidecars: Bool
    }

    init(phone: Phone, returnsToForm: Bool = false) {
        base = phone
        layout = phone.layout
        saved = layout
        self.returnsToForm = returnsToForm
    }

    /// Closes the editor: back to the edit form it was opened from (showing `data`'s phone),
    /// else to the table; `status` says what happened.
    func leave(_ data: AccountData, _ status: StatusMessage? = nil) -> [Command<Action>] {
        let status: [Command<Action>] = status.map { [.status($0)] } ?? []
        guard returnsToForm else { return [.close] + status }
        return [.app(.replace(with: PhoneFormFeature(editing: data.phone(id: base.id) ?? base, data: data)))] + status
    }

    public static func key(_ key: Key) -> Action { .key(key) }

    public static func result(_ msg: Msg) -> Action? {
        switch msg {
        case .changeFinished(let change, let result): return .changeFinished(change, result)
        case .settingsFinished(let change, let result): return .settingsFinished(change, result)
        case .storeChanged: return .storeChanged
        default: return nil
        }
    }

    public var isWindow: Bool { true }
    public func wheel(up: Bool) -> Action? { mode == .list ? .key(up ? .up : .down) : nil }
    public var hasUnsavedEdits: Bool {
        if case .editing(let form) = mode, form.form.isDirty { return true }
        return layout != saved
    }

    var model: PhoneModel? { base.model }
    var selectedKey: PhoneKey? { layout.keys.indices.contains(cursor.selected) ? layout.keys[cursor.selected] : nil }
    var capacity: Int { model.map { KeyRules.capacity(of: $0, sidecars: layout.sidecars) } ?? 0 }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .key(let key):
            switch mode {
            case .list: return listKey(key, context)
            case .editing(var form):
                defer { if case .editing = mode { mode = .editing(form) } }
                return editKey(&form, key, context)
            case .discard:
                guard let yes = QuestionKeys.table.action(for: key) else { return GlobalKeys.commands(for: key, in: GlobalKeys.whileTyping) }
                mode = .list
                // The list's last word ("Key 1 deleted; Ctrl-S saves…") no longer holds.
                return yes ? leave(context.data, StatusMessage(.info, "Discarded the changes to the keys of \"\(base.name)\".")) : []
            case .presetName(var form):
                defer { if case .presetName = mode { mode = .presetName(form) } }
                return presetNameKey(&form, key)
            case .presets(let row):
                return presetKey(row, key, context)
            }
        case .changeFinished(let change, let result):
            guard change == sent else { return [] }
            sent = nil
            switch result {
            case .saved(let outcome):
                let name = outcome.data.phone(id: base.id)?.name ?? base.name
                return leave(outcome.data, StatusMessage(.success, sentNote.map { "Saved \"\(name)\": \($0)" } ?? "Saved the keys of \"\(name)\"."))
            case .rejected(.stale(let current, _)):
                return rebase(onto: current, page: KeyLayoutView.listRows(context.size, self))
            case .rejected(.invalid(let errors)):
                let first = PhoneField.allCases.compactMap { errors[$0] }.first ?? "Not saved."
                return [.status(StatusMessage(.error, first))]
            case .rejected(let rejection): return [.status(StatusMessage(.error, rejection.message))]
            case .failed(let error): return [.status(StatusMessage(.error, error.description))]
            }
        case .settingsFinished(let change, let result):
            guard change == sentPreset else { return [] }
            sentPreset = nil
            switch result {
            case .saved:
                if case .saveKeyPreset(let preset) = change {
                    return [.status(StatusMessage(.success, "Saved key preset \"\(preset.name.trimmingSpaces)\"."))]
                }
                return []
            case .rejected(let rejection): return [.status(StatusMessage(.error, rejection.message))]
            case .failed(let error): return [.status(StatusMessage(.error, error.description))]
            }
        case .storeChanged:
            guard let current = context.data.phone(id: base.id) else {
                return [.status(StatusMessage(.warning, "Another operator deleted \"\(base.name)\". Esc closes this window."))]
            }
            // While our save is on its way its own result says what happened.
            guard sent == nil, current.revision != base.revision else { return [] }
            return rebase(onto: current, page: KeyLayoutView.listRows(context.size, self))
        }
    }

    /// Another operator saved the phone after this editor opened (their save came in, or ours
    /// was stale): keys this operator left as they were take their values, keys changed here
    /// stay, and the next save is based on their revision, so it never reverts their keys
    /// unseen. The keys both changed are named in the editor (`mergeNote`).
    mutating func rebase(onto current: Phone, page: Int) -> [Command<Action>] {
        let original = saved, theirs = current.layout
        base = current
        saved = theirs
        guard theirs != original else {
            return [.status(StatusMessage(.warning, "Another operator changed this phone, not its keys: Ctrl-S saves yours."))]
        }
        let mySidecars = layout.sidecars != original.sidecars
        var result = KeyLayout(keys: [], sidecars: mySidecars ? layout.sidecars : theirs.sidecars)
        var both: [Int] = []
        for number in Set((original.keys + layout.keys + theirs.keys).map(\.number)).sorted() {
            let before = original.key(number), mine = layout.key(number), their = theirs.key(number)
            guard mine != before else { if let their { result.set(their) }; continue }
            if their != before && their != mine { both.append(number) }
            if let mine { result.set(mine) }
        }
        layout = result
        merged = Merge(keys: both, sidecars: mySidecars && theirs.sidecars != original.sidecars && theirs.sidecars != layout.sidecars)
        cursor.clamp(count: layout.keys.count, pageSize: page)
        return [.status(StatusMessage(.warning, "Another operator changed this phone's keys meanwhile: see the list."))]
    }

    /// The line under the picture after a merge: which keys both operators changed (ours kept).
    var mergeNote: String? {
        guard let merged else { return nil }
        let named = merged.keys.prefix(4).map(String.init).joined(separator: ", ") + (merged.keys.count > 4 ? " …" : "")
        switch (merged.keys.isEmpty, merged.sidecars) {
        case (true, false): return "! Another operator's key changes are in the list; yours are kept."
        case (true, true): return "! You and another operator changed the sidecars: yours are kept."
        case (false, false): return "! You and another operator changed keys \(named): yours are kept."
        case (false, true): return "! You and another operator changed keys \(named), sidecars: yours kept."
        }
    }

    private mutating func listKey(_ key: Key, _ context: Context) -> [Command<Action>] {
        guard let action = KeyLayoutKeys.list.action(for: key) else { return GlobalKeys.commands(for: key) }
        let page = KeyLayoutView.listRows(context.size, self)
        switch action {
        case .up: cursor.move(by: -1, count: layout.keys.count, pageSize: page)
        case .down: cursor.move(by: 1, count: layout.keys.count, pageSize: page)
        case .add:
            guard let model else { return [.status(StatusMessage(.error, "The phone's model is unknown, so it has no keys to set."))] }
            // The first free number the brand's files can carry (Grandstream: keys 2-8).
            guard capacity > 0, let free = (1...capacity).first(where: { layout.key($0) == nil && KeyRules.renders(.blf, number: $0, model: model) }) else {
                return [.status(StatusMessage(.error, "\(model.label) holds \(capacity) keys with \(layout.sidecars) sidecars: every one is set."))]
            }
            mode = .editing(KeyForm(key: PhoneKey(number: free, type: .blf), isNew: true))
        case .edit:
            guard let selected = selectedKey else { return [.status(StatusMessage(.info, "No key yet: a adds one."))] }
            mode = .editing(KeyForm(key: selected, isNew: false))
        case .delete:
            guard let selected = selectedKey else { return [] }
            let before = layout
            layout.clear(selected.number)
            cursor.clamp(count: layout.keys.count, pageSize: page)
            return [.status(StatusMessage(.info, blfOffNote(before: before) ?? "Key \(selected.number) deleted; Ctrl-S saves the layout."))]
        case .moveUp, .moveDown:
            guard let selected = selectedKey else { return [] }
            let target = selected.number + (action == .moveUp ? -1 : 1)
            guard target >= 1, target <= capacity else {
                return [.status(StatusMessage(.error, "Key \(selected.number) cannot move: the keys run from 1 to \(capacity)."))]
            }
            let other = layout.key(target)
            layout.clear(selected.number)
            layout.clear(target)
            var moved = selected
            moved.number = target
            layout.set(moved)
            if var other {
                other.number = selected.number
                layout.set(other)
            }
            select(target, page: page)
        case .moreSidecars, .fewerSidecars:
            guard let model, let module = model.expansionModule else {
                return [.status(StatusMessage(.error, "\(model?.label ?? "This model") takes no expansion modules."))]
            }
            let count = layout.sidecars + (action == .moreSidecars ? 1 : -1)
            guard count >= 0, count <= model.maxModules else {
                return [.status(StatusMessage(.error, "\(model.label) takes 0 to \(model.maxModules) \(module.name) modules."))]
            }
            let limit = KeyRules.capacity(of: model, sidecars: count)
            if let beyond = layout.keys.first(where: { $0.number > limit }) {
                return [.status(StatusMessage(.error, "Key \(beyond.number) is on that sidecar: delete or move it first."))]
            }
            layout.sidecars = count
        case .preset:
            guard let presets = context.data.account.keyPresets, !presets.isEmpty else {
                return [.status(StatusMessage(.info, "No presets yet: P saves this layout as one."))]
            }
            mode = .presets(0)
        case .savePreset:
            mode = .presetName(Form(title: "Save as preset", fields: [
                FormField(id: .name, label: "Preset name", kind: .text(TextInput())),
                FormField(id: .ok, label: "Save", kind: .button),
                FormField(id: .cancel, label: "Cancel", kind: .button),
            ], submitButton: .ok, cancelButton: .cancel))
        case .save:
            guard layout != saved else { return [.status(StatusMessage(.info, "Nothing to save: the layout is unchanged."))] }
            guard !context.savingPhone else { return [] }
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            let extensions = Set(context.data.users.map(\.extensionNumber))
            if let problem = KeyRules.problem(with: layout, model: model, extensions: extensions) {
                return [.status(StatusMessage(.error, problem))]
            }
            var edit = PhoneEdit(base)
            edit.setLayout(layout)
            let change = PhoneChange.update(id: base.id, baseRevision: base.revision, edit)
            sent = change
            sentNote = blfOffSaved(before: base)
            return [.app(.savePhone(change))]
        case .close:
            if layout != saved { mode = .discard; return [] }
            return leave(context.data)
        }
        return []
    }

    /// Key 2 is the phone's BLF (the table's and the edit form's): says so when a change here
    /// turns it off.
    func blfOffNote(before: KeyLayout) -> String? {
        guard before.stored.blf != nil, layout.stored.blf == nil else { return nil }
        return "Key 2 was the phone's BLF: with this layout the BLF is off. Ctrl-S saves it."
    }

    /// Said with "Saved": key 2 was `phone`'s BLF and this layout turns it off, as the CLI says.
    func blfOffSaved(before phone: Phone) -> String? {
        guard let blf = phone.blfExtension, layout.stored.blf == nil else { return nil }
        guard let key = layout.key(KeyLayout.seedBLFKey) else { return "key 2 is cleared, so the BLF (\(blf)) is off." }
        return "key 2 is now \(KeysText.typeName(key.type)), so the BLF (\(blf)) is off."
    }

    private mutating func select(_ number: Int, page: Int) {
        let index = layout.keys.firstIndex { $0.number == number } ?? 0
        cursor.move(by: index - cursor.selected, count: layout.keys.count, pageSize: page)
    }

    private mutating func editKey(_ form: inout KeyForm, _ key: Key, _ context: Context) -> [Command<Action>] {
        let step = form.form.step(key)
        if let global: Command<Action> = step.globalCommand() { return [global] }
        switch step {
        case .close: mode = .list
        case .submit:
            let extensions = Set(context.data.users.map(\.extensionNumber))
            switch form.key(in: layout, model: model, extensions: extensions) {
            case .failure(let problem):
                form.form.clearErrors()
                form.form[problem.field]?.error = problem.message
                form.form.focusFirstError()
            case .success(let newKey):
                let before = layout
                if let original = form.original { layout.clear(original) }
                layout.set(newKey)
                mode = .list
                select(newKey.number, page: KeyLayoutView.listRows(context.size, self))
                if let note = blfOffNote(before: before) { return [.status(StatusMessage(.info, note))] }
            }
        case .event(.edited(.type)): form.refresh()
        default: break
        }
        return []
    }

    private mutating func presetNameKey(_ form: inout Form<PresetField>, _ key: Key) -> [Command<Action>] {
        let step = form.step(key)
        if let global: Command<Action> = step.globalCommand() { return [global] }
        switch step {
        case .close: mode = .list
        case .submit:
            let name = form.text(.name)
            if let problem = PhoneRules.nameRule.run(name) {
                form[.name]?.error = problem
                return []
            }
            let change = SettingsChange.saveKeyPreset(KeyPreset(name: name, keys: layout.keys, sidecars: layout.sidecars == 0 ? nil : layout.sidecars))
            sentPreset = change
            mode = .list
            return [.perform(.applySettings(change))]
        default: break
        }
        return []
    }

    private mutating func presetKey(_ row: Int, _ key: Key, _ context: Context) -> [Command<Action>] {
        let presets = context.data.account.keyPresets ?? []
        guard let action = KeyLayoutKeys.presets.action(for: key) else { return GlobalKeys.commands(for: key) }
        switch action {
        case .up: mode = .presets(max(0, row - 1))
        case .down: mode = .presets(min(max(0, presets.count - 1), row + 1))
        case .close: mode = .list
        case .apply:
            guard presets.indices.contains(row) else { mode = .list; return [] }
            let preset = presets[row]
            let extensions = Set(context.data.users.map(\.extensionNumber))
            if let problem = KeyRules.problem(with: preset.layout, model: model, extensions: extensions) {
                // Back to the layout, unchanged: the list open behind the refusal looked like it
                // still waited for a choice.
                mode = .list
                return [.status(StatusMessage(.error, "Preset \"\(preset.name)\" does not fit; the layout is unchanged. \(problem)"))]
            }
            layout = preset.layout
            cursor = ListCursor()
            mode = .list
            return [.status(StatusMessage(.info, "Preset \"\(preset.name)\" applied; Ctrl-S saves the layout."))]
        }
        return []
    }

    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        KeyLayoutView.draw(self, context, in: &canvas)
    }

    public func keys(_ context: Context) -> FocusKeys {
        switch mode {
        case .list: return FocusKeys("Key layout", KeyLayoutKeys.list)
        case .editing(let form): return form.form.focusKeys("Key", context.language)
        case .discard: return QuestionKeys.focusKeys("Key layout", context.language, global: .globalWhileTyping)
        case .presetName(let form): return form.focusKeys("Save as preset", context.language)
        case .presets: return FocusKeys("Presets", KeyLayoutKeys.presets)
        }
    }
}
