import Foundation

extension Store {
    /// Brings an account of an older phonedesk to per-phone URLs (docs/provisioning.md "The old
    /// account URL"): every phone without a secret gets one (phones.json is written whole, with
    /// this schema), the background images move from `<token>/backgrounds/` to `.images/`, and
    /// when the old account directory exists — phones in the field may fetch from it — the old
    /// URL stays open, serving files that point each phone at its own URL, until the operator
    /// closes it. Nothing happens for an account that is current (false). Call with the lock held;
    /// after a migration every phone's files are regenerated (the caller's `syncAll`), which also
    /// replaces the old files under `<token>/` — SIP passwords in them — with the moving ones.
    @discardableResult
    func migrateToPhoneSecrets() throws(StoreError) -> SecretsMigration {
        guard var state = try currentPhones(), state.newerSchema == nil else { return .none }
        let missing = state.document.phones.positionsWithoutSecret
        let oldSchema = state.document.schemaVersion < PhonesDocument.knownSchema
        guard !missing.isEmpty || oldSchema else { return .none }
        guard let accountFile = try account.read(), accountFile.newerSchema == nil else { return .none }
        for position in missing {
            var phone = state.document.phones[position]
            phone.secret = Secrets.phoneSecret()
            state.document.phones[position] = phone
        }
        try writePhonesBase(&state)
        var document = accountFile.document
        let tree = try provisioner.tree(document.account)
        let legacy = try provisioner.legacyRoot(document.account)
        if document.account.legacyURL == nil, ServedDirectories.isDirectory(legacy.path) {
            document.account.legacyURL = true
            document.account.legacyPhonesBelow = state.document.nextID
            document = try account.write(document)
        }
        for image in try backgrounds.read()?.document.backgrounds ?? [] where !ServedDirectories.exists(Provisioner.imagePath(image.file, tree: tree).path) {
            let old = legacy.appendingPathComponent("backgrounds").appendingPathComponent(image.file)
            guard let bytes = BackgroundLibrary.readServed(old) else { continue }
            _ = try provisioner.writeImage(bytes, file: image.file, account: document.account)
        }
        return oldSchema ? .account : .phones
    }

    /// What `migrateToPhoneSecrets` did: nothing, secrets for phones added by hand without one,
    /// or an account of phonedesk 0.2 migrated.
    enum SecretsMigration { case none, phones, account }
}
