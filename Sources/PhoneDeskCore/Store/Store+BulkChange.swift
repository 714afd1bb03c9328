extension Store {
    /// The pure part of a bulk change: every phone checked against the file as it is now, and
    /// every problem collected (not just the first) so the operator sees all the phones at once.
    static func planBulk(_ bulk: BulkChange, document: PhonesDocument, data: AccountData) -> Result<Plan, ChangeRejection> {
        var plan = Plan(nextID: document.nextID)
        var problems: [PhoneProblem] = []
        var fresh = data
        fresh.phones = document.phones
        for ref in bulk.phones {
            guard let phone = document.phone(id: ref.id) else {
                // Already deleted is what a delete wanted; an edit of it is lost.
                if case .edit = bulk.action { problems.append(PhoneProblem(name: "#\(ref.id)", reason: .gone)) }
                continue
            }
            if phone.revision != ref.revision {
                problems.append(PhoneProblem(name: phone.name, reason: .stale))
                continue
            }
            switch bulk.action {
            case .delete:
                plan.deleted.append(phone.id)
            case .edit(let bulkEdit, let skipUnfit):
                let fitted = skipUnfit ? bulkEdit.fitted(to: phone, templates: data.templates) : bulkEdit
                let edit = fitted.edit(of: phone)
                let errors = PhoneRules.validateEdit(edit, of: phone, account: fresh)
                if let first = PhoneField.allCases.compactMap({ errors[$0] }).first {
                    problems.append(PhoneProblem(name: phone.name, reason: .invalid(first)))
                    continue
                }
                var updated = edit.applyingKeys(to: phone)
                updated.userExtension = edit.userExtension
                updated.background = edit.background
                updated.template = edit.template
                guard updated != phone else { continue }
                guard let revision = phone.revision.plus(1) else {
                    problems.append(PhoneProblem(name: phone.name, reason: .invalid("at the largest revision there is")))
                    continue
                }
                updated.revision = revision
                plan.put.append(updated)
            }
        }
        return problems.isEmpty ? .success(plan) : .failure(.several(problems))
    }
}
