import Foundation

extension Store {
    /// Checks, under the lock, that the operator making a change may still make it. The panel
    /// and the command checked the roles they started with; an admin may have changed them or
    /// removed the operator since, and a change must not go through on a role that is gone.
    /// The account owner at the console (no `--operator`) may do everything.
    func authorize(_ needed: OperatorRole) throws(StoreError) {
        let name = actor.name
        guard name != AuditActor.local.name else { return }
        guard let person = try operators().first(where: { $0.name == name }) else {
            throw .notAllowed("operator \"\(name)\" is no longer on this account (an admin removed them), so nothing was saved")
        }
        if let refusal = Rights(person.roles).refusal(needed) {
            throw .notAllowed("\(refusal) (an admin changed it since you started), so nothing was saved")
        }
    }
}
