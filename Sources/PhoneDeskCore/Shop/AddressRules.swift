/// A field of a delivery address; address problems are keyed by these. The raw value is the
/// `PostalAddress` property's name.
public enum AddressField: String, Hashable, Sendable, CaseIterable {
    case name, company, street, city, postalCode, country
}

/// Checks a delivery address; errors are keyed by the field they are about. The store checks
/// again before saving one (`Store.addAddress`).
public enum AddressRules {
    public static func check(_ address: PostalAddress) -> [AddressField: String] {
        var errors: [AddressField: String] = [:]
        if let problem = Check<String>.name("Name").run(address.name) { errors[.name] = problem }
        if let problem = Check<String>.label("Company", columns: 80).run(address.company) { errors[.company] = problem }
        if let problem = Check<String>.name("Street", columns: 120).run(address.street) { errors[.street] = problem }
        if let problem = Check<String>.name("City", columns: 80).run(address.city) { errors[.city] = problem }
        if Countries.named(address.country) == nil {
            errors[.country] = "Choose the country."
        } else if let problem = Check<String>.visible("Postal code").run(address.postalCode)
                    ?? PostalCodes.check(address.postalCode, country: address.country) {
            errors[.postalCode] = problem
        }
        return errors
    }
}
