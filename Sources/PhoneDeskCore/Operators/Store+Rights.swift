import Foundation

extension Store {
    /// operators.json's identity, size and time: a panel notices an admin's change by it.
    public func operatorsFingerprint() -> [Int] { operatorsFile.fingerprint() }

    /// The roles the operator making changes has now: nil once an admin removed them; every
    /// role for the account owner at the console.
    public func currentRights() throws(StoreError) -> Rights? {
        let name = actor.name
        guard name != AuditActor.local.name else { return .local }
        return try operators().first(where: { $0.name == name }).map { Rights($0.roles) }
    }

    /// Checks, under the lock, that the operator making a change may still make it. The panel
    /// and the command checked the roles they started with; an admin may have changed them or
    /// removed the operator since, and a change must not go through on a role that is gone.
    /// The account owner at the console (no `--operator`) may do everything.
    func authorize(_ needed: OperatorRole) throws(StoreError) {
        let name = actor.name
        guard name != AuditActor.local.name else { return }
        guard let person = try operators().first(where: { $0.name == name }) else {
            throw .notAllowed("an admin removed operator \"\(name)\" from this account; nothing was saved")
        }
        // Short enough for an 80-column status line: "now" says an admin changed it.
        if let refusal = Rights(person.roles).refusal(needed) {
            throw .notAllowed(refusal.replacingOccurrences(of: "your role is ", with: "your role is now ")
                .replacingOccurrences(of: "your roles are ", with: "your roles are now ") + "; nothing was saved")
        }
    }
}
