import PhoneDeskCore

/// The panel's one state transition. Pure: no files, clock or terminal; work goes out as effects.
public func update(_ model: inout AppModel, _ msg: Msg) -> [Effect] {
    switch msg {
    case .resize(let size):
        model.size = size
        model.table.scroll(pageSize: model.pageSize)
        return []
    case .key(let key):
        return handleKey(&model, key)
    case .mouse(let event):
        return handleMouse(&model, event)
    case .storeChanged(let loaded):
        storeChanged(&model, loaded)
        return []
    case .storeFailed(let error):
        if model.loading {
            // The account could not be read whole: stop, as a damaged file at start does.
            model.fatal = error.description
            model.done = true
            return [.quit]
        }
        model.status = StatusMessage(.error, error.description)
        return []
    case .changeFinished(let change, let result):
        changeFinished(&model, change, result)
        // The keys typed meanwhile, now that the list they were meant for is here — unless the
        // save did not happen: they were meant for a list without that change, and running them
        // would repeat it and hide the error (a busy store turned `d y d y d y` into two deletes).
        if case .saved = result {} else { model.typedAhead.removeAll() }
        var effects: [Effect] = []
        while model.saving == nil, !model.typedAhead.isEmpty {
            effects += handleKey(&model, model.typedAhead.removeFirst())
        }
        return effects
    case .settingsFinished(let change, let result):
        return settingsFinished(&model, change, result)
    case .pathCompleted(let typed, let completion):
        pathCompleted(&model, typed: typed, completion)
        return []
    case .templateEdited(let name, let body):
        return templateEdited(&model, name: name, body: body)
    case .editorFailed(let message):
        model.status = StatusMessage(.error, message)
        return []
    case .cartSaved(let error):
        if let error { model.status = StatusMessage(.error, "The cart was not saved: \(error.description)") }
        return []
    case .addressAdded(let address, let result):
        addressAdded(&model, address, result)
        return []
    case .checkoutFinished(let key, let result):
        checkoutFinished(&model, key: key, result)
        return []
    case .provisioningRecovered(let regenerated, let removed, let error):
        if let error {
            model.status = StatusMessage(.warning, "Provisioning files were not checked: \(error.description)")
        } else if regenerated > 0 || removed > 0 {
            let what = regenerated > 0 ? "Regenerated provisioning files of \(regenerated) phone\(regenerated == 1 ? "" : "s")"
                : "Removed provisioning files of \(removed) deleted phone\(removed == 1 ? "" : "s")"
            model.status = StatusMessage(.warning, what + " after an interrupted save.")
        }
        return []
    }
}

private func handleKey(_ model: inout AppModel, _ key: Key) -> [Effect] {
    // Help and quit (but the letter q, which may be typed text) do not depend on the list.
    if model.saving != nil, PhonesKeys.global.action(for: key) == nil || key == .char("q") || key == .char("?") {
        if model.typedAhead.count < AppModel.typeAheadLimit { model.typedAhead.append(key) }
        return []
    }
    if model.confirmingQuit {
        model.confirmingQuit = false
        if key == .char("y") || key == .char("Y") { model.done = true; return [.quit] }
        return []
    }
    if model.size.isTooSmall {
        // Only leaving makes sense until the terminal grows back.
        if PhonesKeys.global.action(for: key) == .quit { return requestQuit(&model) }
        return []
    }
    if model.helpVisible {
        if [.escape, .enter, .char("?"), .function(1), .char("q")].contains(key) { model.helpVisible = false }
        else if key == .ctrl("c") || key == .function(10) { return requestQuit(&model) }
        return []
    }
    if model.settings != nil { return settingsKey(&model, key) }
    if model.shop != nil { return shopKey(&model, key) }
    if model.ordersScreen != nil { return ordersKey(&model, key) }
    if let modal = model.modal { return modalKey(&model, modal, key) }
    if model.filtering { return filterKey(&model, key) }
    return tableKey(&model, key)
}

func requestQuit(_ model: inout AppModel) -> [Effect] {
    if model.hasUnsavedEdits {
        model.confirmingQuit = true
        return []
    }
    model.done = true
    return [.quit]
}

private func tableKey(_ model: inout AppModel, _ key: Key) -> [Effect] {
    guard let action = PhonesKeys.table.action(for: key) else { return [] }
    model.status = nil
    let page = model.pageSize
    switch action {
    case .up: model.table.move(by: -1, pageSize: page)
    case .down: model.table.move(by: 1, pageSize: page)
    case .pageUp: model.table.move(by: -page, pageSize: page)
    case .pageDown: model.table.move(by: page, pageSize: page)
    case .first: model.table.move(by: -model.table.visible.count, pageSize: page)
    case .last: model.table.move(by: model.table.visible.count, pageSize: page)
    case .add:
        if let refusal = writeRefusal(model) { model.status = refusal; return [] }
        model.modal = .add(AddPhoneForm())
    case .edit:
        guard let phone = model.selectedPhone else { model.status = StatusMessage(.info, "No phone selected."); return [] }
        if let refusal = writeRefusal(model) { model.status = refusal; return [] }
        model.modal = .edit(EditPhoneForm(phone: phone, data: model.data))
    case .delete:
        guard let phone = model.selectedPhone else { model.status = StatusMessage(.info, "No phone selected."); return [] }
        if let refusal = writeRefusal(model) { model.status = refusal; return [] }
        model.modal = .confirmDelete(phone)
    case .filter:
        model.filtering = true
    case .clearFilter:
        guard !model.table.filter.isEmpty else { return [] }
        model.table.setFilter("", phones: model.data.phones)
        model.table.scroll(pageSize: page)
    case .settings:
        model.settings = SettingsModel()
    case .buy:
        model.shop = ShopModel()
    case .orders:
        model.ordersScreen = OrdersModel()
    case .copyURL:
        let url = model.data.account.provisioningURL
        model.status = StatusMessage(.info, "Copied: \(url)")
        return [.copyToClipboard(url)]
    case .help:
        model.helpVisible = true
    case .quit:
        return requestQuit(&model)
    }
    return []
}

func writeRefusal(_ model: AppModel) -> StatusMessage? {
    if model.loading { return StatusMessage(.info, "Still reading the phones; a moment.") }
    return model.readOnly.first.map { StatusMessage(.error, "Read-only: \($0)") }
}

private func filterKey(_ model: inout AppModel, _ key: Key) -> [Effect] {
    var text = model.table.filter
    switch FilterLine.handle(key, text: &text) {
    case .edited(let message): if let message { model.status = StatusMessage(.error, message) }
    case .keep: model.filtering = false
    case .clear: model.filtering = false
    case .up: model.table.move(by: -1, pageSize: model.pageSize)
    case .down: model.table.move(by: 1, pageSize: model.pageSize)
    case .ignored:
        if PhonesKeys.global.action(for: key) == .quit, key != .char("q") { return requestQuit(&model) }
        if key == .function(1) { model.helpVisible = true }
    }
    if text != model.table.filter {
        model.table.setFilter(text, phones: model.data.phones)
        model.table.scroll(pageSize: model.pageSize)
    }
    return []
}

private func modalKey(_ model: inout AppModel, _ modal: Modal, _ key: Key) -> [Effect] {
    switch modal {
    case .confirmDelete(let phone):
        guard let yes = PhonesKeys.dialog.action(for: key) else { return [] }
        if !yes { model.modal = nil; return [] }
        model.modal = nil
        let change = PhoneChange.delete(id: phone.id, baseRevision: phone.revision)
        model.saving = change
        model.status = StatusMessage(.info, "Deleting \"\(phone.name)\"…")
        return [.apply(change)]
    case .provisioningInfo(_, let url):
        switch PhonesKeys.info.action(for: key) {
        case .copy?:
            model.status = StatusMessage(.info, "Copied: \(url)")
            return [.copyToClipboard(url)]
        case .close?: model.modal = nil
        case nil:
            if PhonesKeys.global.action(for: key) == .quit { return requestQuit(&model) }
            if PhonesKeys.global.action(for: key) == .help { model.helpVisible = true }
        }
        return []
    case .add(var form):
        var effects: [Effect] = []
        switch formStep(&model, &form.form, key) {
        case .done(let global): return global
        case .close: model.modal = nil; return []
        case .submit:
            if model.saving == nil, let new = form.submit(phones: model.data.phones) {
                let change = PhoneChange.add(new)
                model.saving = change
                effects = [.apply(change)]
            }
        case .event(.edited(let id)):
            form.touched.remove(id)
            form.refresh(phones: model.data.phones)
        case .event(.left(let id)):
            form.touched.insert(id)
            form.refresh(phones: model.data.phones)
        case .event: break
        }
        model.modal = .add(form)
        return effects
    case .edit(var form):
        var effects: [Effect] = []
        switch formStep(&model, &form.form, key) {
        case .done(let global): return global
        case .close: model.modal = nil; return []
        case .submit:
            if model.saving == nil, let edit = form.submit(data: model.data) {
                let change = PhoneChange.update(id: form.base.id, baseRevision: form.base.revision, edit)
                model.saving = change
                effects = [.apply(change)]
            }
        case .event(.edited(let id)): form.edited(id, data: model.data)
        case .event: break
        }
        model.modal = .edit(form)
        return effects
    }
}

/// What a key did to a form, after the parts every form shares.
enum FormStep {
    /// A global key (help, quit) was handled; return these effects.
    case done([Effect])
    /// Esc on an unchanged form, a confirmed discard, or [Cancel].
    case close
    /// Ctrl-S or the submit button.
    case submit
    case event(FormEvent)
}

/// Runs a key through any form: global keys first (unless they would be typed), then the form.
/// Every form's cancel button has the id "cancel".
func formStep(_ model: inout AppModel, _ form: inout Form, _ key: Key) -> FormStep {
    if let global = formGlobal(&model, form, key) { return .done(global) }
    switch form.handle(key) {
    case .cancel, .pressed("cancel"): return .close
    case .submit: return .submit
    case let event: return .event(event)
    }
}

/// F1 help and Ctrl-C/F10 quit inside a form; `?` and `q` too when they would not be typed.
private func formGlobal(_ model: inout AppModel, _ form: Form, _ key: Key) -> [Effect]? {
    if form.confirmingDiscard { return nil }
    // An open list takes typing; F1 still helps.
    if form.hasOpenDropdown, key != .function(1) { return nil }
    if form.focusTakesText, key.printable != nil { return nil }
    switch PhonesKeys.global.action(for: key) {
    case .help?: model.helpVisible = true; return []
    case .quit?: return requestQuit(&model)
    case nil: return nil
    }
}

private func storeChanged(_ model: inout AppModel, _ loaded: Store.Loaded) {
    model.loading = false
    guard loaded.data != model.data || loaded.readOnly != model.readOnly else { return }
    model.replaceData(loaded.data)
    model.readOnly = loaded.readOnly
    switch model.modal {
    case .edit(let form)?:
        if let current = loaded.data.phone(id: form.base.id) {
            if current.revision != form.base.revision {
                let changes = current.differences(from: form.base, users: loaded.data.users)
                model.status = StatusMessage(.warning, "Another operator changed \"\(current.name)\": "
                    + (changes.isEmpty ? "saved it" : changes.joined(separator: "; ")) + ". Submitting will ask again.")
            }
        } else {
            model.status = StatusMessage(.warning, "Another operator deleted \"\(form.base.name)\". Esc closes this form.")
        }
    case .confirmDelete(let phone)?:
        if loaded.data.phone(id: phone.id) == nil {
            model.modal = nil
            model.status = StatusMessage(.info, "\"\(phone.name)\" was already deleted by another operator.")
        }
    default: break
    }
}

private func changeFinished(_ model: inout AppModel, _ change: PhoneChange, _ result: ChangeResult) {
    if model.saving == change { model.saving = nil }
    switch result {
    case .saved(let outcome):
        model.replaceData(outcome.data, select: outcome.phoneID)
        switch change {
        case .add(let new):
            model.modal = .provisioningInfo(phoneName: new.name, url: outcome.data.account.provisioningURL)
            model.status = StatusMessage(.success, "Added \"\(new.name)\".")
        case .update(_, _, let edit):
            model.modal = nil
            model.status = StatusMessage(.success, "Saved \"\(edit.name)\".")
        case .delete:
            model.status = StatusMessage(.success, "Deleted.")
        }
    case .rejected(let rejection):
        model.status = StatusMessage(.error, rejection.message)
        switch (rejection, model.modal) {
        case (.invalid(let errors), .add(var form)?):
            form.show(errors)
            model.modal = .add(form)
        case (.invalid(let errors), .edit(var form)?):
            form.show(errors)
            model.modal = .edit(form)
        case (.stale(let current, _), .edit(var form)?):
            // Tell what the other operator changed; the next Submit knowingly saves over it.
            let changes = current.differences(from: form.base, users: model.data.users)
            model.status = StatusMessage(.error, ChangeRejection.stale(current: current, changes: changes).message
                + " Submit again to save yours over it, Esc to keep theirs.")
            form.base = current
            model.modal = .edit(form)
        default: break
        }
    case .failed(let error):
        model.status = StatusMessage(.error, error.description)
    }
}
