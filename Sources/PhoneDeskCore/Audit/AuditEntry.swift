import Foundation

/// One line of audit.jsonl: who changed what, from where, and how (docs/data.md "Audit log").
public struct AuditEntry: Codable, Equatable, Sendable {
    /// "2026-11-29T22:40:00Z".
    public var time: String
    /// The operator's name, or "local" for the account owner at the console.
    public var who: String
    /// The SSH client's address (SSH_CONNECTION's first field); nil for a local run.
    public var client: String?
    /// "phone.edit", "settings.account", "operator.add", …
    public var action: String
    public var objectID: String?
    public var objectName: String?
    public var fields: [AuditField]
    /// Set on the second entry of a change that was recorded but then failed to be written:
    /// why it was not made. The log never claims a change that did not happen.
    public var failed: String?

    public init(time: String = "", who: String = "", client: String? = nil, action: String,
                objectID: String? = nil, objectName: String? = nil, fields: [AuditField] = [], failed: String? = nil) {
        self.time = time; self.who = who; self.client = client; self.action = action
        self.objectID = objectID; self.objectName = objectName; self.fields = fields; self.failed = failed
    }

    /// The fields as lines, after why the change was not made if it failed (`notMade` names it:
    /// the panel passes its translation).
    public func summaries(notMade: String = "not made:") -> [String] {
        (failed.map { ["\(notMade) \($0)"] } ?? []) + fields.map(\.summary)
    }

    enum CodingKeys: String, CodingKey {
        case time, who = "operator", client, action, objectID = "id", objectName = "name", fields, failed
    }

    // The client is written as null when there is none (a local run), not left out.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(who, forKey: .who)
        try container.encode(client, forKey: .client)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(objectID, forKey: .objectID)
        try container.encodeIfPresent(objectName, forKey: .objectName)
        try container.encode(fields, forKey: .fields)
        try container.encodeIfPresent(failed, forKey: .failed)
    }
}

/// One field's change. A secret (PIN, SIP password, phone secret, card data, key) is recorded
/// only as changed: `secret` is "changed" and neither value is written.
public struct AuditField: Codable, Equatable, Sendable {
    public var field: String
    public var before: String?
    public var after: String?
    public var secret: String?

    public init(field: String, before: String?, after: String?, secret: Bool = false) {
        self.field = field
        self.before = secret ? nil : before
        self.after = secret ? nil : after
        self.secret = secret ? "changed" : nil
    }

    /// "name: Desk 1 → Desk 2", "hotDeskPIN: changed".
    public var summary: String {
        if secret != nil { return "\(field): changed" }
        return "\(field): \(before ?? "—") → \(after ?? "—")"
    }
}

/// Field-by-field differences of two values as their JSON, so every stored type is covered by
/// one rule and a new field is audited without a new line of code.
public enum AuditDiff {
    /// Keys whose values are never written to the log.
    public static let secrets: Set<String> = ["hotDeskPIN", "pin", "sipPassword", "secret", "token", "cards", "gatewayToken"]
    static let ignored: Set<String> = ["revision", "schemaVersion", "id"]
    static let longest = 160

    public static func fields<T: Encodable>(_ before: T?, _ after: T?) -> [AuditField] {
        let old = object(before), new = object(after)
        return Set(old.keys).union(new.keys).subtracting(ignored).sorted().compactMap { key in
            // Compared whole: a change past the shortened text (key 28 of 30) is still a change.
            guard old[key].map(whole) != new[key].map(whole) else { return nil }
            // A list (keys, presets) names the items that went and came, not the whole list twice.
            if let a = list(old[key]), let b = list(new[key]) {
                let gone = difference(a, b), came = difference(b, a)
                return AuditField(field: key, before: gone.isEmpty ? nil : shortened(gone.joined(separator: "; ")),
                                  after: came.isEmpty ? nil : shortened(came.joined(separator: "; ")), secret: secrets.contains(key))
            }
            return AuditField(field: key, before: old[key].map(text), after: new[key].map(text), secret: secrets.contains(key))
        }
    }

    /// A list field's items: none for a field that is absent, nil for a field that is no list.
    static func list(_ value: Any?) -> [Any]? {
        guard let value else { return [] }
        return value as? [Any]
    }

    /// The items of `a` not in `b` (as often as they are missing), each as its JSON.
    static func difference(_ a: [Any], _ b: [Any]) -> [String] {
        var left = Dictionary(b.map { (whole($0), 1) }, uniquingKeysWith: +)
        return a.map(whole).filter { item in
            if let count = left[item], count > 0 { left[item] = count - 1; return false }
            return true
        }
    }

    static func object<T: Encodable>(_ value: T?) -> [String: Any] {
        guard let value else { return [:] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value),
              let decoded = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return [:] }
        return decoded as? [String: Any] ?? ["value": decoded]
    }

    /// A value as one short line: strings as they are, anything else as compact JSON.
    static func text(_ value: Any) -> String { shortened(whole(value)) }

    /// A value in full: strings as they are, anything else as compact JSON.
    static func whole(_ value: Any) -> String {
        if let string = value as? String { return string }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(value)"
    }

    static func shortened(_ whole: String) -> String {
        let line = whole.replacingOccurrences(of: "\n", with: "⏎")
        return line.count > longest ? String(line.prefix(longest)) + "…" : line
    }
}
