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

/// Writes the provisioning tree `DIR/provisioning/<token>/` atomically, file by file, and records
/// what it wrote in the manifest (`ProvisioningManifest`).
struct Provisioner: Sendable {
    let dataDirectory: URL

    /// `DIR/provisioning/<token>`. A token that is not 22 URL-safe characters is refused, so a
    /// hand-edited account.json ("../..") can never name a directory outside the tree.
    func root(_ token: String) throws(StoreError) -> URL {
        guard Secrets.isAccountToken(token) else {
            throw .corrupt(path: dataDirectory.appendingPathComponent("account.json").path,
                           detail: "the account token is not 22 URL-safe characters (A-Z a-z 0-9 - _)")
        }
        return dataDirectory.appendingPathComponent("provisioning").appendingPathComponent(token)
    }

    /// The account's served tree, checked: an outside directory that is the data directory, inside
    /// it or above it (a hand-edited account.json) is refused before anything is written.
    func tree(_ account: Account) throws(StoreError) -> ProvisioningTree {
        _ = try root(account.token)
        let tree = ProvisioningTree(account, dataDirectory: dataDirectory)
        if let outside = account.provisioningDirectory, let problem = ProvisioningTreeRules.directoryProblem(outside, dataDirectory: dataDirectory) {
            throw .corrupt(path: dataDirectory.appendingPathComponent("account.json").path, detail: "account.provisioningDirectory \(problem)")
        }
        return tree
    }

    /// `<tree>/<token>`: `DIR/provisioning/<token>`, or the outside directory's.
    func root(_ account: Account) throws(StoreError) -> URL {
        URL(fileURLWithPath: try tree(account).directory).appendingPathComponent(account.token)
    }

    /// Creates `<tree>/<token>/backgrounds` when missing and returns the root with the modes its
    /// files get. The default tree: directories 0700, as the data directory. An outside tree: the
    /// served directory, `<token>` and `backgrounds` are kept 0750 with the group, missing parents
    /// are created so (existing parents are the operator's and keep their modes);
    /// when the group cannot be given, everything is private (0700/0600) and `modes.problem` says why.
    func ensureRoot(_ account: Account) throws(StoreError) -> (url: URL, modes: ServedModes) {
        let tree = try tree(account)
        let url = URL(fileURLWithPath: tree.directory).appendingPathComponent(account.token)
        guard tree.isOutside else {
            do {
                try FileManager.default.createDirectory(at: url.appendingPathComponent("backgrounds"), withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch { throw .io(path: url.path, detail: "cannot create the provisioning directory: \(error.localizedDescription)") }
            return (url, .private)
        }
        var modes = ServedModes.of(tree)
        // The served directory, `<token>` and `backgrounds` are kept 0750 with the group (a group
        // changed since is applied); its missing parents are created so too (nginx must traverse
        // them), existing parents are the operator's and keep their modes.
        var directories = [tree.directory, url.path, url.path + "/backgrounds"]
        var missing = URL(fileURLWithPath: tree.directory).deletingLastPathComponent().path
        while missing != "/", !FileManager.default.fileExists(atPath: missing) {
            directories.insert(missing, at: 0)
            missing = URL(fileURLWithPath: missing).deletingLastPathComponent().path
        }
        for path in directories {
            if mkdir(path, modes.directory) != 0, errno != EEXIST {
                throw .io(path: path, detail: "cannot create the provisioning directory: \(errnoText())")
            }
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw .io(path: path, detail: "is not a directory phonedesk can use: \(errnoText())") }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { throw .io(path: path, detail: "cannot read: \(errnoText())") }
            if let gid = modes.gid, info.st_gid != gid, fchown(fd, uid_t.max, gid) != 0 {
                modes.refused(tree, errnoText())
            }
            if info.st_mode & 0o7777 != modes.directory, fchmod(fd, modes.directory) != 0 {
                throw .io(path: path, detail: "cannot set the directory's mode: \(errnoText())")
            }
        }
        return (url, modes)
    }

    /// Writes an image (or any served file) under `<tree>/<token>/<relative>` with the tree's
    /// modes; returns the group problem, if any (a warning: the file is written, private).
    func writeServed(_ bytes: Data, _ relative: String, account: Account) throws(StoreError) -> StoreError? {
        let (root, modes) = try ensureRoot(account)
        try AtomicFile.write(bytes, to: root.appendingPathComponent(relative), mode: modes.file, group: modes.gid)
        return modes.problem
    }

    var manifest: ProvisioningManifest { ProvisioningManifest(in: dataDirectory) }

    typealias Record = ProvisioningManifest.Record

    /// Regenerates the files of `phones` (as they are in `data`: a phone without a MAC now has no
    /// files) and removes the files of `gone` phone ids. Only files the manifest records for these
    /// phones are ever removed. `durable: false` (bulk imports, recovery) skips the per-file fsync
    /// and syncs the tree once at the end.
    func update(_ phones: [Phone], gone: [Int] = [], in data: AccountData, durable: Bool = true) throws(StoreError) {
        guard !phones.isEmpty || !gone.isEmpty else { return }
        let token = data.account.token
        let (rootURL, served) = try ensureRoot(data.account)
        let root = rootURL.path
        var modes = served
        let fixModes = data.account.provisioningDirectory != nil
        let manifest = self.manifest
        // A few phones: look their records up; many: read the manifest once.
        let ids = phones.map(\.id) + gone
        var snapshot = ids.count > 256 ? manifest.load(token: token) : nil
        let looked = snapshot == nil ? manifest.records(ids, token: token) : [:]
        func old(_ id: Int) -> Record? { snapshot.map { $0.record(id) } ?? looked[id] }
        var guardSet = StaleGuard(data: data, manyStale: ids.count > 256)

        // 1. Claim every new target before its files exist.
        var claims: [Record] = []
        var claimed: [Record] = []
        claimed.reserveCapacity(phones.count)
        for phone in phones {
            let target = ProvisioningTarget.of(phone) ?? 0
            let before = old(phone.id)
            var owned = (before?.owned ?? []).filter { $0 != target }
            var next = Record(id: phone.id, target: target)
            if target != 0, !(before?.owned.contains(target) ?? false) {
                // A record holds two targets: settle an older leftover first.
                while owned.count > 1 { removeFiles(of: owned.removeLast(), phone: phone.id, keeping: target, root: root, guard: &guardSet) }
                next.previous = owned.first ?? 0
                claims.append(next)
            } else {
                next.previous = owned.first ?? 0
                while owned.count > 1 { removeFiles(of: owned.removeLast(), phone: phone.id, keeping: target, root: root, guard: &guardSet) }
            }
            claimed.append(next)
        }
        try manifest.append(claims, token: token, durable: true)

        // 2. The files. A phone whose file name is taken by something that is not a file keeps
        // its claim unsettled (out of date) and the others go on; the first such is thrown at the end.
        var obstructed = Obstructed()
        for phone in phones {
            for file in ProvisioningRenderer.files(for: phone, in: data) {
                obstructed.note(phone.id, try write(file, in: root, durable: durable, modes: &modes, fix: fixModes, account: data.account))
            }
        }
        if !durable { Self.syncFileSystem(of: URL(fileURLWithPath: root)) }

        // 3. What the phones no longer produce, and the gone phones' files; then settle.
        let inputs = ProvisioningInputs(data)
        var settled: [Record] = []
        settled.reserveCapacity(ids.count)
        for (phone, next) in zip(phones, claimed) {
            if next.previous != 0 { removeFiles(of: next.previous, phone: phone.id, keeping: next.target, root: root, guard: &guardSet) }
            var done = Record(id: phone.id, target: next.target)
            if next.target != 0, let model = phone.model, !obstructed.ids.contains(phone.id) { done.stamp = inputs.stamp(phone, model: model) }
            if !done.isEmpty || old(phone.id) != nil { settled.append(done) }
        }
        for id in gone {
            guard let before = old(id) else { continue }
            for target in before.owned { removeFiles(of: target, phone: id, keeping: 0, root: root, guard: &guardSet) }
            settled.append(Record(id: id, target: 0))
        }
        if snapshot != nil {
            snapshot!.merge(settled)
            try manifest.write(snapshot!)
        } else if !(try manifest.append(settled, token: token, durable: false)) {
            try manifest.write(manifest.load(token: token))
        }
        if let problem = obstructed.first ?? modes.problem { throw problem }
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

    /// Regenerates every phone's files and removes the files the manifest records that no phone
    /// produces any more (deleted phones, old MACs); nothing else in the tree is touched. Each
    /// file is replaced atomically but not fsynced one by one: a PIN change rewrites a file per
    /// phone, and 100,000 fsyncs would hold the store's lock for minutes; one sync at the end.
    func syncAll(_ data: AccountData) throws(StoreError) {
        let token = data.account.token
        let (rootURL, served) = try ensureRoot(data.account)
        let root = rootURL.path
        var modes = served
        let fixModes = data.account.provisioningDirectory != nil
        let manifest = self.manifest
        // The manifest as it is becomes the new one in place (one array of 32-byte records).
        var records = manifest.load(token: token, reserving: data.phones.count)
        var guardSet = StaleGuard(data: data, manyStale: true)
        let inputs = ProvisioningInputs(data)
        var stale: [(id: Int, target: UInt64, keeping: UInt64)] = []
        var matched = 0
        var obstructed = Obstructed()
        // Phones a batch at a time, in one pass: the batch's new targets are claimed (one fsync)
        // before its files are written, then each phone's record is settled.
        var batch: [Phone] = []
        batch.reserveCapacity(1_024)
        func flush() throws(StoreError) {
            var claims: [Record] = []
            for phone in batch {
                guard let target = ProvisioningTarget.of(phone) else { continue }
                let before = records.record(phone.id)
                if before?.owned.contains(target) ?? false { continue }
                if let previous = before?.previous, previous != 0 {
                    // Two older targets: the leftover goes now (rare: a crash, then a MAC change).
                    removeFiles(of: previous, phone: phone.id, keeping: target, root: root, guard: &guardSet)
                }
                claims.append(Record(id: phone.id, target: target, previous: before?.target ?? 0))
            }
            try manifest.append(claims, token: token, durable: true)
            records.merge(claims)
            for phone in batch {
                for file in ProvisioningRenderer.files(for: phone, in: data) {
                    obstructed.note(phone.id, try write(file, in: root, durable: false, modes: &modes, fix: fixModes, account: data.account))
                }
                guard let at = records.index(of: phone.id) else { continue }
                matched += 1
                let before = records.records[at]
                var next = Record(id: phone.id, target: 0)
                if let target = ProvisioningTarget.of(phone), let model = phone.model {
                    // An obstructed phone's record stays unsettled (stamp 0): out of date.
                    next = Record(id: phone.id, target: target, stamp: obstructed.ids.contains(phone.id) ? 0 : inputs.stamp(phone, model: model))
                }
                for target in before.owned where target != next.target { stale.append((phone.id, target, next.target)) }
                records.records[at] = next
            }
            batch.removeAll(keepingCapacity: true)
        }
        for phone in data.phones {
            batch.append(phone)
            if batch.count == 1_024 { try flush() }
        }
        try flush()
        // Records of ids no phone has (ids are unique: only when some record matched no phone).
        if matched < records.records.count {
            for at in records.records.indices where data.phones.firstIndex(id: records.records[at].id) == nil {
                for target in records.records[at].owned { stale.append((records.records[at].id, target, 0)) }
                records.records[at].target = 0
                records.records[at].previous = 0
            }
        }
        records.records.removeAll { $0.isEmpty }
        Self.syncFileSystem(of: URL(fileURLWithPath: root))
        // Only names the manifest recorded, and none a phone produces now.
        for item in stale { removeFiles(of: item.target, phone: item.id, keeping: item.keeping, root: root, guard: &guardSet) }
        try manifest.write(records)
        if let problem = obstructed.first ?? modes.problem { throw problem }
    }

    /// Removes the files of `target` (recorded for `phone`), except those of `keeping` (the
    /// phone's current target) and any another phone produces now (its MAC moved on).
    private func removeFiles(of target: UInt64, phone id: Int, keeping: UInt64, root: String, guard stale: inout StaleGuard) {
        let kept = Set(ProvisioningTarget.fileNames(keeping))
        for name in ProvisioningTarget.fileNames(target) where !kept.contains(name) && !stale.isProduced(name, mac: ProvisioningTarget.mac(target), except: id) {
            unlink(root + "/" + name)
        }
    }

    /// Whether another phone produces a file name now: asked of the packed list for a few
    /// removals, from one set of name hashes for many (100,000 names as strings would be ~13 MB;
    /// two names sharing a hash only keep a stale file).
    struct StaleGuard {
        let data: AccountData
        let manyStale: Bool
        private var produced: Set<Int>?

        init(data: AccountData, manyStale: Bool) { self.data = data; self.manyStale = manyStale }

        mutating func isProduced(_ name: String, mac: MACAddress, except id: Int) -> Bool {
            if manyStale {
                if produced == nil {
                    var set = Set<Int>()
                    set.reserveCapacity(data.phones.count)
                    for phone in data.phones { for name in ProvisioningRenderer.fileNames(for: phone) { set.insert(name.hashValue) } }
                    produced = set
                }
                return produced!.contains(name.hashValue)
            }
            guard let other = data.phones.phone(withMAC: mac, except: id) else { return false }
            return ProvisioningRenderer.fileNames(for: other).contains(name)
        }
    }

    /// Which phones' files are not what their data makes, found by comparing the manifest with
    /// the phones — no rendering. `lookOnDisk` also looks for every recorded file (a file
    /// removed by hand); without it the check costs no file-system call per phone.
    func status(_ data: AccountData, lookOnDisk: Bool) throws(StoreError) -> ProvisioningStatus {
        let root = try root(data.account).path
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
            guard let target = ProvisioningTarget.of(phone) else { continue }
            if let record, record.isSettled, record.target == target, record.stamp == inputs.stamp(phone, model: model) {
                // Missing, or something else where the file belongs (a FIFO, a directory, a symlink).
                if lookOnDisk, ProvisioningTarget.fileNames(target).contains(where: { !Self.isPlainFile(root + "/" + $0) }) {
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

    /// Brings every out-of-date phone's files up to date (see `status`); returns what it found.
    func recover(_ data: AccountData) throws(StoreError) -> ProvisioningStatus {
        let status = try status(data, lookOnDisk: false)
        if status.isCurrent { return status }
        if status.outOfDate.count > 1_000, status.outOfDate.count > data.phones.count / 2 {
            try syncAll(data)  // most of the account (a first run): one pass over everything
        } else {
            let phones = (status.outOfDate + status.withoutFiles).compactMap { data.phone(id: $0) }
            try update(phones, gone: status.gone, in: data, durable: false)
        }
        return status
    }

    /// Writes `file` unless it already holds these bytes. A name taken by something that is not
    /// a plain file — a FIFO, a directory, a socket, a device — is the operator's: it is left as
    /// it is and returned as the problem (a FIFO there used to hang every write, lock held). A
    /// symlink is replaced by the rename, never followed.
    ///
    /// `modes` are the tree's (0640 and the group outside the data directory); with `fix`, an
    /// unchanged file with other modes or group gets these (a group set or fixed since). A group
    /// the operator may not give makes `modes` private from then on, with the problem noted.
    private func write(_ file: ProvisioningFile, in root: String, durable: Bool = true,
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
            case .differs:
                do throws(StoreError) {
                    try AtomicFile.write(UnsafeRawBufferPointer(bytes), toPath: path, durable: durable, mode: current.file, group: current.gid)
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

    private enum Existing { case same, differs, notPlain(String), refused(String) }

    /// What is at `path` compared with `bytes`: opened without following a symlink and without
    /// waiting on a FIFO (O_NONBLOCK), and read only when it is a regular file.
    private static func existing(_ path: String, _ bytes: UnsafeRawBufferPointer, fixing modes: ServedModes?) -> Existing {
        switch PlainFile.openForReading(path) {
        case .missing, .failed: return .differs
        case .notPlain(let kind): return kind == FileLock.describe(S_IFLNK) ? .differs : .notPlain(kind)
        case .file(let fd, let info):
            defer { close(fd) }
            guard Int(info.st_size) == bytes.count else { return .differs }
            var current = [UInt8](repeating: 0, count: bytes.count)
            let n = current.withUnsafeMutableBytes { read(fd, $0.baseAddress, bytes.count) }
            guard n == bytes.count && current.withUnsafeBytes({ $0.elementsEqual(bytes) }) else { return .differs }
            if let modes, !modes.apply(fd: fd, info) { return .refused(errnoText()) }
            return .same
        }
    }

    /// Whether `path` is a regular file itself (lstat: a symlink is not).
    static func isPlainFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// One flush for a bulk write (syncfs is not exported to Swift; sync is the portable form).
    static func syncFileSystem(of directory: URL) {
        Glibc.sync()
        AtomicFile.syncDirectory(directory.path)
    }
}
