/// Checks a delivery address; errors are keyed by the address window's field ids.
public enum AddressRules {
    public static func check(_ address: PostalAddress) -> [String: String] {
        var errors: [String: String] = [:]
        if let problem = Check<String>.required("Name").and(.maxLength(80, "Name")).run(address.name) { errors["name"] = problem }
        if let problem = Check<String>.maxLength(80, "Company").run(address.company) { errors["company"] = problem }
        if let problem = Check<String>.required("Street").and(.maxLength(120, "Street")).run(address.street) { errors["street"] = problem }
        if let problem = Check<String>.required("City").and(.maxLength(80, "City")).run(address.city) { errors["city"] = problem }
        if Countries.named(address.country) == nil {
            errors["country"] = "Choose the country."
        } else if let problem = PostalCodes.check(address.postalCode, country: address.country) {
            errors["postalCode"] = problem
        }
        return errors
    }
}
