import PhoneDeskCore

public enum CheckoutWindow: Equatable, Sendable {
    case address(AddressWindow)
    case card(CardWindow)
    case confirmation(Order)
}

/// The delivery address window: saved addresses, then a new address form.
public struct AddressWindow: Equatable, Sendable {
    public var listFocused: Bool
    public var listCursor = 0
    public var form: Form<Field>

    public enum Field: Hashable, Sendable {
        case name, company, street, city, postalCode, country, add, back

        /// The address field whose problems this field shows.
        var addressField: AddressField? {
            switch self {
            case .name: .name
            case .company: .company
            case .street: .street
            case .city: .city
            case .postalCode: .postalCode
            case .country: .country
            case .add, .back: nil
            }
        }
    }

    public init(savedCount: Int, selected: Int?, language: Language = .en) {
        listFocused = savedCount > 0
        listCursor = selected ?? 0
        form = Self.form(countries: Self.countryOptions(language))
    }

    /// Labelled in the panel's language and found by code, English name and (in Polish) Polish name.
    static func countryOptions(_ language: Language) -> [DropdownOption] {
        Countries.all.map { country in
            let name = PolishCountries.name(country, language)
            return DropdownOption(value: country.code, label: "\(country.code) \(name)", code: country.code,
                                  names: name == country.name ? [name] : [name, country.name])
        }
    }

    private static func form(countries: [DropdownOption]) -> Form<Field> {
        Form(title: "Delivery address", fields: [
            FormField(id: .name, label: "Name", kind: .text(TextInput())),
            FormField(id: .company, label: "Company", kind: .text(TextInput())),
            FormField(id: .street, label: "Street", kind: .text(TextInput())),
            FormField(id: .city, label: "City", kind: .text(TextInput())),
            FormField(id: .postalCode, label: "Postal code", kind: .text(TextInput())),
            FormField(id: .country, label: "Country", kind: .dropdown(Dropdown(options: countries, selectedValue: nil))),
            FormField(id: .add, label: "Add delivery address", kind: .button),
            FormField(id: .back, label: "Back to payment", kind: .button),
        ], submitButton: .add, cancelButton: .back)
    }

    var address: PostalAddress {
        PostalAddress(name: form.text(.name).trimmingSpaces,
                      company: form.text(.company).trimmingSpaces,
                      street: form.text(.street).trimmingSpaces,
                      city: form.text(.city).trimmingSpaces,
                      postalCode: form.text(.postalCode).trimmingSpaces.uppercased(),
                      country: form.choice(.country) ?? "")
    }

    /// The address to save, or nil with every problem under its field.
    mutating func submit() -> PostalAddress? {
        form.showErrors(AddressRules.check(address), keyedBy: \.addressField)
        if form.focusFirstError() { return nil }
        return address
    }
}

/// Figure 15.8's new card window: number (grouped as typed, brand shown), expiry, CVC, name,
/// Save card, [Use card]. Its values never leave memory; only a masked form is drawn later.
public struct CardWindow: Equatable, Sendable {
    public var form: Form<Field>

    public enum Field: Hashable, Sendable {
        case number, expiry, cvc, name, save, use, back
    }

    public init() {
        form = Form(title: "New card", fields: [
            FormField(id: .number, label: "Card number", kind: .text(TextInput())),
            FormField(id: .expiry, label: "Expiry (MM/YY)", kind: .text(TextInput())),
            FormField(id: .cvc, label: "CVC", kind: .text(TextInput(masked: true))),
            FormField(id: .name, label: "Name on card", kind: .text(TextInput())),
            FormField(id: .save, label: "Save card", kind: .checkbox(false)),
            FormField(id: .use, label: "Use card", kind: .button),
            FormField(id: .back, label: "Back", kind: .button),
        ], submitButton: .use, cancelButton: .back)
    }

    /// Regroups the number as typed and names its brand under the field.
    mutating func edited(_ field: Field) {
        guard field == .number else { return }
        let typed = form.text(.number)
        let grouped = CardRules.grouped(typed)
        if grouped != typed, typed.allSatisfy({ $0.isNumber || $0 == " " }) { form.setText(grouped, of: .number) }
        let brand = CardRules.brand(of: form.text(.number))
        form[.number]?.error = nil
        form[.number]?.hint = brand.map { "\($0.rawValue) card" }
    }

    mutating func submit(today: YearMonth) -> (CardDetails, Bool)? {
        form.clearErrors()
        let number = form.text(.number)
        if let problem = CardRules.numberProblem(number) { form[.number]?.error = problem }
        var expiry: YearMonth?
        switch CardRules.expiry(form.text(.expiry), today: today) {
        case .success(let value): expiry = value
        case .failure(let failure): form[.expiry]?.error = failure.message
        }
        if let problem = CardRules.cvcProblem(form.text(.cvc), brand: CardRules.brand(of: number)) { form[.cvc]?.error = problem }
        if let problem = CardRules.holderName.run(form.text(.name)) { form[.name]?.error = problem }
        if form.focusFirstError() { return nil }
        guard let expiry else { return nil }
        return (CardDetails(number: number, expiry: expiry, cvc: form.text(.cvc), name: form.text(.name)), form.isChecked(.save))
    }
}

