import PhoneDeskCore

/// Figure 15.2: Model · MAC address · Name · [Submit] · [Cancel].
public struct AddPhoneForm: Equatable, Sendable {
    public var form: Form
    /// Fields the operator has left at least once; their problems are shown as they type.
    var touched: Set<String> = []
    var submitted = false

    public enum ID {
        public static let model = PhoneField.model.rawValue
        public static let mac = PhoneField.mac.rawValue
        public static let name = PhoneField.name.rawValue
        public static let submit = "submit"
        public static let cancel = "cancel"
    }

    public init() {
        let models = PhoneCatalog.models.map { DropdownOption(value: $0.id, label: $0.label) }
        form = Form(title: "Add phone", fields: [
            FormField(id: ID.model, label: "Model", kind: .dropdown(Dropdown(options: models, selectedValue: nil))),
            FormField(id: ID.mac, label: "MAC address", kind: .text(TextInput())),
            FormField(id: ID.name, label: "Name", kind: .text(TextInput(limit: TextRules.nameColumns))),
            FormField(id: ID.submit, label: "Submit", kind: .button),
            FormField(id: ID.cancel, label: "Cancel", kind: .button),
        ], submitButton: ID.submit)
    }

    public static let note = ["The MAC is on the label at the back, e.g. 00:1a:4d:5c:25:8d."]

    /// Shows problems of touched fields (all of them after a submit) and the vendor warning.
    mutating func refresh(phones: PhoneList) {
        let result = PhoneRules.validateNew(modelID: form.choice(ID.model), macText: form.text(ID.mac),
                                            name: form.text(ID.name), phones: phones)
        let errors: FieldErrors
        switch result {
        case .success: errors = [:]
        case .failure(let set): errors = set.errors
        }
        for id in [ID.model, ID.mac, ID.name] {
            let show = submitted || touched.contains(id)
            form[id].error = show ? errors[PhoneField(rawValue: id)!] : nil
        }
        form[ID.mac].warning = nil
        if case .success(let mac) = MACAddress.parse(form.text(ID.mac)),
           let model = form.choice(ID.model).flatMap(PhoneCatalog.model(id:)) {
            form[ID.mac].warning = PhoneRules.vendorWarning(mac: mac, model: model)
        }
    }

    /// Validates everything; on success returns what to add, else shows every error.
    mutating func submit(phones: PhoneList) -> NewPhone? {
        submitted = true
        refresh(phones: phones)
        let result = PhoneRules.validateNew(modelID: form.choice(ID.model), macText: form.text(ID.mac),
                                            name: form.text(ID.name), phones: phones)
        if case .success(let new) = result { return new }
        focusFirstError()
        return nil
    }

    mutating func show(_ errors: FieldErrors) {
        for (field, message) in errors where form.index(of: field.rawValue) != nil { form[field.rawValue].error = message }
        focusFirstError()
    }

    private mutating func focusFirstError() {
        form.focusFirstError()
    }
}
