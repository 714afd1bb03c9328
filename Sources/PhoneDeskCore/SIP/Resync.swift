/// One phone a resync goes to: who, and the NOTIFY's user and event.
public struct ResyncTarget: Hashable, Sendable {
    public var phoneID: Int
    public var name: String
    public var extensionNumber: String
    public var event: String
    public init(phoneID: Int, name: String, extensionNumber: String, event: String) {
        self.phoneID = phoneID; self.name = name; self.extensionNumber = extensionNumber; self.event = event
    }
}

/// What came of one phone's NOTIFY.
public enum ResyncOutcome: Hashable, Sendable {
    /// A final answer: 200 OK, 404 Not Found (the user is not registered), 481, 489…
    case answered(status: Int, reason: String)
    /// No final answer before timer F (`milliseconds`); `provisional` is the 1xx answer that came
    /// meanwhile ("100 Trying"), if any: the server took the NOTIFY but nothing answered it.
    case timedOut(milliseconds: Int, provisional: String? = nil)
    /// Nothing could be sent: the SIP server's name did not resolve, or it refused (ICMP).
    case unreachable(String)

    public var isOK: Bool { if case .answered(200, _) = self { return true }; return false }

    /// "200 OK", "404 Not Found (not registered)", "timeout (no answer in 32 s)",
    /// "timeout (100 Trying, then no final answer in 0.5 s)".
    public var text: String {
        switch self {
        case .answered(let status, let reason):
            let word = reason.isEmpty ? "\(status)" : "\(status) \(TerminalText.escaped(String(reason.prefix(80)), keepNewlines: false))"
            // A registrar's 404 for a NOTIFY means it has no contact for the user (RFC 3261 10.3).
            return status == 404 ? "\(word) (not registered)" : word
        case .timedOut(let milliseconds, let provisional):
            let time = Self.seconds(milliseconds)
            guard let provisional else { return "timeout (no answer in \(time))" }
            return "timeout (\(TerminalText.escaped(String(provisional.prefix(40)), keepNewlines: false)), then no final answer in \(time))"
        case .unreachable(let why): return why
        }
    }

    /// One word for a list of phones: "404", "timeout", "unreachable".
    public var word: String {
        switch self {
        case .answered(let status, _): return "\(status)"
        case .timedOut: return "timeout"
        case .unreachable: return "unreachable"
        }
    }

    /// "32 s", "1.25 s", "0.04 s": exact to the millisecond, no trailing zeros.
    static func seconds(_ milliseconds: Int) -> String {
        var fraction = String(milliseconds % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(milliseconds / 1000)" + (fraction.isEmpty ? "" : "." + fraction) + " s"
    }
}

/// Which of the named phones a resync can reach, and why the others cannot.
public struct ResyncPlan: Equatable, Sendable {
    public var targets: [ResyncTarget] = []
    /// The phones refused, with the reason ("has no user: nothing to send the NOTIFY to").
    public var refused: [(phone: Phone, reason: String)] = []

    public static func == (a: ResyncPlan, b: ResyncPlan) -> Bool {
        a.targets == b.targets && a.refused.map(\.phone) == b.refused.map(\.phone) && a.refused.map(\.reason) == b.refused.map(\.reason)
    }

    public init(phones: [Phone]) {
        for phone in phones {
            if phone.mac == nil {
                refused.append((phone, "is awaiting delivery: there is no phone to resync yet"))
            } else if let user = phone.userExtension, !user.isEmpty {
                let brand = phone.model?.brand ?? .yealink
                targets.append(ResyncTarget(phoneID: phone.id, name: phone.name, extensionNumber: user, event: ResyncEvent.event(for: brand)))
            } else {
                refused.append((phone, "has no user: nothing to send the NOTIFY to"))
            }
        }
    }

    /// "\"Biuro 12\" has no user: nothing to send the NOTIFY to"
    public static func refusal(_ phone: Phone, _ reason: String) -> String { "\"\(phone.name)\" \(reason)" }
}
