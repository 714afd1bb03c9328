import Foundation

/// What an operator may do. `edit` changes phones; `admin` also settings, templates, images and
/// operators (and phones); `buy` the shop's payment step. Everyone may look.
public enum OperatorRole: String, Codable, CaseIterable, Sendable, Comparable {
    case view, edit, admin, buy

    public static func < (a: OperatorRole, b: OperatorRole) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// What needing this role is called in a refusal: "editing needs edit".
    public var activity: String {
        switch self {
        case .view: return "looking"
        case .edit: return "editing"
        case .admin: return "administration"
        case .buy: return "paying"
        }
    }

    /// "view,edit" → [view, edit]; nil and the problem for anything else.
    public static func parseList(_ text: String) -> Result<[OperatorRole], OperatorProblem> {
        let words = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var roles: Set<OperatorRole> = []
        for word in words {
            guard let role = OperatorRole(rawValue: word) else {
                return .failure("unknown role \"\(word)\"; roles are view, edit, admin and buy (several with commas: edit,buy)")
            }
            roles.insert(role)
        }
        return .success(roles.sorted())
    }
}

/// The roles a run has: an operator's, or every role for the account owner at the console.
public struct Rights: Equatable, Sendable {
    public var roles: Set<OperatorRole>
    public init(_ roles: some Sequence<OperatorRole>) { self.roles = Set(roles) }

    /// A local run without `--operator`: the account owner, allowed everything (as before operators).
    public static let local = Rights(OperatorRole.allCases)

    public func allows(_ needed: OperatorRole) -> Bool {
        switch needed {
        case .view: return true
        case .edit: return roles.contains(.edit) || roles.contains(.admin)
        case .admin: return roles.contains(.admin)
        case .buy: return roles.contains(.buy)
        }
    }

    /// "view, buy" — the roles as the refusal names them.
    public var names: String { roles.isEmpty ? "view" : roles.sorted().map(\.rawValue).joined(separator: ", ") }

    /// nil when allowed; else "your role is view: editing needs edit".
    public func refusal(_ needed: OperatorRole) -> String? {
        guard !allows(needed) else { return nil }
        return Rights.refusal(names: names, plural: roles.count > 1, needed: needed)
    }

    /// The refusal's English text (the panel translates it from the same parts).
    public static func refusal(names: String, plural: Bool, needed: OperatorRole) -> String {
        "your \(plural ? "roles are" : "role is") \(names): \(needed.activity) needs \(needed.rawValue)"
    }
}

/// Why an operators change or key was refused: the message, worded for the person at the keyboard.
public struct OperatorProblem: Error, Equatable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let message: String
    public init(stringLiteral value: String) { message = value }
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
