import PhoneDeskCore

/// Keys on the settings screen (the caller has handled help, quit questions and too-small).
func settingsKey(_ model: inout AppModel, _ key: Key) -> [Effect] {
    guard var settings = model.settings else { return [] }
    if let modal = settings.modal {
        let effects = settingsModalKey(&model, &settings, modal, key)
        if model.settings != nil { model.settings = settings }
        return effects
    }
    if settings.filtering {
        settingsFilterKey(&settings, key, data: model.data)
        model.settings = settings
        return []
    }
    guard let action = SettingsKeys.screen.action(for: key) else { return [] }
    model.status = nil
    let page = SettingsView.pageSize(model.size)
    let count = settings.rowCount(model.data)
    var effects: [Effect] = []
    switch action {
    case .previousTab, .nextTab, .tab:
        let all = SettingsTab.allCases
        switch action {
        case .previousTab: settings.tab = all[(settings.tab.rawValue + all.count - 1) % all.count]
        case .nextTab: settings.tab = all[(settings.tab.rawValue + 1) % all.count]
        case .tab(let tab): settings.tab = tab
        default: break
        }
        settings.filter = ""
    case .up: settings.cursor.move(by: -1, count: count, pageSize: page)
    case .down: settings.cursor.move(by: 1, count: count, pageSize: page)
    case .first: settings.cursor.move(by: -count, count: count, pageSize: page)
    case .last: settings.cursor.move(by: count, count: count, pageSize: page)
    case .open:
        switch settings.tab {
        case .hotDesking: settings.modal = .accountForm(HotDeskForm(account: model.data.account, themes: model.themes))
        case .backgrounds:
            if let name = settings.selectedName(model.data), let image = model.data.backgrounds.first(where: { $0.name == name }) {
                model.status = StatusMessage(.info, "\(image.name): \(model.data.account.provisioningURL)\(BackgroundLibrary.servedPath(image.file))")
            }
        case .templates:
            if let name = settings.selectedName(model.data), let template = model.data.templates.first(where: { $0.name == name }) {
                effects = [editEffect(template, body: template.body)]
            }
        }
    case .add:
        switch settings.tab {
        case .hotDesking: settings.modal = .accountForm(HotDeskForm(account: model.data.account, themes: model.themes))
        case .backgrounds: settings.modal = .upload(UploadForm())
        case .templates: settings.modal = .addTemplate(TemplateForm())
        }
    case .delete:
        if let name = settings.selectedName(model.data) { settings.modal = .confirmDelete(kind: settings.tab, name: name) }
    case .filter:
        if settings.tab != .hotDesking { settings.filtering = true }
    case .back:
        model.settings = nil
        return []
    case .help:
        model.helpVisible = true
    case .quit:
        model.settings = settings
        return requestQuit(&model)
    }
    if let refusal = writeRefusal(model), effects.isEmpty == false || settings.modal != nil {
        settings.modal = nil
        model.status = refusal
        effects = []
    }
    model.settings = settings
    return effects
}

private func editEffect(_ template: ConfigTemplate, body: String) -> Effect {
    let brand = PhoneCatalog.model(id: template.modelID)?.brand ?? .yealink
    return .editTemplate(name: template.name, body: body, fileExtension: brand.configFormat == .xml ? "xml" : "cfg")
}

private func settingsFilterKey(_ settings: inout SettingsModel, _ key: Key, data: AccountData) {
    let before = settings.filter
    switch FilterLine.handle(key, text: &settings.filter) {
    // At the limit nothing changes: no list to narrow again for every key of a paste.
    case .edited: if settings.filter == before { return }
    case .keep: settings.filtering = false
    case .clear: settings.filtering = false
    case .up: settings.cursor.move(by: -1, count: settings.rowCount(data), pageSize: 1_000)
    case .down: settings.cursor.move(by: 1, count: settings.rowCount(data), pageSize: 1_000)
    case .ignored: break
    }
    settings.cursor.clamp(count: settings.rowCount(data), pageSize: 1_000)
}

private func settingsModalKey(_ model: inout AppModel, _ settings: inout SettingsModel, _ modal: SettingsModal, _ key: Key) -> [Effect] {
    switch modal {
    case .confirmDelete(let kind, let name):
        guard let yes = PhonesKeys.dialog.action(for: key) else { return [] }
        settings.modal = nil
        guard yes else { return [] }
        let change: SettingsChange = kind == .templates ? .deleteTemplate(name: name) : .deleteBackground(name: name)
        model.settingsSaving = change
        return [.applySettings(change)]
    case .templateErrors(let name, let body, _):
        guard let again = SettingsKeys.templateErrors.action(for: key) else { return [] }
        settings.modal = nil
        guard again, let template = model.data.templates.first(where: { $0.name == name }) else {
            model.status = StatusMessage(.info, "Discarded; \"\(name)\" keeps its saved lines.")
            return []
        }
        return [editEffect(template, body: body)]
    case .accountForm(let form):
        return runForm(&model, &settings, form, key, window: SettingsModal.accountForm)
    case .upload(let form):
        // Tab in a non-empty File field completes the path (an effect: it reads directories).
        if key == .tab, form.form.focusedField?.id == UploadForm.ID.file, !form.form.text(UploadForm.ID.file).isEmpty {
            return [.completePath(form.form.text(UploadForm.ID.file))]
        }
        return runForm(&model, &settings, form, key, window: SettingsModal.upload)
    case .addTemplate(let form):
        return runForm(&model, &settings, form, key, window: SettingsModal.addTemplate)
    }
}

/// One key for a settings form window: shared form keys, then submit its change.
private func runForm<F: SettingsFormScreen>(_ model: inout AppModel, _ settings: inout SettingsModel, _ screen: F,
                                            _ key: Key, window: (F) -> SettingsModal) -> [Effect] {
    var screen = screen
    var effects: [Effect] = []
    switch formStep(&model, &screen.form, key) {
    case .done(let global): return global
    case .close: settings.modal = nil; return []
    case .submit:
        if model.settingsSaving == nil, let change = screen.submit(data: model.data) {
            model.settingsSaving = change
            effects = [.applySettings(change)]
        }
    case .event: break
    }
    settings.modal = window(screen)
    return effects
}

func pathCompleted(_ model: inout AppModel, typed: String, _ completion: PathCompletion) {
    guard case .upload(var form)? = model.settings?.modal, form.form.text(UploadForm.ID.file) == typed else { return }
    if let text = completion.text {
        if case .text(var input) = form.form[UploadForm.ID.file].kind {
            input.text = text
            form.form[UploadForm.ID.file].kind = .text(input)
        }
    }
    if completion.candidates.count > 1 {
        let shown = completion.candidates.prefix(6).joined(separator: "  ")
        model.status = StatusMessage(.info, "\(completion.candidates.count) matches: \(shown)\(completion.candidates.count > 6 ? " …" : "")")
    } else if completion.text == nil {
        _ = form.form.handle(.tab)  // nothing to complete: Tab moves on as usual
    }
    model.settings?.modal = .upload(form)
}

func templateEdited(_ model: inout AppModel, name: String, body: String) -> [Effect] {
    guard let template = model.data.templates.first(where: { $0.name == name }) else {
        model.status = StatusMessage(.error, "Template \"\(name)\" was deleted meanwhile; the edit was not saved.")
        return []
    }
    if body == template.body {
        model.status = StatusMessage(.info, "No changes to \"\(name)\".")
        return []
    }
    let brand = PhoneCatalog.model(id: template.modelID)?.brand ?? .yealink
    // The text rule first: a control character is refused whatever the vendor's syntax says.
    let textProblems = TextRules.templateProblems(body)
    let problems = textProblems.isEmpty ? TemplateSyntax.check(body, brand: brand) : textProblems
    if !problems.isEmpty {
        model.settings?.modal = .templateErrors(name: name, body: body, problems: problems)
        return []
    }
    let change = SettingsChange.setTemplateBody(name: name, body: body)
    model.settingsSaving = change
    return [.applySettings(change)]
}

func settingsFinished(_ model: inout AppModel, _ change: SettingsChange, _ result: SettingsResult) -> [Effect] {
    if model.settingsSaving == change { model.settingsSaving = nil }
    switch result {
    case .saved(let outcome):
        var effects: [Effect] = []
        if outcome.data.account.theme != model.data.account.theme, let theme = outcome.data.account.theme { effects.append(.useTheme(theme)) }
        if outcome.data.account.mouse != model.data.account.mouse { effects.append(.useMouse(outcome.data.account.mouse != false)) }
        model.replaceData(outcome.data)
        if var settings = model.settings {
            settings.modal = nil
            settings.cursor.clamp(count: settings.rowCount(outcome.data), pageSize: SettingsView.pageSize(model.size))
            model.settings = settings
        }
        model.status = outcome.warning.map { StatusMessage(.warning, $0) } ?? StatusMessage(.success, savedText(change, outcome.data))
        return effects
    case .rejected(let rejection):
        if case .invalid(let field, let message) = rejection, showUnderField(&model, field: field.rawValue, message: message) {
            model.status = StatusMessage(.error, message)
            return []
        }
        model.status = StatusMessage(.error, rejection.message)
    case .failed(let error):
        model.status = StatusMessage(.error, error.description)
    }
    return []
}

private func savedText(_ change: SettingsChange, _ data: AccountData) -> String {
    switch change {
    case .setAccountSettings(let pin, _, _, _, _):
        let count = data.phones.filter { $0.mac != nil }.count
        return "Saved\(pin == nil ? "" : " the new PIN"); provisioning files of \(count) phone\(count == 1 ? "" : "s") updated."
    case .addBackground(let name, _):
        let image = data.backgrounds.first { $0.name == name.trimmingSpaces }
        return "Uploaded \"\(image?.name ?? name)\" (\(image.map { "\($0.width)×\($0.height)" } ?? "?"))."
    case .deleteBackground(let name): return "Deleted background \"\(name)\"."
    case .addTemplate(let name, _): return "Added template \"\(name.trimmingSpaces)\"; Enter edits its lines."
    case .setTemplateBody(let name, _): return "Saved template \"\(name)\"; phones using it were reprovisioned."
    case .deleteTemplate(let name): return "Deleted template \"\(name)\"."
    }
}

/// Puts a store refusal under the form field it is about, when that form is open.
private func showUnderField(_ model: inout AppModel, field: String, message: String) -> Bool {
    guard var modal = model.settings?.modal, var form = modal.form, form.index(of: field) != nil else { return false }
    form[field].error = message
    form.focus(on: field)
    modal.form = form
    model.settings?.modal = modal
    return true
}
