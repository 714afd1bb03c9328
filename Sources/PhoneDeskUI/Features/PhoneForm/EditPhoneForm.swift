import PhoneDeskCore

/// Figure 15.3 with a name and the hardware: Name · MAC · User · BLF · BLF user · Background
/// image · Config template · [Submit] · [Cancel].
public struct EditPhoneForm: Equatable, Sendable {
    public var form: Form<Field>
    /// The phone as it was when the form opened (or when the operator last saw it);
    /// its revision is what the save is based on.
    public var base: Phone
    /// Set while "Replace the hardware?" is asked: the edit a yes saves. The form's fields stay
    /// as typed, so a no goes back to them.
    public var replacing: PhoneEdit?
    /// What key 2 holds when it is not the BLF ("a speed dial (103 Kasia Wójcik)"): turning BLF
    /// on replaces it, and the form says so before Submit (`note`) and after (the status).
    public private(set) var keyTwo: String?
    /// That key itself (the status after the save names it shortly).
    public private(set) var keyTwoKey: PhoneKey?

    /// What Submit found: errors shown in the form, an edit to save, or a new MAC for a phone
    /// in use, which is saved only once the operator confirms (its old MAC's files go).
    public enum Submitted: Equatable, Sendable {
        case invalid
        case save(PhoneEdit)
        case confirmReplace(PhoneEdit)
    }

    public enum Field: Hashable, Sendable {
        /// Empty for a phone awaiting delivery; a phone in use shows its MAC (a new one replaces the hardware).
        case name, mac
        case user, blf, blfUser, background, template, submit, cancel

        /// The field of the phone rules whose errors this field shows.
        var phoneField: PhoneField? {
            switch self {
            case .name: .name
            case .mac: .mac
            case .user: .user
            case .blf: .blf
            case .blfUser: .blfUser
            case .background: .background
            case .template: .template
            case .submit, .cancel: nil
            }
        }
    }

    static let none = DropdownOption(value: nil, label: "— none —")
    static let replaceTitle = "Replace the hardware"

    public init(phone: Phone, data: AccountData) {
        base = phone
        keyTwo = KeysText.replacedByBLF(on: phone, in: data)
        keyTwoKey = keyTwo == nil ? nil : phone.layout.key(KeyLayout.seedBLFKey)
        let users = data.users.map { DropdownOption(value: $0.extensionNumber, label: $0.label, code: $0.extensionNumber) }
        let backgrounds = data.backgrounds.map {
            DropdownOption(value: $0.name, label: "\($0.name) (\($0.width)×\($0.height))")
        }
        let templates = data.templates.filter { $0.modelID == phone.modelID }.map { DropdownOption(value: $0.name, label: $0.name) }
        // A bought phone awaiting delivery gets its MAC here when the box arrives; a phone in use
        // gets a new one when its hardware is replaced.
        form = Form(title: Self.title(phone), fields: [
            FormField(id: .name, label: "Name", kind: .text(TextInput(phone.name, limit: max(TextRules.nameColumns, phone.name.count)))),
            FormField(id: .mac, label: "MAC address", kind: .text(TextInput(phone.mac?.display ?? ""))),
            FormField(id: .user, label: "User", kind: .dropdown(Dropdown(options: [Self.none] + users, selectedValue: phone.userExtension))),
            FormField(id: .blf, label: "BLF", kind: .checkbox(phone.blfExtension != nil)),
            FormField(id: .blfUser, label: "BLF user", kind: .dropdown(Dropdown(options: users, selectedValue: phone.blfExtension))),
            FormField(id: .background, label: "Background image", kind: .dropdown(Dropdown(options: [Self.none] + backgrounds, selectedValue: phone.background))),
            FormField(id: .template, label: "Config template", kind: .dropdown(Dropdown(options: [Self.none] + templates, selectedValue: phone.template))),
            FormField(id: .submit, label: "Submit", kind: .button),
            FormField(id: .cancel, label: "Cancel", kind: .button),
        ], submitButton: .submit, cancelButton: .cancel)
        applyCapabilities(model: phone.model, data: data)
        form.markClean()
        // Opens where the usual edit is, as before Name and MAC came first: the MAC of a phone
        // awaiting delivery, else its user (operators' "e, type a user, Enter" keeps working).
        form.focus(on: phone.mac == nil ? .mac : .user)
    }

    static func title(_ phone: Phone) -> String { "Edit phone — \(phone.name)" }

    /// What another operator changed while the form was open (shown above the fields, wrapped).
    public var theirChanges: String?

    public var note: [String] {
        let model = base.model?.label ?? base.modelID
        let their = theirChanges.map { ["! " + $0] } ?? []
        // The BLF is key 2; its label is set in the key layout (Ctrl-K) and names the user it
        // watches, so another BLF user drops it (`submit`).
        var label = base.blfExtension == nil ? [] : base.blfLabel.map { ["BLF key 2 label \"\($0)\": BLF off or another user drops it"] } ?? []
        // The BLF field is key 2: turned on, it takes key 2 from what is there.
        if form.isChecked(.blf), let keyTwo { label.append("! Key 2 is \(keyTwo); a BLF replaces it.") }
        guard base.mac != nil else { return ["\(model) · awaiting delivery: enter its MAC when it arrives"] + label + their }
        return ["\(model) · a new MAC replaces the hardware (asked first)"] + label + their
    }

    /// Another operator saved the phone while the form was open: the fields this operator left
    /// as they were take the other's values, what this operator changed stays, and the next
    /// Submit saves on top of the other's change instead of undoing it.
    mutating func rebase(onto current: Phone, data: AccountData) {
        let old = base
        if form.text(.name).trimmingSpaces == old.name { form.setText(current.name, of: .name) }
        let typedMAC: MACAddress? = if case .success(let mac) = MACAddress.parse(form.text(.mac)) { mac } else { nil }
        if typedMAC == old.mac || (old.mac == nil && form.text(.mac).trimmingSpaces.isEmpty) {
            form.setText(current.mac?.display ?? "", of: .mac)
        }
        if form.choice(.user) == old.userExtension { form.setChoice(current.userExtension, of: .user) }
        // The checkbox and the user are one value, the BLF: untouched, it takes theirs; changed
        // (another user chosen, or turned on or off), it stays ours whole.
        let myBLF = form.isChecked(.blf) ? form.choice(.blfUser) : nil
        if myBLF == old.blfExtension {
            form.setChecked(current.blfExtension != nil, of: .blf)
            if let theirs = current.blfExtension { form.setChoice(theirs, of: .blfUser) }
        }
        if form.choice(.background) == old.background { form.setChoice(current.background, of: .background) }
        if form.choice(.template) == old.template { form.setChoice(current.template, of: .template) }
        let changes = current.differences(from: old, users: data.users)
        theirChanges = "Another operator changed this phone meanwhile: \(changes.isEmpty ? "saved it" : changes.joined(separator: "; ")). "
            + "Their changes are in the form, yours are kept: Submit saves both, Esc keeps theirs."
        base = current
        // Renamed by the other operator: the title follows.
        form.title = Self.title(current)
        keyTwo = KeysText.replacedByBLF(on: current, in: data)
        keyTwoKey = keyTwo == nil ? nil : current.layout.key(KeyLayout.seedBLFKey)
        applyCapabilities(model: current.model, data: data)
    }

    /// Disables what the model cannot do (with the reason), and BLF user while BLF is off.
    mutating func applyCapabilities(model: PhoneModel?, data: AccountData) {
        let label = model?.label ?? "This model"
        if model?.supportsBLF == false {
            form[.blf]?.disabledReason = "\(label) has no line keys for BLF"
            form[.blf]?.kind = .checkbox(false)
        }
        // The phone's own user is not offered for BLF.
        let ownUser = form.choice(.user)
        if case .dropdown(var blfUsers)? = form[.blfUser]?.kind {
            blfUsers.setOptions(data.users.filter { $0.extensionNumber != ownUser }
                .map { DropdownOption(value: $0.extensionNumber, label: $0.label, code: $0.extensionNumber) })
            form[.blfUser]?.kind = .dropdown(blfUsers)
        }
        let blfOn = form.isChecked(.blf)
        form[.blfUser]?.disabledReason = blfOn ? nil
            : (model?.supportsBLF == false ? "\(label) has no line keys for BLF" : "turn BLF on to choose")
        if model?.colourScreen == false {
            form[.background]?.disabledReason = "\(label) has no colour screen"
        } else if data.backgrounds.isEmpty {
            form[.background]?.disabledReason = "no background images on the account yet"
        }
        if model?.supportsTemplates == false {
            form[.template]?.disabledReason = "\(label) takes no custom templates"
        } else if !data.templates.contains(where: { $0.modelID == base.modelID }) {
            form[.template]?.disabledReason = "no templates for \(label) yet"
        }
    }

    /// Keeps dependent fields in step after `field` changed.
    mutating func edited(_ field: Field, data: AccountData) {
        if field == .user || field == .blf {
            applyCapabilities(model: base.model, data: data)
        }
        form.clearErrors()
    }

    /// What Submit does: errors shown under the fields, the edit to save, or a hardware
    /// replacement to confirm first.
    mutating func submit(data: AccountData) -> Submitted {
        let blfOn = form.isChecked(.blf)
        var mac = base.mac
        var macProblem: String?
        form[.mac]?.warning = nil
        // Awaiting delivery, an empty MAC keeps it waiting; a phone in use cannot lose its MAC here.
        if base.mac != nil || !form.text(.mac).trimmingSpaces.isEmpty {
            switch MACAddress.parse(form.text(.mac)) {
            case .success(let parsed):
                mac = parsed
                if let model = base.model { form[.mac]?.warning = PhoneRules.vendorWarning(mac: parsed, model: model) }
            case .failure(let problem): macProblem = problem.message
            }
        }
        let edit = PhoneEdit(name: form.text(.name).trimmingSpaces, mac: mac, userExtension: form.choice(.user),
                             blfExtension: blfOn ? form.choice(.blfUser) : nil,
                             background: form.choice(.background), template: form.choice(.template),
                             blfLabel: blfOn && form.choice(.blfUser) == base.blfExtension ? base.blfLabel : nil)
        var errors = PhoneRules.validateEdit(edit, of: base, account: data)
        if blfOn, edit.blfExtension == nil { errors[.blfUser] = "Choose the user whose line this BLF key shows." }
        if let macProblem { errors[.mac] = macProblem }
        show(errors)
        guard errors.isEmpty else { return .invalid }
        if let old = base.mac, mac != old { return .confirmReplace(edit) }
        return .save(edit)
    }

    /// The replace question's lines, translated by `t`: what changes, what stays, and the MAC's
    /// vendor warning if it has one.
    func replaceQuestion(_ edit: PhoneEdit, _ t: (String) -> String) -> [(String, Style)] {
        guard let old = base.mac, let new = edit.mac else { return [] }
        var lines: [(String, Style)] = [
            (t("Replace the hardware of \"\(base.name)\"? \(old.display) → \(new.display)"), Style(.text, bold: true)),
            (t("The phone keeps its id, user, keys and URL; the old MAC's files are removed."), .muted),
        ]
        if let warning = form[.mac]?.warning { lines.append(("! " + t(warning), Style(.warning))) }
        return lines
    }

    mutating func show(_ errors: FieldErrors) {
        form.showErrors(errors, keyedBy: \.phoneField)
        form.focusFirstError()
    }
}
