/// One JSON file of the store. Every file carries `schemaVersion` (the format) and `revision`
/// (bumped on every write, for telling another operator's save from ours).
public protocol StoreDocument: Codable, Sendable {
    static var fileName: String { get }
    /// The newest format this program reads and writes.
    static var knownSchema: Int { get }
    var schemaVersion: Int { get set }
    var revision: Int { get set }
    /// The first rule the decoded document breaks (DocumentRules.swift); nil when sound.
    func problem() -> String?
}

public struct AccountDocument: StoreDocument, Equatable {
    public static let fileName = "account.json"
    public static let knownSchema = 1
    public var schemaVersion = knownSchema
    public var revision = 0
    public var account: Account
    public init(account: Account) { self.account = account }
}

public struct UsersDocument: StoreDocument, Equatable {
    public static let fileName = "users.json"
    public static let knownSchema = 1
    public var schemaVersion = knownSchema
    public var revision = 0
    public var users: [User]
    public init(users: [User]) { self.users = users }
}

public struct PhonesDocument: StoreDocument, Equatable {
    public static let fileName = "phones.json"
    /// 2: every phone has its own provisioning `secret` (schema 1 had one URL per account).
    public static let knownSchema = 2
    public var schemaVersion = knownSchema
    public var revision = 0
    /// Ids are never reused, so a stale edit of a deleted phone cannot land on a newer one.
    public var nextID: Int
    public var phones: PhoneList
    public init(phones: PhoneList) {
        self.phones = phones
        self.nextID = (phones.maxID ?? 0) + 1
    }

    func phone(id: Int) -> Phone? { phones.phone(id: id) }
}

public struct BackgroundsDocument: StoreDocument, Equatable {
    public static let fileName = "backgrounds.json"
    public static let knownSchema = 1
    public var schemaVersion = knownSchema
    public var revision = 0
    public var backgrounds: [BackgroundImage]
    public init(backgrounds: [BackgroundImage] = []) { self.backgrounds = backgrounds }
}

public struct TemplatesDocument: StoreDocument, Equatable {
    public static let fileName = "templates.json"
    public static let knownSchema = 1
    public var schemaVersion = knownSchema
    public var revision = 0
    public var templates: [ConfigTemplate]
    public init(templates: [ConfigTemplate] = []) { self.templates = templates }
}
