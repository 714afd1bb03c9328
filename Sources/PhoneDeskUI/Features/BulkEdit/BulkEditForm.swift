import PhoneDeskCore

/// The marked phones' bulk edit: Background image · Config template · BLF (off). Every field is
/// "leave unchanged" until touched; under a field, how many marked phones cannot take its value.
public struct BulkEditForm: Equatable, Sendable {
    public var form: Form<Field>
    /// The marked phones as they were when the form opened: the save is based on their revisions.
    public let phones: [Phone]

    public enum Field: Hashable, Sendable { case background, template, blf, submit, cancel }

    /// Dropdown values: nil leaves the field, "" clears it (no image or template has an empty name).
    static let unchanged = DropdownOption(value: nil, label: "— leave unchanged —")
    static let none = DropdownOption(value: "", label: "— none —")

    public init(phones: [Phone], data: AccountData) {
        self.phones = phones
        let backgrounds = data.backgrounds.map { DropdownOption(value: $0.name, label: "\($0.name) (\($0.width)×\($0.height))") }
        let templates = data.templates.map { template in
            DropdownOption(value: template.name, label: "\(template.name) (\(PhoneCatalog.model(id: template.modelID)?.label ?? template.modelID))")
        }
        form = Form(title: "Edit \(Plural.count(phones.count, "marked phone", "marked phones"))", fields: [
            FormField(id: .background, label: "Background image",
                      kind: .dropdown(Dropdown(options: [Self.unchanged, Self.none] + backgrounds, selectedValue: nil))),
            FormField(id: .template, label: "Config template",
                      kind: .dropdown(Dropdown(options: [Self.unchanged, Self.none] + templates, selectedValue: nil))),
            // Only "off": which user a key monitors differs from phone to phone.
            FormField(id: .blf, label: "BLF", kind: .dropdown(Dropdown(options: [Self.unchanged, DropdownOption(value: "", label: "off")], selectedValue: nil))),
            FormField(id: .submit, label: "Submit", kind: .button),
            FormField(id: .cancel, label: "Cancel", kind: .button),
        ], submitButton: .submit, cancelButton: .cancel)
    }

    static let note = ["Each field is left unchanged until you change it."]

    /// What the form asks for now.
    public var edit: BulkEdit {
        func change(_ value: String?) -> FieldChange { value.map { $0.isEmpty ? .clear : .set($0) } ?? .keep }
        return BulkEdit(blf: change(form.choice(.blf)),
                        background: change(form.choice(.background)), template: change(form.choice(.template)))
    }

    /// Says under each touched field how many marked phones it skips and why.
    mutating func refreshHints(templates: [ConfigTemplate]) {
        let edit = edit
        var skipped: [PhoneField: (count: Int, reason: String)] = [:]
        for phone in phones {
            for (field, reason) in edit.unfit(for: phone, templates: templates) { skipped[field, default: (0, reason)].count += 1 }
        }
        for (id, field) in [(Field.background, PhoneField.background), (.template, .template), (.blf, .blf)] {
            form[id]?.hint = skipped[field].map { "Skips \($0.count) of \(Plural.count(phones.count, "phone", "phones")): \($0.reason)." }
        }
    }
}
