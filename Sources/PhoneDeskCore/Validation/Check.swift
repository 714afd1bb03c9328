/// A small composable validator: returns the message to show, or nil when the value is fine.
public struct Check<Value>: Sendable {
    public let run: @Sendable (Value) -> String?

    public init(_ run: @escaping @Sendable (Value) -> String?) { self.run = run }

    /// The first failing check's message wins, so messages stay specific.
    public static func all(_ checks: [Check<Value>]) -> Check<Value> {
        Check { value in
            for check in checks { if let message = check.run(value) { return message } }
            return nil
        }
    }

    public func and(_ next: Check<Value>) -> Check<Value> { .all([self, next]) }
}

extension Check where Value == String {
    public static func required(_ what: String) -> Check {
        Check { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "\(what) is required." : nil }
    }

    public static func maxLength(_ limit: Int, _ what: String) -> Check {
        Check { $0.count > limit ? "\(what) is too long (at most \(limit) characters)." : nil }
    }

    /// Unique among `existing`, ignoring case and surrounding spaces.
    public static func unique(among existing: [String], _ what: String) -> Check {
        let taken = Set(existing.map { $0.trimmingSpaces.lowercased() })
        return Check { value in
            taken.contains(value.trimmingSpaces.lowercased()) ? usedMessage(what, value) : nil
        }
    }

    static func usedMessage(_ what: String, _ value: String) -> String {
        "\(what) \"\(value.trimmingSpaces)\" is already used; choose another."
    }
}
