import PhoneDeskCore

extension PostalAddress {
    /// "Anna Nowak, ul. Długa 5, 00-001 Warszawa, PL": one line, empty parts left out.
    var singleLine: String {
        [name, street, "\(postalCode) \(city)", country].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}
