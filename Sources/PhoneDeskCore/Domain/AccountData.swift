/// Everything the panel shows, as loaded from the data directory at one moment.
public struct AccountData: Equatable, Sendable {
    public var account: Account
    public var users: [User]
    public var phones: PhoneList
    public var backgrounds: [BackgroundImage]
    public var templates: [ConfigTemplate]
    public var cart: [CartLine]
    public var orders: [Order]

    public init(account: Account, users: [User], phones: PhoneList,
                backgrounds: [BackgroundImage] = [], templates: [ConfigTemplate] = [],
                cart: [CartLine] = [], orders: [Order] = []) {
        self.account = account; self.users = users; self.phones = phones
        self.backgrounds = backgrounds; self.templates = templates; self.cart = cart; self.orders = orders
    }

    public func user(_ extensionNumber: String?) -> User? {
        guard let extensionNumber else { return nil }
        return users.first { $0.extensionNumber == extensionNumber }
    }

    public func phone(id: Int) -> Phone? { phones.phone(id: id) }
}
