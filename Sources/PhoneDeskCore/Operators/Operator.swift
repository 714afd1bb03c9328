import Foundation

/// One person who reaches the panel over SSH with their own key (docs/ssh.md).
public struct Operator: Codable, Equatable, Sendable {
    public var name: String
    public var roles: [OperatorRole]
    /// The key as "type base64" (no options, no comment).
    public var key: String
    /// The comment the key file had (who or which machine), kept for `operators list`.
    public var comment: String?

    public init(name: String, roles: [OperatorRole], key: String, comment: String? = nil) {
        self.name = name; self.roles = roles; self.key = key; self.comment = comment
    }

    public var rights: Rights { Rights(roles) }
}

public struct OperatorsDocument: StoreDocument, Equatable {
    public static let fileName = "operators.json"
    public static let knownSchema = 1
    public var schemaVersion = knownSchema
    public var revision = 0
    public var operators: [Operator]
    public init(operators: [Operator] = []) { self.operators = operators }

    public func problem() -> String? {
        var seen: Set<String> = []
        for (index, person) in operators.enumerated() {
            if let problem = OperatorRules.nameProblem(person.name) { return "operators[\(index)].name: \(problem)" }
            if !seen.insert(person.name).inserted { return "operators[\(index)].name: \"\(person.name)\" is listed twice" }
            if case .failure(let problem) = PublicKey.parse(person.key) { return "operators[\(index)].key: \(problem.message)" }
        }
        return nil
    }
}

public enum OperatorRules {
    /// Names go into authorized_keys' forced command and the audit log: a short, shell-safe word.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "the operator name is empty; use 1–32 of a-z 0-9 . _ -" }
        if name.utf8.count > 32 { return "the operator name \"\(name)\" is longer than 32 characters" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-".utf8)
        if !name.utf8.allSatisfy(allowed.contains) || name.hasPrefix("-") {
            return "the operator name \"\(name)\" may hold only a-z 0-9 . _ - (lower case, not starting with -)"
        }
        // The audit log's name for the account owner at the console.
        if name == AuditActor.local.name { return "\"local\" is the audit log's name for the account owner at the console; choose another name" }
        return nil
    }
}

/// An OpenSSH public key line: `type base64 [comment]`.
public struct PublicKey: Equatable, Sendable {
    public var type: String
    public var body: String
    public var comment: String?

    public static let types: Set<String> = ["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]

    /// "type base64": what identifies the key (two keys are the same key when this is equal).
    public var line: String { "\(type) \(body)" }

    /// The key in a key file's text, or what is wrong with it and what to give instead.
    public static func parse(_ text: String) -> Result<PublicKey, OperatorProblem> {
        if text.contains("PRIVATE KEY") {
            return .failure("is a private key; give the public key (the .pub file next to it), and keep the private key secret")
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !lines.isEmpty else { return .failure("holds no key; give an OpenSSH public key line (ssh-ed25519 AAAA… name)") }
        guard lines.count == 1 else { return .failure("holds \(lines.count) lines; give one public key (one operator, one key)") }
        let fields = lines[0].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count >= 2, types.contains(fields[0]) else {
            let first = fields.first ?? ""
            if first.contains("=") || first.contains(",") || first == "restrict" {
                return .failure("starts with authorized_keys options (\(first.prefix(40))); give the bare public key line")
            }
            return .failure("is not an OpenSSH public key (it must start with ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521)")
        }
        guard let blob = Data(base64Encoded: fields[1]), blob.count > 4 else {
            return .failure("has a \(fields[0]) key whose body is not valid base64; copy the whole .pub line")
        }
        // The blob begins with the key type as an SSH string: a body pasted under the wrong type is refused.
        let length = blob.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard blob.count >= 4 + length, String(decoding: blob.dropFirst(4).prefix(length), as: UTF8.self) == fields[0] else {
            return .failure("has a key whose body is not a \(fields[0]) key; copy the whole .pub line")
        }
        let comment = fields.count > 2 ? fields[2...].joined(separator: " ") : nil
        if let comment, comment.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            return .failure("has a key comment with control characters; remove them from the line's end")
        }
        return .success(PublicKey(type: fields[0], body: fields[1], comment: comment))
    }
}
