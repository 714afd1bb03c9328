import PhoneDeskCore

/// Figure 15.3: User · BLF · BLF user · Background image · Config template · [Submit] · [Cancel].
public struct EditPhoneForm: Equatable, Sendable {
    public var form: Form
    /// The phone as it was when the form opened (or when the operator last saw it);
    /// its revision is what the save is based on.
    public var base: Phone

    public enum ID {
        public static let mac = PhoneField.mac.rawValue
        public static let user = PhoneField.user.rawValue
        public static let blf = PhoneField.blf.rawValue
        public static let blfUser = PhoneField.blfUser.rawValue
        public static let background = PhoneField.background.rawValue
        public static let template = PhoneField.template.rawValue
        public static let submit = "submit"
        public static let cancel = "cancel"
    }

    static let none = DropdownOption(value: nil, label: "— none —")

    public init(phone: Phone, data: AccountData) {
        base = phone
        let users = data.users.map { DropdownOption(value: $0.extensionNumber, label: $0.label) }
        let backgrounds = data.backgrounds.map {
            DropdownOption(value: $0.name, label: "\($0.name) (\($0.width)×\($0.height))")
        }
        let templates = data.templates.filter { $0.modelID == phone.modelID }.map { DropdownOption(value: $0.name, label: $0.name) }
        // A bought phone awaiting delivery gets its MAC here when the box arrives.
        let macField = phone.mac == nil ? [FormField(id: ID.mac, label: "MAC address", kind: .text(TextInput()))] : []
        form = Form(title: "Edit phone — \(phone.name)", fields: macField + [
            FormField(id: ID.user, label: "User", kind: .dropdown(Dropdown(options: [Self.none] + users, selectedValue: phone.userExtension))),
            FormField(id: ID.blf, label: "BLF", kind: .checkbox(phone.blfExtension != nil)),
            FormField(id: ID.blfUser, label: "BLF user", kind: .dropdown(Dropdown(options: users, selectedValue: phone.blfExtension))),
            FormField(id: ID.background, label: "Background image", kind: .dropdown(Dropdown(options: [Self.none] + backgrounds, selectedValue: phone.background))),
            FormField(id: ID.template, label: "Config template", kind: .dropdown(Dropdown(options: [Self.none] + templates, selectedValue: phone.template))),
            FormField(id: ID.submit, label: "Submit", kind: .button),
            FormField(id: ID.cancel, label: "Cancel", kind: .button),
        ], submitButton: ID.submit)
        applyCapabilities(model: phone.model, data: data)
        form.markClean()
        form.focus = form.fields.firstIndex(where: \.isEnabled) ?? 0
    }

    public var note: [String] {
        let model = base.model?.label ?? base.modelID
        guard let mac = base.mac else { return ["\(model) · awaiting delivery: enter its MAC when it arrives"] }
        return ["\(model) · MAC \(mac.display)"]
    }

    /// Disables what the model cannot do (with the reason), and BLF user while BLF is off.
    mutating func applyCapabilities(model: PhoneModel?, data: AccountData) {
        let label = model?.label ?? "This model"
        if model?.supportsBLF == false {
            form[ID.blf].disabledReason = "\(label) has no line keys for BLF"
            form[ID.blf].kind = .checkbox(false)
        }
        // The phone's own user is not offered for BLF.
        let ownUser = form.choice(ID.user)
        if case .dropdown(var blfUsers) = form[ID.blfUser].kind {
            blfUsers.setOptions(data.users.filter { $0.extensionNumber != ownUser }
                .map { DropdownOption(value: $0.extensionNumber, label: $0.label) })
            form[ID.blfUser].kind = .dropdown(blfUsers)
        }
        form[ID.blfUser].disabledReason = form.isChecked(ID.blf) ? nil
            : (model?.supportsBLF == false ? "\(label) has no line keys for BLF" : "turn BLF on to choose")
        if model?.colourScreen == false {
            form[ID.background].disabledReason = "\(label) has no colour screen"
        } else if data.backgrounds.isEmpty {
            form[ID.background].disabledReason = "no background images on the account yet"
        }
        if model?.supportsTemplates == false {
            form[ID.template].disabledReason = "\(label) takes no custom templates"
        } else if !data.templates.contains(where: { $0.modelID == base.modelID }) {
            form[ID.template].disabledReason = "no templates for \(label) yet"
        }
    }

    /// Keeps dependent fields in step after `fieldID` changed.
    mutating func edited(_ fieldID: String, data: AccountData) {
        if fieldID == ID.user || fieldID == ID.blf {
            applyCapabilities(model: base.model, data: data)
        }
        form.clearErrors()
    }

    /// The edit to save, or nil with errors shown under the fields.
    mutating func submit(data: AccountData) -> PhoneEdit? {
        let blfOn = form.isChecked(ID.blf)
        var mac = base.mac
        var macProblem: String?
        if form.index(of: ID.mac) != nil, !form.text(ID.mac).trimmingSpaces.isEmpty {
            switch MACAddress.parse(form.text(ID.mac)) {
            case .success(let parsed):
                mac = parsed
                if let model = base.model { form[ID.mac].warning = PhoneRules.vendorWarning(mac: parsed, model: model) }
            case .failure(let problem): macProblem = problem.message
            }
        }
        let edit = PhoneEdit(name: base.name, mac: mac, userExtension: form.choice(ID.user),
                             blfExtension: blfOn ? form.choice(ID.blfUser) : nil,
                             background: form.choice(ID.background), template: form.choice(ID.template))
        var errors = PhoneRules.validateEdit(edit, of: base, account: data)
        if blfOn, edit.blfExtension == nil { errors[.blfUser] = "Choose the user whose line this BLF key shows." }
        if let macProblem { errors[.mac] = macProblem }
        show(errors)
        return errors.isEmpty ? edit : nil
    }

    mutating func show(_ errors: FieldErrors) {
        for index in form.fields.indices {
            form.fields[index].error = PhoneField(rawValue: form.fields[index].id).flatMap { errors[$0] }
        }
        form.focusFirstError()
    }
}
