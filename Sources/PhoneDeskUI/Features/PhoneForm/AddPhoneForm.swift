import PhoneDeskCore

/// Figure 15.2: Model · MAC address · Name · [Submit] · [Cancel].
public struct AddPhoneForm: Equatable, Sendable {
    public var form: Form<Field>
    /// Fields the operator has left at least once; their problems are shown as they type.
    var touched: Set<Field> = []
    var submitted = false

    public enum Field: Hashable, Sendable {
        case model, mac, name, submit, cancel

        /// The field of the phone rules whose errors this field shows.
        var phoneField: PhoneField? {
            switch self {
            case .model: .model
            case .mac: .mac
            case .name: .name
            case .submit, .cancel: nil
            }
        }
    }

    public init() {
        let models = PhoneCatalog.models.map { DropdownOption(value: $0.id, label: $0.label) }
        form = Form(title: "Add phone", fields: [
            FormField(id: .model, label: "Model", kind: .dropdown(Dropdown(options: models, selectedValue: nil))),
            FormField(id: .mac, label: "MAC address", kind: .text(TextInput())),
            FormField(id: .name, label: "Name", kind: .text(TextInput(limit: TextRules.nameColumns))),
            FormField(id: .submit, label: "Submit", kind: .button),
            FormField(id: .cancel, label: "Cancel", kind: .button),
        ], submitButton: .submit, cancelButton: .cancel)
    }

    public static let note = ["The MAC is on the label at the back, e.g. 00:1a:4d:5c:25:8d."]

    /// Shows problems of touched fields (all of them after a submit) and the vendor warning.
    mutating func refresh(phones: PhoneList) {
        let result = PhoneRules.validateNew(modelID: form.choice(.model), macText: form.text(.mac),
                                            name: form.text(.name), phones: phones)
        let errors: FieldErrors
        switch result {
        case .success: errors = [:]
        case .failure(let set): errors = set.errors
        }
        form.showErrors(errors) { field in submitted || touched.contains(field) ? field.phoneField : nil }
        form[.mac]?.warning = nil
        if case .success(let mac) = MACAddress.parse(form.text(.mac)),
           let model = form.choice(.model).flatMap(PhoneCatalog.model(id:)) {
            form[.mac]?.warning = PhoneRules.vendorWarning(mac: mac, model: model)
        }
    }

    /// Validates everything; on success returns what to add, else shows every error.
    mutating func submit(phones: PhoneList) -> NewPhone? {
        submitted = true
        refresh(phones: phones)
        let result = PhoneRules.validateNew(modelID: form.choice(.model), macText: form.text(.mac),
                                            name: form.text(.name), phones: phones)
        if case .success(let new) = result { return new }
        focusFirstError()
        return nil
    }

    /// Shows a store refusal; fields it does not name keep what they show.
    mutating func show(_ errors: FieldErrors) {
        for field in form.fields.map(\.id) {
            if let message = field.phoneField.flatMap({ errors[$0] }) { form[field]?.error = message }
        }
        focusFirstError()
    }

    private mutating func focusFirstError() {
        form.focusFirstError()
    }
}
