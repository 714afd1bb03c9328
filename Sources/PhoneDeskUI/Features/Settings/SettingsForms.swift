import PhoneDeskCore

/// A form window of the settings screen: a `Form` plus the change it submits.
protocol SettingsFormScreen: Equatable, Sendable {
    var form: Form { get set }
    /// The change to save, or nil with the problems shown under the fields.
    mutating func submit(data: AccountData) -> SettingsChange?
}

/// Hot desking tab: New PIN · Repeat PIN · SIP server · Provisioning base URL · [Save] · [Cancel].
/// Leaving both PIN fields empty keeps the current PIN.
public struct HotDeskForm: SettingsFormScreen {
    public var form: Form

    public enum ID {
        public static let pin = "pin", repeatPIN = "repeatPIN", sipServer = "sipServer", baseURL = "baseURL", theme = "theme", mouse = "mouse"
        public static let save = "save", cancel = "cancel"
    }

    public init(account: Account, themes: [String] = ["default"]) {
        let themeOptions = themes.map { DropdownOption(value: $0, label: $0) }
        form = Form(title: "Hot desking and provisioning", fields: [
            FormField(id: ID.pin, label: "New admin PIN", kind: .text(TextInput(masked: true))),
            FormField(id: ID.repeatPIN, label: "Repeat the PIN", kind: .text(TextInput(masked: true))),
            FormField(id: ID.sipServer, label: "SIP server", kind: .text(TextInput(account.sipServer))),
            FormField(id: ID.baseURL, label: "Provisioning URL", kind: .text(TextInput(account.provisioningBaseURL))),
            FormField(id: ID.theme, label: "Panel theme", kind: .dropdown(Dropdown(options: themeOptions,
                                                                                   selectedValue: account.theme ?? "default"))),
            FormField(id: ID.mouse, label: "Mouse", kind: .checkbox(account.mouse != false)),
            FormField(id: ID.save, label: "Save", kind: .button),
            FormField(id: ID.cancel, label: "Cancel", kind: .button),
        ], submitButton: ID.save)
    }

    public static let note = ["Leave both PINs empty to keep the current PIN (4-16 digits)."]

    mutating func submit(data: AccountData) -> SettingsChange? {
        let pin = form.text(ID.pin), again = form.text(ID.repeatPIN)
        form.clearErrors()
        if !pin.isEmpty || !again.isEmpty {
            if let problem = PINRules.check.run(pin) { form[ID.pin].error = problem }
            else if let problem = PINRules.confirmation(of: pin).run(again) { form[ID.repeatPIN].error = problem }
        }
        if let problem = AccountSettingsRules.sipServer.run(form.text(ID.sipServer)) { form[ID.sipServer].error = problem }
        if let problem = AccountSettingsRules.provisioningBaseURL.run(form.text(ID.baseURL)) { form[ID.baseURL].error = problem }
        if form.focusFirstError() { return nil }
        return .setAccountSettings(pin: pin.isEmpty ? nil : pin, sipServer: form.text(ID.sipServer),
                                   provisioningBaseURL: form.text(ID.baseURL), theme: form.choice(ID.theme),
                                   mouse: form.isChecked(ID.mouse))
    }
}

/// Background images tab, `a`: Name · File · [Upload] · [Cancel]. Tab in File completes the path.
public struct UploadForm: SettingsFormScreen {
    public var form: Form

    public enum ID {
        public static let name = "name", file = "file", upload = "upload", cancel = "cancel"
    }

    public init() {
        form = Form(title: "Upload background image", fields: [
            FormField(id: ID.name, label: "Name", kind: .text(TextInput(limit: TextRules.nameColumns))),
            FormField(id: ID.file, label: "File", kind: .text(TextInput(limit: InputLimit.path))),
            FormField(id: ID.upload, label: "Upload", kind: .button),
            FormField(id: ID.cancel, label: "Cancel", kind: .button),
        ], submitButton: ID.upload)
    }

    public static let note = ["PNG, JPEG or BMP, at most 5 MiB; Tab in File completes a path."]

    mutating func submit(data: AccountData) -> SettingsChange? {
        form.clearErrors()
        let name = form.text(ID.name), path = form.text(ID.file)
        form[ID.name].error = PhoneRules.libraryName(among: data.backgrounds.map(\.name)).run(name)
        if path.trimmingSpaces.isEmpty { form[ID.file].error = "Enter the image file's path (Tab completes)." }
        else if let problem = BackgroundLibrary.pathRule.run(path) { form[ID.file].error = problem }
        if form.focusFirstError() { return nil }
        return .addBackground(name: name, path: path)
    }
}

/// Config templates tab, `a`: Name · Brand and model · [Add] · [Cancel].
public struct TemplateForm: SettingsFormScreen {
    public var form: Form

    public enum ID {
        public static let name = "name", model = "model", add = "add", cancel = "cancel"
    }

    public init() {
        let models = PhoneCatalog.models.filter(\.supportsTemplates).map { DropdownOption(value: $0.id, label: $0.label) }
        form = Form(title: "Add config template", fields: [
            FormField(id: ID.name, label: "Name", kind: .text(TextInput(limit: TextRules.nameColumns))),
            FormField(id: ID.model, label: "Brand and model", kind: .dropdown(Dropdown(options: models, selectedValue: nil))),
            FormField(id: ID.add, label: "Add", kind: .button),
            FormField(id: ID.cancel, label: "Cancel", kind: .button),
        ], submitButton: ID.add)
    }

    public static let note = ["After Add, Enter on the template edits its lines in $EDITOR."]

    mutating func submit(data: AccountData) -> SettingsChange? {
        form.clearErrors()
        let name = form.text(ID.name)
        form[ID.name].error = PhoneRules.libraryName(among: data.templates.map(\.name)).run(name)
        if form.choice(ID.model) == nil { form[ID.model].error = "Choose the brand and model." }
        if form.focusFirstError() { return nil }
        return .addTemplate(name: name, modelID: form.choice(ID.model)!)
    }
}
