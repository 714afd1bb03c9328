import Foundation

/// The store's change entry points call these under the lock, before they write: the audit line
/// is on disk first, and a line that cannot be written refuses the change.
extension Store {
    /// Who the changes are made as (an operator over SSH, or "local").
    public var actor: AuditActor {
        get { audit.actor }
        set { audit.actor = newValue }
    }

    func audited(_ entries: [AuditEntry]) throws(StoreError) { try audit.append(entries) }

    /// One entry: `action` on an object, with the fields that differ between `before` and `after`.
    func audited<T: Encodable>(_ action: String, id: String?, name: String?, before: T?, after: T?) throws(StoreError) {
        try audited([AuditEntry(action: action, objectID: id, objectName: name, fields: AuditDiff.fields(before, after))])
    }

    /// A list document change (backgrounds, templates, users, operators): an entry per item
    /// added, removed or changed, keyed by `key`.
    func auditedList<T: Encodable & Equatable>(_ kind: String, before: [T], after: [T], key: (T) -> String) throws(StoreError) {
        var entries: [AuditEntry] = []
        let old = Dictionary(before.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        for name in Set(old.keys).union(new.keys).sorted() where old[name] != new[name] {
            let action = old[name] == nil ? "add" : new[name] == nil ? "delete" : "edit"
            entries.append(AuditEntry(action: "\(kind).\(action)", objectName: name, fields: AuditDiff.fields(old[name], new[name])))
        }
        try audited(entries)
    }

    /// The phones a change adds, edits or deletes, one entry each (written in one append).
    func auditPhones(_ change: PhoneChange, plan: Plan, document: PhonesDocument) throws(StoreError) {
        // Not a switch: a change added later is audited as an edit without a new line here.
        var verb = "edit"
        if case .delete = change { verb = "delete" }
        if case .rotateSecret = change { verb = "new-url" }
        if case .bulk = change { verb = "bulk-edit" }
        var entries = plan.put.map { phone in
            let old = document.phone(id: phone.id)
            return AuditEntry(action: "phone." + (old == nil ? "add" : verb), objectID: "\(phone.id)", objectName: phone.name,
                              fields: AuditDiff.fields(old, phone))
        }
        for id in plan.deleted {
            let old = document.phone(id: id)
            entries.append(AuditEntry(action: verb == "bulk-edit" ? "phone.bulk-delete" : "phone.delete", objectID: "\(id)",
                                      objectName: old?.name, fields: AuditDiff.fields(old, Phone?.none)))
        }
        try audited(entries)
    }

    /// Settings documents, written after their audit entries.
    func writeAccount(_ document: AccountDocument, was: Account) throws(StoreError) -> Account {
        try audited("settings.account", id: nil, name: was.name, before: was, after: document.account)
        return try account.write(document).account
    }

    func writeBackgrounds(_ document: BackgroundsDocument, was: [BackgroundImage]) throws(StoreError) -> [BackgroundImage] {
        try auditedList("background", before: was, after: document.backgrounds, key: \.name)
        return try backgrounds.write(document).backgrounds
    }

    func writeTemplates(_ document: TemplatesDocument, was: [ConfigTemplate]) throws(StoreError) -> [ConfigTemplate] {
        try auditedList("template", before: was, after: document.templates, key: \.name)
        return try templates.write(document).templates
    }

    /// Phones added outside `apply` (an import, an order), one entry each.
    func auditAdded(_ phones: [Phone], action: String) throws(StoreError) {
        try audited(phones.map { AuditEntry(action: action, objectID: "\($0.id)", objectName: $0.name, fields: AuditDiff.fields(Phone?.none, $0)) })
    }
}
