import PhoneDeskCore

extension SettingsFeature {
    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .key(let key):
            if let modal { return modalKey(modal, key, context) }
            if filtering { return filterKey(key, data: context.data) }
            return screenKey(key, context)
        case .clickTab(let tab):
            // As the tab's digit key does: the filter belongs to the list left behind.
            self.tab = tab
            filter = ""
            filtering = false
            return []
        case .clickRow(let row):
            let again = cursor.selected == row
            cursor.move(by: row - cursor.selected, count: rowCount(context.data), pageSize: SettingsView.pageSize(context.size))
            return again ? [.send(.key(.enter))] : []
        case .finished(let change, let result): return finished(change, result, context)
        case .pathCompleted(let typed, let completion): return pathCompleted(typed: typed, completion)
        case .templateEdited(let name, let body): return templateEdited(name: name, body: body, context)
        }
    }

    /// Keys on the screen itself (no window open, not filtering).
    private mutating func screenKey(_ key: Key, _ context: Context) -> [Command<Action>] {
        guard let action = SettingsKeys.screen.action(for: key) else { return [] }
        let data = context.data
        let page = SettingsView.pageSize(context.size)
        let count = rowCount(data)
        var commands: [Command<Action>] = [.status(nil)]
        switch action {
        case .previousTab, .nextTab, .tab:
            let all = SettingsTab.allCases
            switch action {
            case .previousTab: tab = all[(tab.rawValue + all.count - 1) % all.count]
            case .nextTab: tab = all[(tab.rawValue + 1) % all.count]
            case .tab(let chosen): tab = chosen
            default: break
            }
            filter = ""
        case .up: cursor.move(by: -1, count: count, pageSize: page)
        case .down: cursor.move(by: 1, count: count, pageSize: page)
        case .first: cursor.move(by: -count, count: count, pageSize: page)
        case .last: cursor.move(by: count, count: count, pageSize: page)
        case .open:
            switch tab {
            case .hotDesking: modal = .accountForm(HotDeskForm(account: data.account, themes: context.themes))
            case .backgrounds:
                if let name = selectedName(data), let image = data.backgrounds.first(where: { $0.name == name }) {
                    let users = data.phones.using(background: image.name).count
                    commands.append(.status(StatusMessage(.info, "\(image.name): \(image.file), served from the URL of each phone that shows it (\(users))")))
                }
            case .templates:
                if let name = selectedName(data), let template = data.templates.first(where: { $0.name == name }) {
                    commands.append(Self.edit(template, body: template.body, context))
                }
            }
        case .add:
            switch tab {
            case .hotDesking: modal = .accountForm(HotDeskForm(account: data.account, themes: context.themes))
            case .backgrounds: modal = .upload(UploadForm())
            case .templates: modal = .addTemplate(TemplateForm())
            }
        case .delete:
            // The list still shows what is being saved: a second delete would repeat the first.
            if saving != nil { return [.status(StatusMessage(.info, "Saving…; a moment."))] }
            if let name = selectedName(data) { modal = .confirmDelete(kind: tab, name: name) }
        case .filter:
            if tab != .hotDesking { filtering = true }
        case .back:
            // A kept filter goes first, as on the table and in the shop.
            guard filter.isEmpty else { filter = ""; break }
            return [.status(nil), .close]
        case .help: commands.append(.help)
        case .quit: commands.append(.quit)
        }
        // Anything that would change the account waits until it can be saved.
        let changes = commands.contains { if case .app(.perform) = $0 { return true } else { return false } }
        if let refusal = context.writeRefusal, changes || modal != nil {
            modal = nil
            return [.status(refusal)]
        }
        return commands
    }

    /// Opens the template in the external editor; never for an operator over SSH: an editor
    /// runs shell commands (vi's `:!sh`) and writes any file of the service account.
    static func edit(_ template: ConfigTemplate, body: String, _ context: Context) -> Command<Action> {
        guard !context.run.isOperator else { return .status(StatusMessage(.warning, operatorEditorRefusal)) }
        return .perform(editEffect(template, body: body))
    }

    public static let operatorEditorRefusal = "Template lines open in an external editor, which could run a shell on the service account, so it is not started over SSH. Edit the template at the console (phonedesk without --operator)."

    static func editEffect(_ template: ConfigTemplate, body: String) -> Effect {
        let brand = PhoneCatalog.model(id: template.modelID)?.brand ?? .yealink
        return .editTemplate(name: template.name, body: body, fileExtension: brand.configFormat == .xml ? "xml" : "cfg")
    }

    private mutating func filterKey(_ key: Key, data: AccountData) -> [Command<Action>] {
        let before = filter
        switch FilterLine.handle(key, text: &filter) {
        // At the limit nothing changes: no list to narrow again for every key of a paste.
        case .edited: if filter == before { return [] }
        case .keep: filtering = false
        case .clear: filtering = false
        case .up: cursor.move(by: -1, count: rowCount(data), pageSize: 1_000)
        case .down: cursor.move(by: 1, count: rowCount(data), pageSize: 1_000)
        case .ignored: return GlobalKeys.commands(for: key, in: GlobalKeys.whileTyping)
        }
        cursor.clamp(count: rowCount(data), pageSize: 1_000)
        return []
    }

    private mutating func modalKey(_ window: SettingsModal, _ key: Key, _ context: Context) -> [Command<Action>] {
        switch window {
        case .confirmDelete(let kind, let name):
            guard let yes = QuestionKeys.table.action(for: key) else { return GlobalKeys.commands(for: key) }
            modal = nil
            guard yes else { return [] }
            let change: SettingsChange = kind == .templates ? .deleteTemplate(name: name) : .deleteBackground(name: name)
            saving = change
            return [.perform(.applySettings(change))]
        case .templateErrors(let name, let body, _):
            guard let again = SettingsKeys.templateErrors.action(for: key) else { return GlobalKeys.commands(for: key) }
            modal = nil
            guard again, let template = context.data.templates.first(where: { $0.name == name }) else {
                return [.status(StatusMessage(.info, "Discarded; \"\(name)\" keeps its saved lines."))]
            }
            return [Self.edit(template, body: body, context)]
        case .accountForm(let form):
            return runForm(form, key, context, window: SettingsModal.accountForm)
        case .upload(let form):
            // Tab in a non-empty File field completes the path (an effect: it reads directories).
            if form.form.focusedField?.id == .file, UploadForm.pathKeys.action(for: key) != nil, !form.form.text(.file).isEmpty {
                return [.perform(.completePath(form.form.text(.file)))]
            }
            return runForm(form, key, context, window: SettingsModal.upload)
        case .addTemplate(let form):
            return runForm(form, key, context, window: SettingsModal.addTemplate)
        }
    }

    /// One key for a settings form window: shared form keys, then submit its change.
    private mutating func runForm<F: SettingsFormScreen>(_ screen: F, _ key: Key, _ context: Context,
                                                        window: (F) -> SettingsModal) -> [Command<Action>] {
        var screen = screen
        let step = screen.form.step(key)
        if let global: Command<Action> = step.globalCommand() { return [global] }
        var commands: [Command<Action>] = []
        switch step {
        case .close: modal = nil; return []
        case .submit:
            if saving == nil, let change = screen.submit(data: context.data) {
                saving = change
                commands = [.perform(.applySettings(change))]
            }
        default: break
        }
        modal = window(screen)
        return commands
    }

    private mutating func pathCompleted(typed: String, _ completion: PathCompletion) -> [Command<Action>] {
        guard case .upload(var form)? = modal, form.form.text(.file) == typed else { return [] }
        var commands: [Command<Action>] = []
        if let text = completion.text { form.form.setText(text, of: .file) }
        if completion.candidates.count > 1 {
            let shown = completion.candidates.prefix(6).joined(separator: "  ")
            commands.append(.status(StatusMessage(.info, "\(completion.candidates.count) matches: \(shown)\(completion.candidates.count > 6 ? " …" : "")")))
        } else if completion.text == nil {
            _ = form.form.handle(.tab)  // nothing to complete: Tab moves on as usual
        }
        modal = .upload(form)
        return commands
    }

    private mutating func templateEdited(name: String, body: String, _ context: Context) -> [Command<Action>] {
        guard let template = context.data.templates.first(where: { $0.name == name }) else {
            return [.status(StatusMessage(.error, "Template \"\(name)\" was deleted meanwhile; the edit was not saved."))]
        }
        if body == template.body { return [.status(StatusMessage(.info, "No changes to \"\(name)\"."))] }
        let brand = PhoneCatalog.model(id: template.modelID)?.brand ?? .yealink
        // The text rule first: a control character is refused whatever the vendor's syntax says.
        let textProblems = TextRules.templateProblems(body)
        let problems = textProblems.isEmpty ? TemplateSyntax.check(body, brand: brand) : textProblems
        if !problems.isEmpty {
            modal = .templateErrors(name: name, body: body, problems: problems)
            return []
        }
        let change = SettingsChange.setTemplateBody(name: name, body: body)
        saving = change
        return [.perform(.applySettings(change))]
    }

    private mutating func finished(_ change: SettingsChange, _ result: SettingsResult, _ context: Context) -> [Command<Action>] {
        // Only the window that sent this change reacts to it: a late result must not close a form
        // the operator opened since (and typed into).
        let ours = saving == change
        if ours { saving = nil }
        cursor.clamp(count: rowCount(context.data), pageSize: SettingsView.pageSize(context.size))
        if ours, case .saved = result { modal = nil }
        if ours, case .rejected(.invalid(let field, let message)) = result, modal?.showRefusal(field, message: message) == true {
            return [.status(StatusMessage(.error, message))]
        }
        return [.status(Self.status(after: change, result, context.data))]
    }

    /// What the status line says after a settings change — also when the screen was closed
    /// before its result came back.
    static func status(after change: SettingsChange, _ result: SettingsResult, _ data: AccountData) -> StatusMessage {
        switch result {
        case .saved(let outcome):
            if let warning = outcome.warning { return StatusMessage(.warning, warning) }
            // The files follow, a chunk at a time, with progress on this line.
            if outcome.regenerating { return StatusMessage(.info, "Saved; updating the phones' provisioning files…") }
            return StatusMessage(.success, savedText(change, outcome.data))
        case .rejected(let rejection): return StatusMessage(.error, rejection.message)
        case .failed(let error): return StatusMessage(.error, error.description)
        }
    }

    private static func savedText(_ change: SettingsChange, _ data: AccountData) -> String {
        switch change {
        case .setAccountSettings(let pin, _, _, _, _, _):
            let count = data.phones.filter { $0.mac != nil }.count
            return "Saved\(pin == nil ? "" : " the new PIN"); provisioning files of \(Plural.count(count, "phone", "phones")) updated."
        case .addBackground(let name, _):
            let image = data.backgrounds.first { $0.name == name.trimmingSpaces }
            return "Uploaded \"\(image?.name ?? name)\" (\(image.map { "\($0.width)×\($0.height)" } ?? "?"))."
        case .deleteBackground(let name): return "Deleted background \"\(name)\"."
        case .addTemplate(let name, _): return "Added template \"\(name.trimmingSpaces)\"; Enter edits its lines."
        case .setTemplateBody(let name, _):
            // Say how many phones took the new lines: "were reprovisioned" with none was untrue.
            let using = data.phones.filter { $0.template == name }
            guard !using.isEmpty else { return "Saved template \"\(name)\"; no phone uses it." }
            let files = using.filter { $0.mac != nil }.count
            return "Saved template \"\(name)\"; provisioning files of \(Plural.count(files, "phone", "phones")) updated."
        case .deleteTemplate(let name): return "Deleted template \"\(name)\"."
        case .setProvisioningDirectory, .setProvisioningGroup: return "Saved the provisioning tree's settings."
        case .setAccessLog: return "Saved the access log's path."
        case .setLegacyURL(let open): return open ? "The old account URL is open." : "The old account URL is closed (404)."
        case .saveKeyPreset(let preset): return "Saved key preset \"\(preset.name.trimmingSpaces)\"."
        case .deleteKeyPreset(let name): return "Deleted key preset \"\(name)\"."
        }
    }

    public func keys(_ context: Context) -> FocusKeys {
        if let formKeys = modal?.formKeys("Settings form", context.language) { return formKeys }
        switch modal {
        case .accountForm?, .upload?, .addTemplate?, nil:
            if filtering { return FilterLine.focus }
            // Hot desking is one form, not a list: nothing there to add, delete or filter.
            let footer = SettingsKeys.screen.footerItems { tab != .hotDesking || ![.add, .delete, .filter].contains($0) }
            return FocusKeys("Settings", [HelpSection("Settings", SettingsKeys.screen.helpRows)], footer: footer)
        case .confirmDelete?: return QuestionKeys.focusKeys("Delete", context.language)
        case .templateErrors?:
            return FocusKeys("Template errors", [HelpSection("Window", SettingsKeys.templateErrors.helpRows), .global],
                             footer: SettingsKeys.templateErrors.footerItems)
        }
    }
}
