import PhoneDeskCore

/// The form for one key of a layout (add or edit): number, type, value, label.
public struct KeyForm: Equatable, Sendable {
    public enum Field: Hashable, Sendable { case number, type, value, label, ok, cancel }

    public var form: Form<Field>
    /// The number the key had (nil: a new key), so an edit can renumber it.
    public let original: Int?

    static let typeOptions: [DropdownOption] = KeyType.allCases.map { DropdownOption(value: $0.rawValue, label: KeysText.typeName($0)) }

    init(key: PhoneKey, isNew: Bool) {
        original = isNew ? nil : key.number
        form = Form(title: isNew ? "Add key" : "Edit key \(key.number)", fields: [
            FormField(id: .number, label: "Key number", kind: .text(TextInput(String(key.number), limit: 4))),
            FormField(id: .type, label: "Type", kind: .dropdown(Dropdown(options: Self.typeOptions, selectedValue: key.type.rawValue))),
            FormField(id: .value, label: "Value", kind: .text(TextInput(key.value ?? "", limit: 32))),
            FormField(id: .label, label: "Label", kind: .text(TextInput(key.label ?? "", limit: KeyRules.labelLimit))),
            FormField(id: .ok, label: "OK", kind: .button),
            FormField(id: .cancel, label: "Cancel", kind: .button),
        ], submitButton: .ok, cancelButton: .cancel)
        refresh()
    }

    static let note = ["BLF: an extension on the account. Speed dial, park: an extension or a number (digits, * # +)."]

    var type: KeyType { form.choice(.type).flatMap(KeyType.init(rawValue:)) ?? .none }

    /// A type without a value has its value field disabled, saying why.
    mutating func refresh() {
        let type = type
        form[.value]?.disabledReason = type.needsValue ? nil : "a \(KeysText.typeName(type)) key takes no value"
    }

    struct Problem: Error, Equatable {
        var field: Field
        var message: String
    }

    /// The key the form describes, or the errors to show (by field).
    func key(in layout: KeyLayout, model: PhoneModel?, extensions: Set<String>) -> Result<PhoneKey, Problem> {
        let numberText = form.text(.number).trimmingSpaces
        guard let number = Int(numberText), number >= 1 else {
            return .failure(Problem(field: .number, message: "Give the key's number: 1 or more."))
        }
        let value = type.needsValue ? form.text(.value).trimmingSpaces : ""
        let label = form.text(.label)
        let key = PhoneKey(number: number, type: type, value: value.isEmpty ? nil : value, label: label.isEmpty ? nil : label)
        var trial = layout
        if let original { trial.clear(original) }
        if number != original, trial.key(number) != nil {
            return .failure(Problem(field: .number, message: "Key \(number) is already set; edit it, or choose another number."))
        }
        trial.set(key)
        // One check for the whole layout, so the limit comes first; the message says the field.
        if let problem = KeyRules.problem(with: trial, model: model, extensions: extensions) {
            let field: Field = problem.contains("label") ? .label
                : problem.contains("value") || problem.contains("extension") || problem.contains("number (digits") ? .value : .number
            return .failure(Problem(field: field, message: problem))
        }
        return .success(key)
    }
}
