import PhoneDeskCore

/// A form window of the settings screen: a `Form` plus the change it submits.
protocol SettingsFormScreen: Equatable, Sendable {
    associatedtype Field: Hashable & Sendable
    var form: Form<Field> { get set }
    /// The change to save, or nil with the problems shown under the fields.
    mutating func submit(data: AccountData) -> SettingsChange?
    /// The field that shows a store refusal about `refused`, if this form has one.
    static func field(showing refused: SettingsField) -> Field?
}

extension SettingsFormScreen {
    /// Puts a store refusal under its field and focuses it; false when this form has no such field.
    mutating func showRefusal(_ refused: SettingsField, message: String) -> Bool {
        guard let field = Self.field(showing: refused), form[field] != nil else { return false }
        form[field]?.error = message
        form.focus(on: field)
        return true
    }
}

/// Hot desking tab: New PIN · Repeat PIN · SIP server · Provisioning base URL · Panel theme ·
/// Mouse · Shop phone names · [Save] · [Cancel]. Leaving both PIN fields empty keeps the current PIN.
public struct HotDeskForm: SettingsFormScreen {
    public var form: Form<Field>

    public enum Field: Hashable, Sendable {
        case pin, repeatPIN, sipServer, baseURL, theme, mouse, shopNames, save, cancel
    }

    static func field(showing refused: SettingsField) -> Field? {
        switch refused {
        case .pin: .pin
        case .sipServer: .sipServer
        case .baseURL: .baseURL
        case .shopNamePattern: .shopNames
        case .name, .file, .model, .body, .list, .provisioningDirectory, .provisioningGroup, .accessLog, .legacyURL: nil
        }
    }

    public init(account: Account, themes: [String] = ["default"]) {
        let themeOptions = themes.map { DropdownOption(value: $0, label: $0) }
        form = Form(title: "Hot desking and provisioning", fields: [
            FormField(id: .pin, label: "New admin PIN", kind: .text(TextInput(masked: true))),
            FormField(id: .repeatPIN, label: "Repeat the PIN", kind: .text(TextInput(masked: true))),
            FormField(id: .sipServer, label: "SIP server", kind: .text(TextInput(account.sipServer))),
            FormField(id: .baseURL, label: "Provisioning URL", kind: .text(TextInput(account.provisioningBaseURL))),
            FormField(id: .theme, label: "Panel theme", kind: .dropdown(Dropdown(options: themeOptions,
                                                                                 selectedValue: account.theme ?? "default"))),
            FormField(id: .mouse, label: "Mouse", kind: .checkbox(account.mouse != false)),
            FormField(id: .shopNames, label: "Shop phone names", kind: .text(TextInput(account.shopNamePattern ?? ShopNamePattern.standard))),
            FormField(id: .save, label: "Save", kind: .button),
            FormField(id: .cancel, label: "Cancel", kind: .button),
        ], submitButton: .save, cancelButton: .cancel)
    }

    public static let note = ["Leave both PINs empty to keep the current PIN (4-16 digits).",
                              "Shop phone names: {brand} {model} and {n}, the number that keeps them apart."]

    mutating func submit(data: AccountData) -> SettingsChange? {
        let pin = form.text(.pin), again = form.text(.repeatPIN)
        form.clearErrors()
        if !pin.isEmpty || !again.isEmpty {
            if let problem = PINRules.check.run(pin) { form[.pin]?.error = problem }
            else if let problem = PINRules.confirmation(of: pin).run(again) { form[.repeatPIN]?.error = problem }
        }
        if let problem = AccountSettingsRules.sipServer.run(form.text(.sipServer)) { form[.sipServer]?.error = problem }
        if let problem = AccountSettingsRules.provisioningBaseURL.run(form.text(.baseURL)) { form[.baseURL]?.error = problem }
        let pattern = form.text(.shopNames).trimmingSpaces
        if !pattern.isEmpty, let problem = ShopNamePattern.problem(pattern) { form[.shopNames]?.error = problem }
        if form.focusFirstError() { return nil }
        return .setAccountSettings(pin: pin.isEmpty ? nil : pin, sipServer: form.text(.sipServer),
                                   provisioningBaseURL: form.text(.baseURL), theme: form.choice(.theme),
                                   mouse: form.isChecked(.mouse), shopNamePattern: pattern)
    }
}

/// Background images tab, `a`: Name · File · [Upload] · [Cancel]. Tab in File completes the path.
public struct UploadForm: SettingsFormScreen {
    public var form: Form<Field>

    /// The File field's own key, before the form's.
    static let pathKeys = KeyTable<Bool>("File", [
        KeyBinding([.tab], "complete the path (with nothing typed: the next field)", true),
    ])

    /// The form's keys, with path completion while File has focus.
    func focusKeys(_ title: String, _ language: Language) -> FocusKeys {
        var keys = form.focusKeys(title, language)
        if form.focusedField?.id == .file, !form.confirmingDiscard {
            keys.sections.insert(HelpSection(Self.pathKeys.title, Self.pathKeys.helpRows), at: 1)
        }
        return keys
    }

    public enum Field: Hashable, Sendable {
        case name, file, upload, cancel
    }

    static func field(showing refused: SettingsField) -> Field? {
        switch refused {
        case .name: .name
        case .file: .file
        case .pin, .sipServer, .baseURL, .model, .body, .list, .provisioningDirectory, .provisioningGroup, .accessLog, .legacyURL, .shopNamePattern: nil
        }
    }

    public init() {
        form = Form(title: "Upload background image", fields: [
            FormField(id: .name, label: "Name", kind: .text(TextInput(limit: TextRules.nameColumns))),
            FormField(id: .file, label: "File", kind: .text(TextInput(limit: InputLimit.path))),
            FormField(id: .upload, label: "Upload", kind: .button),
            FormField(id: .cancel, label: "Cancel", kind: .button),
        ], submitButton: .upload, cancelButton: .cancel)
    }

    public static let note = ["PNG, JPEG or BMP, at most 5 MiB; Tab in File completes a path."]

    mutating func submit(data: AccountData) -> SettingsChange? {
        form.clearErrors()
        let name = form.text(.name), path = form.text(.file)
        form[.name]?.error = PhoneRules.libraryName(among: data.backgrounds.map(\.name)).run(name)
        if path.trimmingSpaces.isEmpty { form[.file]?.error = "Enter the image file's path (Tab completes)." }
        else if let problem = BackgroundLibrary.pathRule.run(path) { form[.file]?.error = problem }
        if form.focusFirstError() { return nil }
        return .addBackground(name: name, path: path)
    }
}

/// Config templates tab, `a`: Name · Brand and model · [Add] · [Cancel].
public struct TemplateForm: SettingsFormScreen {
    public var form: Form<Field>

    public enum Field: Hashable, Sendable {
        case name, model, add, cancel
    }

    static func field(showing refused: SettingsField) -> Field? {
        switch refused {
        case .name: .name
        case .model: .model
        case .pin, .sipServer, .baseURL, .file, .body, .list, .provisioningDirectory, .provisioningGroup, .accessLog, .legacyURL, .shopNamePattern: nil
        }
    }

    public init() {
        let models = PhoneCatalog.models.filter(\.supportsTemplates).map { DropdownOption(value: $0.id, label: $0.label) }
        form = Form(title: "Add config template", fields: [
            FormField(id: .name, label: "Name", kind: .text(TextInput(limit: TextRules.nameColumns))),
            FormField(id: .model, label: "Brand and model", kind: .dropdown(Dropdown(options: models, selectedValue: nil))),
            FormField(id: .add, label: "Add", kind: .button),
            FormField(id: .cancel, label: "Cancel", kind: .button),
        ], submitButton: .add, cancelButton: .cancel)
    }

    public static let note = ["After Add, Enter on the template edits its lines in $EDITOR."]

    mutating func submit(data: AccountData) -> SettingsChange? {
        form.clearErrors()
        let name = form.text(.name)
        form[.name]?.error = PhoneRules.libraryName(among: data.templates.map(\.name)).run(name)
        let modelID = form.choice(.model)
        if modelID == nil { form[.model]?.error = "Choose the brand and model." }
        if form.focusFirstError() { return nil }
        guard let modelID else { return nil }
        return .addTemplate(name: name, modelID: modelID)
    }
}
