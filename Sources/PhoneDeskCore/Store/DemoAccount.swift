/// The account seeded on first run (SPEC §4), so a new operator sees a working panel.
public enum DemoAccount {
    public static func account(token: String = Secrets.accountToken()) -> Account {
        Account(
            name: "Demo account",
            token: token,
            provisioningBaseURL: "https://provisioning.phonedesk.example",
            sipServer: "sip.phonedesk.example",
            balance: Money(cents: 500_00, currency: "EUR"),
            addresses: [PostalAddress(name: "Anna Nowak", company: "Demo Sp. z o.o.", street: "ul. Piotrkowska 100",
                                      city: "Łódź", postalCode: "90-001", country: "PL")],
            cards: [SavedCard(brand: "Visa", last4: "4242", expiryMonth: 12, expiryYear: 2030,
                              gatewayToken: "tok_demo_visa_4242")])
    }

    public static func users() -> [User] {
        [("101", "Anna Nowak"), ("102", "Piotr Wiśniewski"), ("103", "Katarzyna Wójcik"),
         ("104", "Tomasz Kamiński"), ("105", "Magdalena Lewandowska"), ("106", "Michał Zieliński")]
            .map { User(extensionNumber: $0.0, name: $0.1, sipPassword: Secrets.sipPassword()) }
    }

    public static func phones() -> PhoneList {
        [Phone(id: 1, name: "Recepcja", modelID: "yealink-t46u", mac: MACAddress(hex: "805ec0112233"),
               userExtension: "101", blfExtension: "102", secret: Secrets.phoneSecret()),
         Phone(id: 2, name: "Magazyn", modelID: "grandstream-gxp2170", mac: MACAddress(hex: "000b82aabbcc"),
               userExtension: "104", secret: Secrets.phoneSecret())]
    }
}
