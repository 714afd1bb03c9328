import Synchronization

/// A new card's details. They live in memory only, from the card window to the charge.
public struct CardDetails: Equatable, Sendable, CustomStringConvertible {
    public var number: String
    public var expiry: YearMonth
    public var cvc: String
    public var name: String
    public init(number: String, expiry: YearMonth, cvc: String, name: String) {
        self.number = CardRules.digits(number); self.expiry = expiry; self.cvc = cvc; self.name = name
    }
    public var brand: CardBrand? { CardRules.brand(of: number) }
    public var last4: String { String(number.suffix(4)) }
    /// Never the number or the CVC, so logging a value cannot leak them.
    public var description: String { CardRules.masked(brand: brand?.rawValue ?? "Card", last4: last4) }
}

public enum ChargeSource: Equatable, Sendable {
    case newCard(CardDetails)
    /// A saved card's gateway token.
    case token(String)
}

public struct ChargeRequest: Equatable, Sendable {
    public var idempotencyKey: String
    public var amount: Money
    public var source: ChargeSource
    /// Ask the gateway for a reusable token (Save card).
    public var tokenize: Bool
    public init(idempotencyKey: String, amount: Money, source: ChargeSource, tokenize: Bool) {
        self.idempotencyKey = idempotencyKey; self.amount = amount; self.source = source; self.tokenize = tokenize
    }
}

public enum ChargeOutcome: Equatable, Sendable {
    case approved(chargeID: String, cardToken: String?)
    case declined(String)
}

/// The boundary to a card processor. Implementations must honour the idempotency key: the same
/// key charges at most once and returns the first outcome again.
public protocol PaymentGateway: Sendable {
    func charge(_ request: ChargeRequest) -> ChargeOutcome
}

/// Behaves like a processor's test mode: 4242 4242 4242 4242 approves, 4000 0000 0000 0002 is
/// declined, 4000 0000 0000 9995 fails for insufficient funds, any other valid number approves.
public final class SandboxGateway: PaymentGateway {
    private let seen = Mutex<[String: ChargeOutcome]>([:])
    private let charges = Mutex<Int>(0)

    public init() {}

    /// How many charges were really made (tests check Pay never charges twice).
    public var chargeCount: Int { charges.withLock { $0 } }

    public func charge(_ request: ChargeRequest) -> ChargeOutcome {
        seen.withLock { seen in
            if let earlier = seen[request.idempotencyKey] { return earlier }
            let outcome = Self.decide(request)
            if case .approved = outcome { charges.withLock { $0 += 1 } }
            seen[request.idempotencyKey] = outcome
            return outcome
        }
    }

    static func decide(_ request: ChargeRequest) -> ChargeOutcome {
        let id = "ch_sandbox_\(Secrets.random(14, from: Array("abcdefghijklmnopqrstuvwxyz0123456789")))"
        switch request.source {
        case .token(let token):
            return token.hasPrefix("tok_") ? .approved(chargeID: id, cardToken: token) : .declined("unknown saved card")
        case .newCard(let card):
            switch card.number {
            case "4000000000000002": return .declined("card declined")
            case "4000000000009995": return .declined("insufficient funds on the card")
            default:
                guard CardRules.numberProblem(card.number) == nil else { return .declined("invalid card number") }
                let token = request.tokenize ? "tok_sandbox_\(Secrets.random(16, from: Array("abcdefghijklmnopqrstuvwxyz0123456789")))" : nil
                return .approved(chargeID: id, cardToken: token)
            }
        }
    }
}
