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
    public var form: Form

    public enum ID {
        public static let name = "name", company = "company", street = "street", city = "city"
        public static let postalCode = "postalCode", country = "country", add = "add", back = "cancel"
    }

    public init(savedCount: Int, selected: Int?) {
        listFocused = savedCount > 0
        listCursor = selected ?? 0
        let countries = Countries.all.map { DropdownOption(value: $0.code, label: $0.label) }
        form = Form(title: "Delivery address", fields: [
            FormField(id: ID.name, label: "Name", kind: .text(TextInput())),
            FormField(id: ID.company, label: "Company", kind: .text(TextInput())),
            FormField(id: ID.street, label: "Street", kind: .text(TextInput())),
            FormField(id: ID.city, label: "City", kind: .text(TextInput())),
            FormField(id: ID.postalCode, label: "Postal code", kind: .text(TextInput())),
            FormField(id: ID.country, label: "Country", kind: .dropdown(Dropdown(options: countries, selectedValue: nil))),
            FormField(id: ID.add, label: "Add delivery address", kind: .button),
            FormField(id: ID.back, label: "Back to payment", kind: .button),
        ], submitButton: ID.add)
    }

    var address: PostalAddress {
        PostalAddress(name: form.text(ID.name).trimmingSpaces,
                      company: form.text(ID.company).trimmingSpaces,
                      street: form.text(ID.street).trimmingSpaces,
                      city: form.text(ID.city).trimmingSpaces,
                      postalCode: form.text(ID.postalCode).trimmingSpaces.uppercased(),
                      country: form.choice(ID.country) ?? "")
    }

    /// The address to save, or nil with every problem under its field.
    mutating func submit() -> PostalAddress? {
        let errors = AddressRules.check(address)
        for index in form.fields.indices { form.fields[index].error = AddressField(rawValue: form.fields[index].id).flatMap { errors[$0] } }
        if form.focusFirstError() { return nil }
        return address
    }
}

/// Figure 15.8's new card window: number (grouped as typed, brand shown), expiry, CVC, name,
/// Save card, [Use card]. Its values never leave memory; only a masked form is drawn later.
public struct CardWindow: Equatable, Sendable {
    public var form: Form

    public enum ID {
        public static let number = "number", expiry = "expiry", cvc = "cvc", name = "name", save = "save"
        public static let use = "use", back = "cancel"
    }

    public init() {
        form = Form(title: "New card", fields: [
            FormField(id: ID.number, label: "Card number", kind: .text(TextInput())),
            FormField(id: ID.expiry, label: "Expiry (MM/YY)", kind: .text(TextInput())),
            FormField(id: ID.cvc, label: "CVC", kind: .text(TextInput(masked: true))),
            FormField(id: ID.name, label: "Name on card", kind: .text(TextInput())),
            FormField(id: ID.save, label: "Save card", kind: .checkbox(false)),
            FormField(id: ID.use, label: "Use card", kind: .button),
            FormField(id: ID.back, label: "Back", kind: .button),
        ], submitButton: ID.use)
    }

    /// Regroups the number as typed and names its brand under the field.
    mutating func edited(_ id: String) {
        guard id == ID.number, case .text(var input) = form[ID.number].kind else { return }
        let grouped = CardRules.grouped(input.text)
        if grouped != input.text, input.text.allSatisfy({ $0.isNumber || $0 == " " }) {
            input.text = grouped
            form[ID.number].kind = .text(input)
        }
        form[ID.number].error = nil
        form[ID.number].hint = CardRules.brand(of: input.text).map { "\($0.rawValue) card" }
    }

    mutating func submit(today: YearMonth) -> (CardDetails, Bool)? {
        form.clearErrors()
        let number = form.text(ID.number)
        if let problem = CardRules.numberProblem(number) { form[ID.number].error = problem }
        var expiry: YearMonth?
        switch CardRules.expiry(form.text(ID.expiry), today: today) {
        case .success(let value): expiry = value
        case .failure(let failure): form[ID.expiry].error = failure.message
        }
        if let problem = CardRules.cvcProblem(form.text(ID.cvc), brand: CardRules.brand(of: number)) { form[ID.cvc].error = problem }
        if let problem = CardRules.holderName.run(form.text(ID.name)) { form[ID.name].error = problem }
        if form.focusFirstError() { return nil }
        guard let expiry else { return nil }
        return (CardDetails(number: number, expiry: expiry, cvc: form.text(ID.cvc), name: form.text(ID.name)), form.isChecked(ID.save))
    }
}

