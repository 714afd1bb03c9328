import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One change an operator asks of the phones; applied to the file's *current* state under the lock.
public enum PhoneChange: Equatable, Sendable {
    case add(NewPhone)
    /// `baseRevision` is the phone's revision when the operator opened it: a mismatch is stale.
    case update(id: Int, baseRevision: Int, PhoneEdit)
    case delete(id: Int, baseRevision: Int)
    /// A new secret (and URL) for the phone; its old URL answers 404 once saved.
    case rotateSecret(id: Int, baseRevision: Int)
    /// Many phones edited or deleted in one operation: all of them or none.
    case bulk(BulkChange)
}

/// Why a change was not written; the operator's input is kept so nothing is lost.
public enum ChangeRejection: Equatable, Sendable, Error {
    case invalid(FieldErrors)
    /// Another operator saved this phone since it was opened; `changes` says what they changed.
    case stale(current: Phone, changes: [String])
    case gone(name: String)
    case readOnly(String)
    /// A counter from the file is at the largest integer: no more ids, or no more revisions.
    case exhausted(String)
    /// A bulk change stopped by these phones (stale, gone or unable to take it); nothing written.
    case several([PhoneProblem])

    public var message: String {
        switch self {
        case .several(let problems):
            let more = problems.count > 3 ? "; and \(problems.count - 3) more" : ""
            return "Nothing saved: " + problems.prefix(3).map(\.message).joined(separator: "; ") + more + "."
        case .exhausted(let reason): return "Not saved: \(reason)."
        case .invalid(let errors):
            return PhoneField.allCases.compactMap { errors[$0] }.first ?? "The form has errors."
        case .stale(let current, let changes):
            let what = changes.isEmpty ? "saved it" : changes.joined(separator: "; ")
            return "Not saved: another operator changed \"\(current.name)\" meanwhile (\(what)). Review and submit again."
        case .gone(let name): return "Not saved: \"\(name)\" was deleted by another operator."
        case .readOnly(let reason): return "Not saved: \(reason)"
        }
    }
}

public struct ChangeOutcome: Equatable, Sendable {
    public var data: AccountData
    /// The phone added or edited (nil after a delete).
    public var phoneID: Int?
    /// Set when the data was saved but a provisioning file could not be written.
    public var warning: String?

    public init(data: AccountData, phoneID: Int?, warning: String? = nil) {
        self.data = data; self.phoneID = phoneID; self.warning = warning
    }
}

/// The data directory: JSON documents, one lock, crash-safe writes (DESIGN.md "Store rules").
public final class Store: Sendable {
    public let directory: URL
    let lock: FileLock
    let account: DocumentFile<AccountDocument>

    /// account.json alone, as it is now (nil when it cannot be read): for a setting another
    /// process may have changed (a resync's SIP server), without reading 100,000 phones.
    public func currentAccount() -> Account? { (try? account.read())?.document.account }
    let users: DocumentFile<UsersDocument>
    let phones: DocumentFile<PhonesDocument>
    let backgrounds: DocumentFile<BackgroundsDocument>
    let templates: DocumentFile<TemplatesDocument>
    let orders: DocumentFile<OrdersDocument>
    let cart: DocumentFile<CartDocument>
    let journal: PhonesJournal
    /// What this store last read of the phones (see PhonesJournal).
    let phonesCache = Mutex<PhonesJournal.State?>(nil)
    let provisioner: Provisioner
    /// Every change is recorded here first (Store+Audit.swift); it also says who is changing.
    public let audit: AuditLog

    public init(directory: URL, lockTimeout: Double = 3) {
        self.directory = directory
        lock = FileLock(path: directory.appendingPathComponent(".lock").path, timeout: lockTimeout)
        account = DocumentFile(in: directory)
        users = DocumentFile(in: directory)
        phones = DocumentFile(in: directory)
        backgrounds = DocumentFile(in: directory)
        templates = DocumentFile(in: directory)
        orders = DocumentFile(in: directory)
        cart = DocumentFile(in: directory)
        journal = PhonesJournal(in: directory)
        provisioner = Provisioner(dataDirectory: directory)
        audit = AuditLog(directory: directory)
    }

    /// Opens a data directory: creates it (0700) and seeds the demo account when it is missing or
    /// empty, and removes temp files a killed writer left behind. An existing directory with
    /// other files but no account.json is refused before anything (even `.lock`) is created in
    /// it, and a directory phonedesk did not create keeps its mode.
    public static func open(directory: URL, seed: Seed = .demo, lockTimeout: Double = 3) throws(StoreError) -> Store {
        umask(0o077)
        let fresh = try prepare(directory)
        let store = Store(directory: directory, lockTimeout: lockTimeout)
        try store.locked { () throws(StoreError) in
            AtomicFile.removeLeftovers(in: directory, targets: Self.ownFiles)
            // Checked again under the lock: another process may have seeded it meanwhile.
            if fresh && !FileManager.default.fileExists(atPath: store.account.path) { try store.seed(seed) }
        }
        return store
    }

    /// Creates a missing directory (0700) or checks an existing one; true when it must be seeded
    /// (new, or empty but for phonedesk's own lock file and temp files of a killed first run).
    private static func prepare(_ directory: URL) throws(StoreError) -> Bool {
        let path = directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch { throw .io(path: path, detail: "cannot create the data directory: \(error.localizedDescription)") }
            return true
        }
        guard isDirectory.boolValue else { throw .io(path: path, detail: "is not a directory") }
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent(AccountDocument.fileName).path) { return false }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .io(path: path, detail: "cannot list the data directory: \(error.localizedDescription)")
        }
        let ours = { (name: String) in name == ".lock" || AtomicFile.isLeftover(name, targets: ownFiles) }
        guard names.allSatisfy(ours) else { throw .notAnAccount(path: path) }
        return true
    }

    /// The files phonedesk writes in the data directory by `AtomicFile.write`: only their temp
    /// files are phonedesk's leftovers (see `AtomicFile.isLeftover`).
    static let ownFiles: Set<String> = {
        let files = [AccountDocument.fileName, UsersDocument.fileName, PhonesDocument.fileName, BackgroundsDocument.fileName,
                     TemplatesDocument.fileName, OrdersDocument.fileName, CartDocument.fileName,
                     ProvisioningManifest.fileName, PhonesJournal.fileName, OperatorsDocument.fileName]
        // A transaction stages ".pending-" + any of them (an order empties the journal too).
        return Set(files + files.map { PendingTransaction.stagedPrefix + $0 } + [PendingTransaction.fileName])
    }()

    public enum Seed: Sendable { case demo, empty }

    /// What interrupted writes left in the provisioning tree: phone directories being built
    /// (`.new-<secret>`) or removed (`.gone-<secret>`), and temp files in every directory. Run
    /// by `provision`, not at every start: the tree can hold 100,000 directories, and a leftover
    /// dot name there is never served (nginx answers 404 for dot names).
    func removeProvisioningLeftovers(tree served: ProvisioningTree) {
        let root = served.directory
        for name in ServedDirectories.names(in: root) {
            let path = root + "/" + name
            if name.hasPrefix(".new-") || name.hasPrefix(".gone-") {
                ServedDirectories.remove(path, in: root)
            } else if ServedDirectories.isDirectory(path) {
                AtomicFile.removeLeftovers(in: URL(fileURLWithPath: path))
            }
        }
        AtomicFile.removeLeftovers(in: URL(fileURLWithPath: root))
    }

    private func seed(_ seed: Seed) throws(StoreError) {
        // The re-provisioning lock exists from the start, so a command refused later (a damaged
        // file) leaves the directory exactly as it was, not with a new empty lock file in it.
        let passLock = try FileLock.openLockFile(directory.appendingPathComponent(Self.reprovisionLockName).path)
        close(passLock)
        switch seed {
        case .demo:
            try account.write(AccountDocument(account: DemoAccount.account()))
            try users.write(UsersDocument(users: DemoAccount.users()))
            try phones.write(PhonesDocument(phones: DemoAccount.phones()))
        case .empty:
            var empty = DemoAccount.account()
            empty.name = "New account"
            empty.addresses = []
            empty.cards = []
            empty.balance.cents = 0
            try account.write(AccountDocument(account: empty))
            try users.write(UsersDocument(users: []))
            try phones.write(PhonesDocument(phones: []))
        }
        try backgrounds.write(BackgroundsDocument())
        try templates.write(TemplatesDocument())
        try provisioner.syncAll(try load().data)
    }

    /// What `load` returns: the data, and why parts of it must not be written (newer schema).
    public struct Loaded: Equatable, Sendable {
        public var data: AccountData
        public var readOnly: [String]
    }

    public func load() throws(StoreError) -> Loaded { try readAll().loaded }

    /// phones.json above which the panel draws its first screen from the file's first phones
    /// and loads the rest in the background.
    public static let progressiveBytes = 1 << 20

    /// For a large account, everything but phones.json in full and only its first `limit`
    /// phones — enough to draw a screen while `load` runs in the background. Nil for a small
    /// account (load it whole) or a file the quick reader does not understand.
    public func loadFirstPhones(limit: Int) throws(StoreError) -> Loaded? {
        var info = stat()
        guard stat(phones.path, &info) == 0, Int(info.st_size) > Self.progressiveBytes,
              // The first phones sit in the first few hundred bytes each: no need to read 15 MB.
              let bytes = try DocumentFile<PhonesDocument>.readBytes(phones.path, limit: limit * 1_024 + 4_096),
              let first = PhonesReader.prefix(bytes, limit: limit) else { return nil }
        guard let accountFile = try account.read() else { return nil }
        let data = AccountData(account: accountFile.document.account, users: try users.read()?.document.users ?? [],
                               phones: PhoneList(first), backgrounds: try backgrounds.read()?.document.backgrounds ?? [],
                               templates: try templates.read()?.document.templates ?? [],
                               cart: try cart.read()?.document.lines ?? [], orders: try orders.read()?.document.orders ?? [])
        return Loaded(data: data, readOnly: [])
    }

    /// Everything, plus the phones file as read (so a save does not read the big file twice).
    func readAll() throws(StoreError) -> (loaded: Loaded, phones: PhonesJournal.State?) {
        var readOnly: [String] = []
        func note(_ error: StoreError?) { if let error { readOnly.append(error.description) } }
        guard let accountFile = try account.read() else {
            throw .missing(path: account.path, hint: "Run `phonedesk init DIR` or point --data at an account directory.")
        }
        note(accountFile.newerSchema)
        let usersFile = try users.read(); note(usersFile?.newerSchema)
        let phonesFile = try currentPhones(); note(phonesFile?.newerSchema)
        let backgroundsFile = try backgrounds.read(); note(backgroundsFile?.newerSchema)
        let templatesFile = try templates.read(); note(templatesFile?.newerSchema)
        let ordersFile = try orders.read(); note(ordersFile?.newerSchema)
        let cartFile = try cart.read(); note(cartFile?.newerSchema)
        let data = AccountData(account: accountFile.document.account,
                               users: usersFile?.document.users ?? [],
                               phones: phonesFile?.document.phones ?? [],
                               backgrounds: backgroundsFile?.document.backgrounds ?? [],
                               templates: templatesFile?.document.templates ?? [],
                               cart: cartFile?.document.lines ?? [],
                               orders: ordersFile?.document.orders ?? [])
        return (Loaded(data: data, readOnly: readOnly), phonesFile)
    }

    /// Changes whenever any document is replaced; polled to show other operators' saves.
    public func fingerprint() -> [Int] {
        account.fingerprint() + users.fingerprint() + phones.fingerprint() + Self.identity(journal.path)
            + backgrounds.fingerprint() + templates.fingerprint() + orders.fingerprint() + cart.fingerprint()
    }

    /// Applies one change to the phones as they are on disk now. Edits of different phones merge;
    /// an edit based on a stale copy of the same phone is rejected with what changed.
    public func apply(_ change: PhoneChange) throws(StoreError) -> Result<ChangeOutcome, ChangeRejection> {
        try locked { () throws(StoreError) -> Result<ChangeOutcome, ChangeRejection> in
            try authorize(.edit)
            let (current, phonesState) = try readAll()
            guard var state = phonesState else {
                throw .missing(path: phones.path, hint: "Run `phonedesk init DIR` to create an account.")
            }
            if let newer = state.newerSchema { return .failure(.readOnly(newer.description)) }
            var data = current.data
            let plan: Plan
            switch Self.plan(change, document: state.document, data: data) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let decided): plan = decided
            }
            let phoneID = plan.phoneID
            let before = data
            // A bulk change that changes nothing regenerates nothing.
            if case .bulk = change, plan.put.isEmpty && plan.deleted.isEmpty { return .success(ChangeOutcome(data: data, phoneID: phoneID)) }
            try auditPhones(change, plan: plan, document: state.document)
            // Only what changed is written (one journal line on a large account).
            state.document.nextID = plan.nextID
            try commitPhones(&state, put: plan.put, deleted: plan.deleted)
            data.phones = state.document.phones
            return .success(ChangeOutcome(data: data, phoneID: phoneID,
                                          warning: provision(change: change, plan: plan, before: before, after: data)))
        }
    }

    /// Regenerates the changed phone's files; the data is already saved, so a failure here is a
    /// warning for the operator, not a lost edit.
    private func provision(change: PhoneChange, plan: Plan, before: AccountData, after: AccountData) -> String? {
        let ids: [Int]
        switch change {
        case .add: guard let last = after.phones.last else { return nil }; ids = [last.id]
        case .update(let changed, _, _), .delete(let changed, _), .rotateSecret(let changed, _): ids = [changed]
        case .bulk: ids = plan.put.map(\.id) + plan.deleted
        }
        var current: [Phone] = [], gone: [Int] = [], replaced: [Phone] = []
        for id in ids {
            let old = before.phone(id: id)
            let now = after.phone(id: id)
            if let now { current.append(now) } else if old != nil { gone.append(id) }
            // Only a changed MAC or a deleted phone leaves old-URL files to remove.
            if let old, now?.mac != old.mac { replaced.append(old) }
        }
        do throws(StoreError) {
            // Many phones: one sync of the tree at the end instead of an fsync per file.
            try provisioner.update(current, gone: gone, replaced: replaced, in: after, durable: ids.count <= PhonesJournal.bulkLines)
            return nil
        } catch {
            return "Saved, but the provisioning file was not written: \(error.description)"
        }
    }

    /// A file's identity, size and mtime ([0] when missing), for noticing other writers.
    static func identity(_ path: String) -> [Int] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [0] }
        return [Int(info.st_ino), Int(info.st_size), info.st_mtim.tv_sec, info.st_mtim.tv_nsec]
    }

    /// The pure part of `apply`, kept apart so the rules are testable without files.
    /// What a change does to the phones, decided without copying them: the phones to write
    /// (added or changed), the ids to delete, and the phone the operator was working on.
    struct Plan: Equatable {
        var put: [Phone] = []
        var deleted: [Int] = []
        var nextID: Int
        var phoneID: Int?
    }

    /// The pure part of `apply`, kept apart so the rules are testable without files.
    static func plan(_ change: PhoneChange, document: PhonesDocument, data: AccountData) -> Result<Plan, ChangeRejection> {
        var plan = Plan(nextID: document.nextID)
        switch change {
        case .add(let new):
            var errors = FieldErrors()
            if let mac = new.mac, let taken = PhoneRules.macOwner(mac, others: document.phones) { errors[.mac] = taken }
            if let problem = PhoneRules.nameCheck(others: document.phones).run(new.name) { errors[.name] = problem }
            if PhoneCatalog.model(id: new.modelID) == nil { errors[.model] = "Unknown model \"\(new.modelID)\"." }
            if let user = new.userExtension, data.user(user) == nil { errors[.user] = "User \(user) is not on the account." }
            guard errors.isEmpty else { return .failure(.invalid(errors)) }
            guard let next = document.nextID.plus(1) else { return .failure(.exhausted("no more phone ids (nextID is \(document.nextID))")) }
            plan.put = [Phone(id: document.nextID, name: new.name.trimmingSpaces,
                              modelID: new.modelID, mac: new.mac, userExtension: new.userExtension, secret: Secrets.phoneSecret())]
            plan.phoneID = document.nextID
            plan.nextID = next
        case .update(let id, let baseRevision, let edit):
            guard let phone = document.phone(id: id) else { return .failure(.gone(name: edit.name)) }
            if phone.revision != baseRevision { return .failure(.stale(current: phone, changes: [])) }
            var fresh = data
            fresh.phones = document.phones
            let errors = PhoneRules.validateEdit(edit, of: phone, account: fresh)
            guard errors.isEmpty else { return .failure(.invalid(errors)) }
            var updated = edit.applyingKeys(to: phone)
            updated.name = edit.name.trimmingSpaces
            updated.mac = edit.mac
            updated.userExtension = edit.userExtension
            updated.background = edit.background
            updated.template = edit.template
            if updated != phone {
                guard let revision = phone.revision.plus(1) else {
                    return .failure(.exhausted("\"\(phone.name)\" is at the largest revision there is (\(phone.revision))"))
                }
                updated.revision = revision
                plan.put = [updated]
            }
            plan.phoneID = id
        case .rotateSecret(let id, let baseRevision):
            guard var phone = document.phone(id: id) else { return .failure(.gone(name: "#\(id)")) }
            if phone.revision != baseRevision { return .failure(.stale(current: phone, changes: [])) }
            guard let revision = phone.revision.plus(1) else {
                return .failure(.exhausted("\"\(phone.name)\" is at the largest revision there is (\(phone.revision))"))
            }
            phone.secret = Secrets.phoneSecret()
            phone.revision = revision
            plan.put = [phone]
            plan.phoneID = id
        case .delete(let id, let baseRevision):
            guard let phone = document.phone(id: id) else { return .success(plan) }
            if phone.revision != baseRevision { return .failure(.stale(current: phone, changes: [])) }
            plan.deleted = [id]
        case .bulk(let bulk):
            return planBulk(bulk, document: document, data: data)
        }
        return .success(plan)
    }

}
