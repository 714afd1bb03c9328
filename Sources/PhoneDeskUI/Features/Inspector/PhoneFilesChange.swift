import PhoneDeskCore

/// A phone's files just before and just after its last save in this session: the inspector's
/// diff. Recorded by `update` when the save lands, from the data it replaces (the files on disk
/// are already the new ones by then).
public struct PhoneFilesChange: Equatable, Sendable {
    public var before: [ProvisioningFile]
    public var after: [ProvisioningFile]
    /// The secrets the old files held (a previous user's SIP password): masked like today's.
    public var secrets: [String]

    /// The phone a saved change touched, and its files then; nil for a delete.
    static func saved(_ change: PhoneChange, _ outcome: ChangeOutcome, previous: AccountData) -> (id: Int, change: PhoneFilesChange)? {
        guard let id = outcome.phoneID, let now = outcome.data.phone(id: id) else { return nil }
        let old = previous.phone(id: id)
        let before = old.map { ProvisioningRenderer.files(for: $0, in: previous) } ?? []
        let secrets = old.map { InspectorSecrets.values(of: $0, in: previous) } ?? []
        return (id, PhoneFilesChange(before: before, after: ProvisioningRenderer.files(for: now, in: outcome.data), secrets: secrets))
    }
}

/// The secrets a phone's files hold: its user's SIP password and the hot-desking admin PIN.
enum InspectorSecrets {
    static let mask = "••••••"

    static func values(of phone: Phone, in data: AccountData) -> [String] {
        [data.user(phone.userExtension)?.sipPassword, data.account.hotDeskPIN].compactMap { $0 }.filter { !$0.isEmpty }
    }

    /// The line with every secret replaced by a mask of fixed length (the length would tell).
    static func masked(_ line: String, _ secrets: [String]) -> String {
        secrets.reduce(line) { $0.replacing($1, with: mask) }
    }
}
