import Foundation

/// An operators change: made under the store lock, audited first (and again as not made if a
/// write then fails), authorized_keys written
/// before operators.json (a removal revokes the key before the list forgets the operator).
public enum OperatorChange: Equatable, Sendable {
    case add(name: String, roles: [OperatorRole], keyText: String)
    case remove(name: String)
    case setRoles(name: String, roles: [OperatorRole])
}

extension Store {
    var operatorsFile: DocumentFile<OperatorsDocument> { DocumentFile(in: directory) }

    /// The operators (none for an account that has never had any).
    public func operators() throws(StoreError) -> [Operator] { try operatorsFile.read()?.document.operators ?? [] }

    /// The operator named `name`, or the message for an unknown one.
    public func resolveOperator(_ name: String) throws(StoreError) -> Result<Operator, OperatorProblem> {
        if let person = try operators().first(where: { $0.name == name }) { return .success(person) }
        return .failure("unknown operator \"\(name)\"; `phonedesk operators list` shows them, `phonedesk operators add` adds one")
    }

    /// Applies `change`; the failure is the message for a refused one (nothing written).
    public func apply(_ change: OperatorChange, keys: AuthorizedKeys, executable: String) throws(StoreError) -> Result<[Operator], OperatorProblem> {
        try locked { () throws(StoreError) -> Result<[Operator], OperatorProblem> in
            try authorize(.admin)
            let loaded = try operatorsFile.read()
            if let newer = loaded?.newerSchema { return .failure(OperatorProblem(newer.description)) }
            var document = loaded?.document ?? OperatorsDocument()
            let before = document.operators
            switch change {
            case .add(let name, let roles, let keyText):
                if let problem = OperatorRules.nameProblem(name) { return .failure(OperatorProblem(problem)) }
                if before.contains(where: { $0.name == name }) {
                    return .failure("operator \"\(name)\" exists; `phonedesk operators role \(name) ROLE` changes their roles, `remove` then `add` their key")
                }
                let key: PublicKey
                switch PublicKey.parse(keyText) {
                case .success(let parsed): key = parsed
                case .failure(let problem): return .failure("the key file \(problem.message)")
                }
                if let owner = before.first(where: { $0.key == key.line }) {
                    return .failure("this key is already operator \"\(owner.name)\"'s; each operator needs their own key")
                }
                if let line = try keys.foreignLine(for: key, dataDirectory: directory.path) {
                    return .failure("this key is already in \(keys.path) (line \(line)) as a login of its own, which sshd would use instead of the panel; remove that line first or give another key")
                }
                guard !roles.isEmpty else { return .failure("give at least one role (--role view, edit, admin or buy)") }
                document.operators.append(Operator(name: name, roles: roles, key: key.line, comment: key.comment))
            case .remove(let name):
                guard before.contains(where: { $0.name == name }) else { return .failure("unknown operator \"\(name)\"; `phonedesk operators list` shows them") }
                document.operators.removeAll { $0.name == name }
            case .setRoles(let name, let roles):
                guard let index = before.firstIndex(where: { $0.name == name }) else {
                    return .failure("unknown operator \"\(name)\"; `phonedesk operators list` shows them")
                }
                guard !roles.isEmpty else { return .failure("give at least one role (view, edit, admin or buy)") }
                document.operators[index].roles = roles
            }
            // The symlink and path checks first: a refused authorized_keys changes nothing and is not audited.
            _ = try keys.lines()
            // The directory as the file system names it: one line per operator however --data was spelled.
            let dataDirectory = AuthorizedKeys.canonical(directory.path)
            for path in [executable, dataDirectory] {
                if let problem = AuthorizedKeys.pathProblem(path) { return .failure(OperatorProblem(problem)) }
            }
            try auditedList("operator", before: before, after: document.operators, key: \.name)
            try keys.write(document.operators, executable: executable, dataDirectory: dataDirectory)
            // operators.json not written: authorized_keys goes back, so no key line outlives the change.
            do throws(StoreError) { return .success(try operatorsFile.write(document).operators) } catch {
                try? keys.write(before, executable: executable, dataDirectory: dataDirectory)
                throw error
            }
        }
    }
}
