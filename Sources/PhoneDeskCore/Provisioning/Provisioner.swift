import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `Provisioner.status` found: phone ids whose files are missing or older than their data,
/// phones recorded with files that now have none (no MAC), and recorded ids no phone has.
struct ProvisioningStatus: Equatable, Sendable {
    var outOfDate: [Int] = []
    var withoutFiles: [Int] = []
    var gone: [Int] = []

    var isCurrent: Bool { outOfDate.isEmpty && withoutFiles.isEmpty && gone.isEmpty }
}

/// Writes the served tree (docs/provisioning.md "Layout"):
///
/// - `<tree>/<secret>/` per phone: the files it fetches, named as its vendor names them, and its
///   background image (a hard link). The secret is the phone's own, so knowing one phone's URL
///   reveals nothing of another's; the directory is phonedesk's alone.
/// - `<tree>/.images/`: the background images (a dot directory: nginx serves none).
/// - `<tree>/<token>/` only while the old account URL is open (`Account.legacyURL`): per phone,
///   files that point it at its own URL (`ProvisioningRenderer.bridgeFiles`).
///
/// Each file is replaced atomically; a new phone directory is built under a dot name and renamed
/// into place, and a directory that goes is renamed out first, so a URL is whole or 404, never half.
/// What was written is recorded in the manifest (`ProvisioningManifest`).
struct Provisioner: Sendable {
    let dataDirectory: URL

    static let imagesDirectory = ".images"

    /// `<tree>/<token>`: the old account-wide directory. A token that is not 22 URL-safe
    /// characters is refused, so a hand-edited account.json ("../..") never names a path.
    func legacyRoot(_ account: Account) throws(StoreError) -> URL {
        URL(fileURLWithPath: try tree(account).directory).appendingPathComponent(account.token)
    }

    /// The account's served tree, checked: a token of the wrong shape, or an outside directory
    /// that is the data directory, inside it or above it (a hand-edited account.json), is refused
    /// before anything is written.
    func tree(_ account: Account) throws(StoreError) -> ProvisioningTree {
        guard Secrets.isAccountToken(account.token) else {
            throw .corrupt(path: dataDirectory.appendingPathComponent("account.json").path,
                           detail: "the account token is not 22 URL-safe characters (A-Z a-z 0-9 - _)")
        }
        let tree = ProvisioningTree(account, dataDirectory: dataDirectory)
        if let outside = account.provisioningDirectory, let problem = ProvisioningTreeRules.directoryProblem(outside, dataDirectory: dataDirectory) {
            throw .corrupt(path: dataDirectory.appendingPathComponent("account.json").path, detail: "account.provisioningDirectory \(problem)")
        }
        return tree
    }

    /// Creates the tree and `.images` when missing and returns the tree's path with the modes
    /// its files get. The default tree: directories 0700, as the data directory. An outside tree:
    /// the tree and `.images` are kept 0750 with the group, missing parents are created so
    /// (existing parents are the operator's and keep their modes); when the group cannot be
    /// given, everything is private (0700/0600) and `modes.problem` says why.
    func ensureTree(_ account: Account) throws(StoreError) -> (root: String, modes: ServedModes) {
        let tree = try tree(account)
        guard tree.isOutside else {
            do {
                try FileManager.default.createDirectory(atPath: tree.directory + "/" + Self.imagesDirectory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch { throw .io(path: tree.directory, detail: "cannot create the provisioning directory: \(error.localizedDescription)") }
            return (tree.directory, .private)
        }
        var modes = ServedModes.of(tree)
        // nginx must traverse the missing parents too.
        var directories = [tree.directory, tree.directory + "/" + Self.imagesDirectory]
        var missing = URL(fileURLWithPath: tree.directory).deletingLastPathComponent().path
        while missing != "/", !FileManager.default.fileExists(atPath: missing) {
            directories.insert(missing, at: 0)
            missing = URL(fileURLWithPath: missing).deletingLastPathComponent().path
        }
        for path in directories { try ServedDirectories.make(path, modes: &modes, tree: tree) }
        return (tree.directory, modes)
    }

    /// Writes a background image into `.images/` with the tree's modes; returns the group
    /// problem, if any (a warning: the file is written, private).
    func writeImage(_ bytes: Data, file: String, account: Account) throws(StoreError) -> StoreError? {
        let (root, modes) = try ensureTree(account)
        try AtomicFile.write(bytes, to: URL(fileURLWithPath: root + "/" + Self.imagesDirectory + "/" + file), mode: modes.file, group: modes.gid)
        return modes.problem
    }

    /// `.images/<file>` in `tree`.
    static func imagePath(_ file: String, tree: ProvisioningTree) -> URL {
        URL(fileURLWithPath: tree.directory).appendingPathComponent(imagesDirectory).appendingPathComponent(file)
    }

    var manifest: ProvisioningManifest { ProvisioningManifest(in: dataDirectory) }

    typealias Record = ProvisioningManifest.Record

    /// Regenerates the files of `phones` (as they are in `data`: a phone without a MAC now has no
    /// files) and removes the directories of `gone` phone ids. `replaced` are the phones as they
    /// were before (for the old account URL's files named by a MAC that changed). `durable:
    /// false` (bulk imports, recovery) skips the per-file fsync and syncs the tree once at the end.
    func update(_ phones: [Phone], gone: [Int] = [], replaced: [Phone] = [], in data: AccountData, durable: Bool = true) throws(StoreError) {
        guard !phones.isEmpty || !gone.isEmpty else { return }
        let ids = phones.map(\.id) + gone
        // A few phones: look their records up; many: read the manifest once.
        var snapshot = ids.count > 256 ? manifest.load(token: data.account.token) : nil
        let looked = snapshot == nil ? manifest.records(ids, token: data.account.token) : [:]
        let known = snapshot
        let settled = try regenerate(phones, gone: gone, replaced: replaced, in: data, durable: durable,
                                     old: { id in known.map { $0.record(id) } ?? looked[id] })
        if !durable { Self.syncFileSystem(of: URL(fileURLWithPath: try tree(data.account).directory)) }
        if snapshot != nil {
            snapshot!.merge(settled.records)
            try manifest.write(snapshot!)
        } else if !(try manifest.append(settled.records, token: data.account.token, durable: false)) {
            try manifest.write(manifest.load(token: data.account.token))
        }
        if let problem = settled.problem { throw problem }
    }

    /// One chunk of a long re-provisioning (`Store.reprovision`): the records come from
    /// `records`, kept up to date across chunks (`ProvisioningManifest.refresh`); nothing is
    /// synced (the caller syncs the tree once at the end). Past `deadline` (uptime nanoseconds)
    /// the phones not yet written are left and returned, for the next chunk: a chunk holds the
    /// lock for its time, however slow the disk is at that moment.
    func update(_ phones: [Phone], gone: [Int], in data: AccountData, records: inout ProvisioningManifest.Snapshot,
                deadline: UInt64) throws(StoreError) -> [Int] {
        guard !phones.isEmpty || !gone.isEmpty else { return [] }
        manifest.refresh(&records)
        let known = records
        let settled = try regenerate(phones, gone: gone, replaced: [], in: data, durable: false, deadline: deadline, old: { known.record($0) })
        records.merge(settled.records)
        if !(try manifest.append(settled.records, token: data.account.token, durable: false)) {
            try manifest.write(records)
            records = manifest.load(token: data.account.token)
        }
        if let problem = settled.problem { throw problem }
        return settled.unfinished
    }

    /// The files of `phones` and the directories of `gone`, with each phone's record as `old`
    /// gives it; returns the settled records (not yet in the manifest), the first problem, and
    /// the ids of the phones left unwritten at `deadline` (each half writes one phone at least).
    private func regenerate(_ phones: [Phone], gone: [Int], replaced: [Phone], in data: AccountData, durable: Bool,
                            deadline: UInt64 = .max,
                            old: (Int) -> Record?) throws(StoreError) -> (records: [Record], problem: StoreError?, unfinished: [Int]) {
        var pass = try Pass(self, data, durable: durable)
        var current: [Record?] = phones.map { old($0.id) }
        // Every phone has a directory of its own, so the phones are rendered and written in two
        // halves at once (the machine has two cores; a PIN change is 100,000 renders and renames).
        let halves = phones.count >= 64 ? 2 : 1
        let planner = pass
        let planned = Self.inHalves(halves, phones.count) { range in range.map { planner.plan(phones[$0]) } }.flatMap { $0 }
        try pass.claim(planned, ids: phones.map(\.id), records: &current)
        let claimed = current, base = pass
        let results = Self.inHalves(halves, phones.count) { range -> (records: [Record], pass: Pass, failure: StoreError?, unfinished: [Int]) in
            var half = base
            var records: [Record] = []
            do throws(StoreError) {
                for k in range {
                    if k > range.lowerBound, DispatchTime.now().uptimeNanoseconds > deadline {
                        return (records, half, nil, phones[k..<range.upperBound].map(\.id))
                    }
                    if let plan = planned[k] { try half.write(plan, before: claimed[k]) }
                    let done = half.settle(planned[k], id: phones[k].id, record: claimed[k])
                    if !done.isEmpty || claimed[k] != nil { records.append(done) }
                    try half.writeBridge(phones[k])
                }
            } catch { return (records, half, error, []) }
            return (records, half, nil, [])
        }
        // A failure that stopped a half is thrown once both are done: the other half's settled
        // records are still worth nothing then (the manifest is not written), as before.
        if let failure = results.lazy.compactMap(\.failure).first { throw failure }
        var settled = results.flatMap(\.records)
        pass.merge(results.map(\.pass))
        for id in gone {
            guard let before = old(id) else { continue }
            for secret in before.owned { pass.removeDirectory(secret) }
            settled.append(Record(id: id))
        }
        pass.removeBridge(of: replaced)
        return (settled, pass.problem, results.flatMap(\.unfinished))
    }

    /// Runs `work` on `count` items split into `halves` contiguous ranges, at once, and returns
    /// the results in range order.
    static func inHalves<T>(_ halves: Int, _ count: Int, _ work: @Sendable (Range<Int>) -> T) -> [T] {
        guard halves > 1 else { return [work(0..<count)] }
        let results = HalfResults<T>(halves)
        let size = (count + halves - 1) / halves
        DispatchQueue.concurrentPerform(iterations: halves) { k in
            results.set(k, work(min(k * size, count)..<min((k + 1) * size, count)))
        }
        return results.values
    }

    /// After a pass over every phone in chunks: the old account directory brought to its state
    /// (see `Pass.settleBridge`) and the tree synced once.
    func finish(_ data: AccountData) throws(StoreError) {
        let pass = try Pass(self, data, durable: false)
        pass.settleBridge()
        Self.syncFileSystem(of: URL(fileURLWithPath: pass.root))
    }

    /// Regenerates every phone's directory, removes the directories the manifest records that no
    /// phone has any more, and brings the old account directory to its state (bridge files while
    /// open, gone when closed). Files are replaced atomically but not fsynced one by one: a PIN
    /// change rewrites a file per phone; one sync at the end.
    func syncAll(_ data: AccountData) throws(StoreError) {
        var pass = try Pass(self, data, durable: false)
        let token = data.account.token
        var records = manifest.load(token: token, reserving: data.phones.count)
        var matched = 0
        // Phones a batch at a time, in one pass: the batch's new secrets are claimed (one fsync)
        // before their directories are made, then each phone's record is settled.
        var batch: [Phone] = []
        batch.reserveCapacity(1_024)
        func flush() throws(StoreError) {
            let planned = batch.map { pass.plan($0) }
            var current: [Record?] = batch.map { records.record($0.id) }
            try pass.claim(planned, ids: batch.map(\.id), records: &current)
            var settled: [Record] = []
            for (k, phone) in batch.enumerated() {
                if let plan = planned[k] { try pass.write(plan, before: current[k]) }
                if current[k] != nil { matched += 1 }
                settled.append(pass.settle(planned[k], id: phone.id, record: current[k]))
                try pass.writeBridge(phone)
            }
            records.merge(settled)
            batch.removeAll(keepingCapacity: true)
        }
        for phone in data.phones {
            batch.append(phone)
            if batch.count == 1_024 { try flush() }
        }
        try flush()
        // Records of ids no phone has (ids are unique: only when some record matched no phone).
        if matched < records.records.count {
            var gone: [Record] = []
            for record in records.records where data.phones.firstIndex(id: record.id) == nil {
                for secret in record.owned { pass.removeDirectory(secret) }
                gone.append(Record(id: record.id))
            }
            records.merge(gone)
        }
        pass.settleBridge()
        Self.syncFileSystem(of: URL(fileURLWithPath: pass.root))
        try manifest.write(records)
        if let problem = pass.problem { throw problem }
    }

    /// Phones with a file name taken by something that is not a plain file, and the first reason.
    struct Obstructed {
        var ids = Set<Int>()
        var first: StoreError?

        mutating func note(_ id: Int, _ problem: StoreError?) {
            guard let problem else { return }
            ids.insert(id)
            if first == nil { first = problem }
        }
    }

    /// Which phones' files are not what their data makes, found by comparing the manifest with
    /// the phones — no rendering. `lookOnDisk` also looks for every file (one removed by hand);
    /// without it the check costs no file-system call per phone.
    func status(_ data: AccountData, lookOnDisk: Bool) throws(StoreError) -> ProvisioningStatus {
        let root = try tree(data.account).directory
        let snapshot = manifest.load(token: data.account.token)
        let inputs = ProvisioningInputs(data)
        var status = ProvisioningStatus()
        var recorded = 0
        for phone in data.phones {
            let record = snapshot.record(phone.id)
            if record != nil { recorded += 1 }
            guard let model = phone.model, phone.mac != nil else {
                if record != nil { status.withoutFiles.append(phone.id) }
                continue
            }
            // Not migrated yet (a file of an older phonedesk): no secret, no files.
            guard let secret = SecretBits(phone.secret) else { status.outOfDate.append(phone.id); continue }
            if let record, record.isSettled, record.secret == secret, record.stamp == inputs.stamp(phone, model: model) {
                let directory = root + "/" + secret.hex
                if lookOnDisk, !ServedDirectories.isDirectory(directory)
                    || Self.fileNames(phone, in: data).contains(where: { !Self.isPlainFile(directory + "/" + $0) }) {
                    status.outOfDate.append(phone.id)
                }
            } else {
                status.outOfDate.append(phone.id)
            }
        }
        // Ids are unique: when every record matched a phone, none is gone.
        if recorded < snapshot.records.count {
            for record in snapshot.records where data.phones.firstIndex(id: record.id) == nil { status.gone.append(record.id) }
        }
        return status
    }

    /// The names in a phone's directory: its vendor files and its image.
    static func fileNames(_ phone: Phone, in data: AccountData) -> [String] {
        guard let model = phone.model else { return [] }
        return ProvisioningRenderer.fileNames(for: phone) + (PhoneProfile.image(of: phone, model: model, in: data).map { [$0.file] } ?? [])
    }

    /// One run of writes: the tree's root and modes, and what went wrong so far.
    struct Pass {
        let provisioner: Provisioner
        let data: AccountData
        let root: String
        var modes: ServedModes
        let fix: Bool
        let durable: Bool
        let inputs: ProvisioningInputs
        let tree: ProvisioningTree
        /// `<tree>/<token>` while the old account URL is open.
        let bridge: String?
        var obstructed = Obstructed()
        /// Every phone's secret now, built the first time a directory is to be removed.
        private var inUse: Set<SecretBits>?

        init(_ provisioner: Provisioner, _ data: AccountData, durable: Bool) throws(StoreError) {
            self.provisioner = provisioner
            self.data = data
            (root, modes) = try provisioner.ensureTree(data.account)
            tree = try provisioner.tree(data.account)
            fix = data.account.provisioningDirectory != nil
            self.durable = durable
            inputs = ProvisioningInputs(data)
            bridge = data.account.legacyURL == true ? root + "/" + data.account.token : nil
        }

        var problem: StoreError? { obstructed.first ?? modes.problem }

        /// What passes that wrote other phones at the same time found (obstructions, a group refused).
        mutating func merge(_ others: [Pass]) {
            for other in others {
                obstructed.ids.formUnion(other.obstructed.ids)
                if obstructed.first == nil { obstructed.first = other.obstructed.first }
                if modes.problem == nil, let problem = other.modes.problem { modes = other.modes; modes.problem = problem }
            }
        }

        /// What a phone's directory holds now.
        struct Plan {
            var phone: Phone
            var model: PhoneModel
            var secret: SecretBits
            var files: [ProvisioningFile]
            var image: BackgroundImage?
            var layout: UInt64
        }

        /// Nil for a phone that has no files (no MAC, an unknown model, no secret).
        func plan(_ phone: Phone) -> Plan? {
            guard let model = phone.model, let secret = SecretBits(phone.secret), !secret.isNone else { return nil }
            let files = ProvisioningRenderer.files(for: phone, in: data)
            guard !files.isEmpty else { return nil }
            let image = PhoneProfile.image(of: phone, model: model, in: data)
            var hash = StableHash()
            for file in files { hash.add(file.name) }
            hash.add(image?.file)
            return Plan(phone: phone, model: model, secret: secret, files: files, image: image, layout: hash.value)
        }

        /// Claims every new directory before it is made (appended, fsynced once); `records`
        /// becomes what the manifest holds for each phone afterwards.
        mutating func claim(_ plans: [Plan?], ids: [Int], records: inout [Record?]) throws(StoreError) {
            var claims: [Record] = []
            for k in plans.indices {
                guard let plan = plans[k], records[k]?.secret != plan.secret else { continue }
                let before = records[k]
                // A record holds two directories: an older leftover (a crash mid-change) goes first.
                if let before, !before.previous.isNone, before.previous != plan.secret { removeDirectory(before.previous) }
                let claim = Record(id: ids[k], secret: plan.secret, previous: before?.secret ?? .none)
                claims.append(claim)
                records[k] = claim
            }
            try provisioner.manifest.append(claims, token: data.account.token, durable: true)
        }

        /// Writes a phone's directory: a new one is built under a dot name and renamed into place
        /// whole; an existing one is updated file by file, and loses what it no longer holds.
        mutating func write(_ plan: Plan, before: Record?) throws(StoreError) {
            // One phone's directory that cannot be made never stops the others: it is named, the
            // phone stays out of date (its record unsettled), and the pass goes on.
            do throws(StoreError) { try writeDirectory(plan, before: before) } catch { obstructed.note(plan.phone.id, error) }
        }

        private mutating func writeDirectory(_ plan: Plan, before: Record?) throws(StoreError) {
            let directory = root + "/" + plan.secret.hex
            // Something else under the phone's name — a symlink, a file — is unlinked, never followed.
            if !ServedDirectories.isDirectory(directory), ServedDirectories.exists(directory) { unlink(directory) }
            if ServedDirectories.isDirectory(directory) {
                // An outside tree's directory gets the tree's mode and group (a group set since).
                if fix { try ServedDirectories.make(directory, modes: &modes, tree: tree) }
                try fill(directory, plan)
                if before?.layout != plan.layout || before?.isSettled != true {
                    ServedDirectories.prune(directory, keeping: Set(plan.files.map(\.name) + (plan.image.map { [$0.file] } ?? [])))
                }
                return
            }
            let staging = root + "/.new-" + plan.secret.hex
            if ServedDirectories.exists(staging) { ServedDirectories.remove(staging, in: root) }
            try ServedDirectories.make(staging, modes: &modes, tree: tree)
            do throws(StoreError) {
                try fill(staging, plan)
                if rename(staging, directory) != 0 {
                    throw .io(path: directory, detail: "cannot put the directory of \"\(plan.phone.name)\" in place: \(errnoText())")
                }
            } catch {
                ServedDirectories.remove(staging, in: root)
                throw error
            }
            if durable { AtomicFile.syncDirectory(root) }
        }

        private mutating func fill(_ directory: String, _ plan: Plan) throws(StoreError) {
            for file in plan.files {
                obstructed.note(plan.phone.id, try provisioner.write(file, in: directory, durable: durable, modes: &modes, fix: fix, account: data.account))
            }
            if let image = plan.image {
                try ServedDirectories.link(root + "/" + Provisioner.imagesDirectory + "/" + image.file, to: directory + "/" + image.file, modes: modes)
            }
        }

        /// Removes the directories the phone no longer has and returns its settled record.
        mutating func settle(_ plan: Plan?, id: Int, record: Record?) -> Record {
            for secret in record?.owned ?? [] where secret != plan?.secret { removeDirectory(secret) }
            guard let plan else { return Record(id: id) }
            // An obstructed phone's record stays unsettled (stamp 0): out of date.
            let stamp = obstructed.ids.contains(id) ? 0 : inputs.stamp(plan.phone, model: plan.model)
            return Record(id: id, secret: plan.secret, stamp: stamp, layout: plan.layout)
        }

        /// Removes a directory this phone no longer has — unless a phone has that secret now (two
        /// secrets swapped in a hand-edited or restored phones.json: it is the other phone's).
        mutating func removeDirectory(_ secret: SecretBits) {
            if inUse == nil {
                var secrets = Set<SecretBits>()
                secrets.reserveCapacity(data.phones.count)
                for phone in data.phones { if let bits = SecretBits(phone.secret) { secrets.insert(bits) } }
                inUse = secrets
            }
            guard !inUse!.contains(secret) else { return }
            ServedDirectories.remove(root + "/" + secret.hex, in: root)
        }

        /// The phone's files at the old account URL, while it is open.
        mutating func writeBridge(_ phone: Phone) throws(StoreError) {
            guard let bridge else { return }
            let files = ProvisioningRenderer.bridgeFiles(for: phone, in: data)
            guard !files.isEmpty else { return }
            try ServedDirectories.make(bridge, modes: &modes, tree: tree)
            for file in files {
                obstructed.note(phone.id, try provisioner.write(file, in: bridge, durable: durable, modes: &modes, fix: fix, account: data.account))
            }
        }

        /// The old account URL's files of phones as they were (a MAC changed, a phone deleted),
        /// unless a phone has that name now.
        func removeBridge(of replaced: [Phone]) {
            guard let bridge else { return }
            for phone in replaced {
                for name in ProvisioningRenderer.fileNames(for: phone) {
                    let taken = phone.mac.flatMap { data.phones.phone(withMAC: $0, except: nil) }.map { ProvisioningRenderer.fileNames(for: $0).contains(name) } ?? false
                    if !taken { unlink(bridge + "/" + name) }
                }
            }
        }

        /// After a pass over every phone: the old account directory holds exactly the phones'
        /// bridge files while open, and goes when closed (only vendor-named files and the images
        /// of the old layout are removed; anything else of the operator's stays, with the
        /// directory). The images of the old layout are moved to `.images` by the migration.
        func settleBridge() {
            let legacy = root + "/" + data.account.token
            guard ServedDirectories.isDirectory(legacy) else { return }
            let oldImages = legacy + "/backgrounds"
            for name in ServedDirectories.names(in: oldImages) where ServedDirectories.exists(root + "/" + Provisioner.imagesDirectory + "/" + name) {
                unlink(oldImages + "/" + name)
            }
            rmdir(oldImages)
            var produced = Set<String>()
            if bridge != nil {
                for phone in data.phones where ProvisioningRenderer.hasBridge(phone, in: data) {
                    for name in ProvisioningRenderer.fileNames(for: phone) { produced.insert(name) }
                }
            }
            for name in ServedDirectories.names(in: legacy) where ProvisioningRenderer.isVendorFileName(name) && !produced.contains(name) {
                unlink(legacy + "/" + name)
            }
            if bridge == nil { rmdir(legacy) }
        }
    }

    /// Writes `file` into `directory` unless it already holds these bytes. A name taken by something that is not
    /// a plain file — a FIFO, a directory, a socket, a device — is the operator's: it is left as
    /// it is and returned as the problem (a FIFO there used to hang every write, lock held). A
    /// symlink is replaced by the rename, never followed.
    ///
    /// `modes` are the tree's (0640 and the group outside the data directory); with `fix`, an
    /// unchanged file with other modes or group gets these (a group set or fixed since). A group
    /// the operator may not give makes `modes` private from then on, with the problem noted.
    func write(_ file: ProvisioningFile, in root: String, durable: Bool = true,
                       modes: inout ServedModes, fix: Bool, account: Account) throws(StoreError) -> StoreError? {
        let path = root + "/" + file.name
        var contents = file.contents
        let current = modes
        // (obstruction, failure): withUTF8 does not pass a typed error through.
        let (obstruction, failure, refused) = contents.withUTF8 { bytes -> (StoreError?, StoreError?, String?) in
            switch Self.existing(path, UnsafeRawBufferPointer(bytes), fixing: fix ? current : nil) {
            case .same: return (nil, nil, nil)  // unchanged files are left alone: no write, the phone sees the same file
            case .refused(let detail): return (nil, nil, detail)
            case .notPlain(let kind):
                return (.io(path: path, detail: "is \(kind), not a file phonedesk generated; it was left as it is. "
                            + "Remove it and run `phonedesk provision` again"), nil, nil)
            case .differs(let exists):
                do throws(StoreError) {
                    try AtomicFile.write(UnsafeRawBufferPointer(bytes), toPath: path, durable: durable, mode: current.file, group: current.gid,
                                         replacing: exists)
                } catch { return (nil, error, nil) }
                return (nil, nil, nil)
            }
        }
        if let failure { throw failure }
        if let refused {
            // The group cannot be given: private from now on, and this file made private too.
            modes.refused(ProvisioningTree(account, dataDirectory: dataDirectory), refused)
            _ = try write(file, in: root, durable: durable, modes: &modes, fix: fix, account: account)
        }
        return obstruction
    }

    /// `differs(exists:)`: a plain file with other bytes (true), or nothing there yet (false).
    private enum Existing { case same, differs(exists: Bool), notPlain(String), refused(String) }

    /// What is at `path` compared with `bytes`: opened without following a symlink and without
    /// waiting on a FIFO (O_NONBLOCK), and read only when it is a regular file.
    private static func existing(_ path: String, _ bytes: UnsafeRawBufferPointer, fixing modes: ServedModes?) -> Existing {
        switch PlainFile.openForReading(path) {
        case .missing, .failed: return .differs(exists: false)
        case .notPlain(let kind): return kind == FileLock.describe(S_IFLNK) ? .differs(exists: true) : .notPlain(kind)
        case .file(let fd, let info):
            defer { close(fd) }
            // A second name (a hard link to a file elsewhere): replaced, so its mode and group are
            // never changed through this one.
            guard Int(info.st_size) == bytes.count, info.st_nlink == 1 else { return .differs(exists: true) }
            var current = [UInt8](repeating: 0, count: bytes.count)
            let n = current.withUnsafeMutableBytes { read(fd, $0.baseAddress, bytes.count) }
            guard n == bytes.count && current.withUnsafeBytes({ $0.elementsEqual(bytes) }) else { return .differs(exists: true) }
            if let modes, !modes.apply(fd: fd, info) { return .refused(errnoText()) }
            return .same
        }
    }

    /// Whether `path` is a regular file itself (lstat: a symlink is not).
    static func isPlainFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// One flush for a bulk write: the file system the directory is on (syncfs), all of them
    /// where that cannot be opened.
    static func syncFileSystem(of directory: URL) {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            if systemSyncfs(fd) != 0 { Glibc.sync() }
            fsync(fd)
            close(fd)
        } else {
            Glibc.sync()
        }
    }
}

/// syncfs(2), which Glibc's Swift module does not export (Linux ≥ 2.6.39, glibc ≥ 2.14).
@_silgen_name("syncfs") private func systemSyncfs(_ fd: Int32) -> Int32

/// Results of `Provisioner.inHalves`, each slot written by exactly one worker before all are read.
private final class HalfResults<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ value: T) { lock.lock(); slots[k] = value; lock.unlock() }

    var values: [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}

