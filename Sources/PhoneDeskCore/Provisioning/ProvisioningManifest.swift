import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What provisioning generated: `DIR/provisioning.manifest`, outside the served tree. Per phone
/// id, the secret whose directory (`<tree>/<secret>/`) holds its files, a second one whose
/// directory may still exist (`previous`: a rotation or a new MAC not yet settled), the stamp of
/// the inputs the files were generated from (0 while a write is under way) and the layout (which
/// file names the directory holds). Provisioning removes only directories of secrets recorded
/// here, so nothing else in the tree is ever touched.
///
/// Order of writes: a new secret is claimed (appended and fsynced) *before* its directory is
/// made; once its files are written, a settled record follows (not fsynced: losing it only means
/// the phone is regenerated at the next start). A killed writer therefore never leaves a
/// directory the manifest does not know, and a phone whose record is missing, pending or stale is
/// found by `Store.checkProvisioning`.
///
/// The file is binary, so a lookup is a bisection and a load one read: a 64-byte header (magic,
/// the account token, the number of sorted records), the records sorted by id, then records
/// appended since (the last one for an id wins), 64 bytes each, little-endian. A torn record at
/// the end (a writer killed mid-append) is ignored and cut off by the next writer. A manifest of
/// another format (PDPROV01: one directory per account) reads as empty.
struct ProvisioningManifest: Sendable {
    static let fileName = "provisioning.manifest"
    static let headerSize = 64
    static let recordSize = 64
    static let magic = Array("PDPROV02".utf8)
    /// Appended records beyond this many are folded into the sorted part.
    static let compactionRecords = 16_384
    /// A larger file is not this program's (8 million records): it is treated as damaged.
    static let maximumBytes = 256 << 20

    let path: String

    init(in directory: URL) { path = directory.appendingPathComponent(Self.fileName).path }

    struct Record: Equatable, Sendable {
        var id: Int
        var secret: SecretBits = .none
        var previous: SecretBits = .none
        /// 0: files being written (or a claim only).
        var stamp: UInt64 = 0
        /// The hash of the file names in the directory (`Provisioner.layout`).
        var layout: UInt64 = 0

        /// No files: the record only says the phone's files were removed.
        var isEmpty: Bool { secret.isNone && previous.isNone }
        var isSettled: Bool { stamp != 0 && previous.isNone }
        /// Every secret whose directory this phone may have.
        var owned: [SecretBits] { [secret, previous].filter { !$0.isNone } }
    }

    /// The whole manifest: records sorted by id, none empty.
    struct Snapshot: Sendable {
        var token: String
        var records: [Record]
        /// The file as far as this snapshot has read it (inode and end), for `refresh`.
        var inode: UInt64 = 0
        var end = 0

        func index(of id: Int) -> Int? {
            var low = 0, high = records.count
            while low < high {
                let mid = (low + high) / 2
                if records[mid].id < id { low = mid + 1 } else { high = mid }
            }
            return low < records.count && records[low].id == id ? low : nil
        }

        func record(_ id: Int) -> Record? { index(of: id).map { records[$0] } }

        /// Applies many records at once (a bulk change): replaced in place, removed in one pass,
        /// new ones merged in order — never one shift of the whole array per record.
        mutating func merge(_ changes: [Record]) {
            var added: [Record] = []
            var emptied = false
            for record in changes {
                if let at = index(of: record.id) { records[at] = record; emptied = emptied || record.isEmpty } else { added.append(record) }
            }
            // Records never hold an empty one otherwise (load and put leave them out): no scan of
            // 100,000 records per chunk of a long re-provisioning.
            if emptied { records.removeAll { $0.isEmpty } }
            guard !added.isEmpty else { return }
            // The last record of an id wins, as in the file.
            var latest: [Int: Record] = [:]
            for record in added { latest[record.id] = record }
            let fresh = latest.values.filter { !$0.isEmpty }.sorted { $0.id < $1.id }
            guard !fresh.isEmpty else { return }
            if let last = records.last, let first = fresh.first, last.id < first.id {
                records.append(contentsOf: fresh)
            } else {
                records = (records + fresh).sorted { $0.id < $1.id }
            }
        }

        /// Sorts records that were not written in order (not this program's file), last one wins.
        mutating func resort() {
            let unsorted = records
            records = []
            for record in unsorted { put(record) }
        }

        /// Sets (or, when empty, removes) the record of `record.id`.
        mutating func put(_ record: Record) {
            if let at = index(of: record.id) {
                if record.isEmpty { records.remove(at: at) } else { records[at] = record }
            } else if !record.isEmpty {
                if let last = records.last, last.id > record.id {
                    var low = 0, high = records.count
                    while low < high { let mid = (low + high) / 2; if records[mid].id < record.id { low = mid + 1 } else { high = mid } }
                    records.insert(record, at: low)
                } else {
                    records.append(record)
                }
            }
        }
    }

    /// The file as it is: its header (nil when missing, unreadable or of another account) and size.
    private struct Opened {
        var fd: Int32
        var baseCount: Int
        var size: Int
    }

    /// Anything but a regular file (a FIFO used to block every command here) is treated like a
    /// damaged manifest: as empty, so every phone is regenerated and nothing removed on a guess.
    private func open(token: String) -> Opened? {
        guard case .file(let fd, let info) = PlainFile.openForReading(path) else { return nil }
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        guard Int(info.st_size) <= Self.maximumBytes,
              header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, Self.headerSize, 0) }) == Self.headerSize,
              Array(header[0..<8]) == Self.magic, Self.token(in: header) == token else {
            close(fd)
            return nil
        }
        let baseCount = header.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 32, as: UInt64.self))) }
        let size = Int(info.st_size)
        guard baseCount >= 0, baseCount <= (size - Self.headerSize) / Self.recordSize else { close(fd); return nil }
        return Opened(fd: fd, baseCount: baseCount, size: size)
    }

    private static func token(in header: [UInt8]) -> String {
        String(decoding: header[8..<32].prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func record(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Record {
        func word(_ k: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * k, as: UInt64.self)) }
        return Record(id: Int(truncatingIfNeeded: word(0)), secret: SecretBits(high: word(1), low: word(2)),
                      previous: SecretBits(high: word(3), low: word(4)), stamp: word(5), layout: word(6))
    }

    private static func append(_ record: Record, to bytes: inout [UInt8]) {
        for word in [UInt64(truncatingIfNeeded: record.id), record.secret.high, record.secret.low, record.previous.high,
                     record.previous.low, record.stamp, record.layout, 0] {
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }
    }

    /// Everything recorded for `token`; empty when there is no manifest (or one of another account).
    /// Read 64 KiB at a time: only the records are held, not the file's bytes besides them.
    /// `reserving` makes room for that many records at once (a pass over every phone).
    func load(token: String, reserving: Int = 0) -> Snapshot {
        var snapshot = Snapshot(token: token, records: [])
        snapshot.records.reserveCapacity(reserving)
        guard let file = open(token: token) else { return snapshot }
        defer { close(file.fd) }
        var info = stat()
        if fstat(file.fd, &info) == 0 { snapshot.inode = UInt64(info.st_ino) }
        let count = (file.size - Self.headerSize) / Self.recordSize
        snapshot.end = Self.headerSize + count * Self.recordSize
        snapshot.records.reserveCapacity(max(reserving, min(count, file.baseCount)))
        var sorted = true
        var buffer = [UInt8](repeating: 0, count: 2_048 * Self.recordSize)
        var k = 0
        while k < count {
            let wanted = min(2_048, count - k)
            var done = 0
            while done < wanted * Self.recordSize {
                let n = buffer.withUnsafeMutableBytes {
                    pread(file.fd, $0.baseAddress! + done, wanted * Self.recordSize - done, off_t(Self.headerSize + k * Self.recordSize + done))
                }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            let complete = done / Self.recordSize
            buffer.withUnsafeBytes { raw in
                for j in 0..<complete {
                    let record = Self.record(raw, at: j * Self.recordSize)
                    if k + j < file.baseCount {
                        if let last = snapshot.records.last, last.id >= record.id { sorted = false }
                        if !record.isEmpty { snapshot.records.append(record) }
                    } else {
                        if !sorted { snapshot.resort(); sorted = true }
                        snapshot.put(record)
                    }
                }
            }
            if complete < wanted { break }
            k += complete
        }
        if !sorted { snapshot.resort() }
        return snapshot
    }

    /// Brings `snapshot` up to the file as it is now: the records appended since it was read (by
    /// this process or another's saves), or the whole file again when it was rewritten (a
    /// compaction: another inode) or cut. A long re-provisioning keeps one snapshot this way
    /// instead of reading 100,000 records for each chunk.
    func refresh(_ snapshot: inout Snapshot) {
        guard case .file(let fd, let info) = PlainFile.openForReading(path) else { snapshot = load(token: snapshot.token); return }
        defer { close(fd) }
        let size = Int(info.st_size)
        guard UInt64(info.st_ino) == snapshot.inode, snapshot.end >= Self.headerSize, size >= snapshot.end else {
            snapshot = load(token: snapshot.token)
            return
        }
        let count = (size - snapshot.end) / Self.recordSize
        guard count > 0 else { return }
        var bytes = [UInt8](repeating: 0, count: count * Self.recordSize)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(snapshot.end)) }
        guard n == bytes.count else { snapshot = load(token: snapshot.token); return }
        bytes.withUnsafeBytes { raw in
            var added: [Record] = []
            added.reserveCapacity(count)
            for k in 0..<count { added.append(Self.record(raw, at: k * Self.recordSize)) }
            snapshot.merge(added)
        }
        snapshot.end += count * Self.recordSize
    }

    /// The records of `ids` only, without reading the whole file (a single save).
    func records(_ ids: [Int], token: String) -> [Int: Record] {
        guard let file = open(token: token) else { return [:] }
        defer { close(file.fd) }
        var found: [Int: Record] = [:]
        var slot = [UInt8](repeating: 0, count: Self.recordSize)
        func read(_ k: Int) -> Record? {
            let n = slot.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, Self.recordSize, off_t(Self.headerSize + k * Self.recordSize)) }
            return n == Self.recordSize ? slot.withUnsafeBytes { Self.record($0, at: 0) } : nil
        }
        for id in ids {
            var low = 0, high = file.baseCount
            while low < high {
                let mid = (low + high) / 2
                guard let record = read(mid) else { return [:] }
                if record.id < id { low = mid + 1 } else { high = mid }
            }
            if low < file.baseCount, let record = read(low), record.id == id { found[id] = record }
        }
        // The appended records, in order: the last for an id wins.
        let appended = (file.size - Self.headerSize) / Self.recordSize - file.baseCount
        if appended > 0 {
            var bytes = [UInt8](repeating: 0, count: appended * Self.recordSize)
            let n = bytes.withUnsafeMutableBytes {
                pread(file.fd, $0.baseAddress, $0.count, off_t(Self.headerSize + file.baseCount * Self.recordSize))
            }
            let wanted = Set(ids)
            bytes.withUnsafeBytes { raw in
                for k in 0..<(max(0, n) / Self.recordSize) {
                    let record = Self.record(raw, at: k * Self.recordSize)
                    if wanted.contains(record.id) { found[record.id] = record }
                }
            }
        }
        return found.filter { !$0.value.isEmpty }
    }

    /// Appends records (creating the file when needed); `durable` fsyncs them (claims). Returns
    /// false when the file has grown enough to be rewritten sorted.
    @discardableResult
    func append(_ records: [Record], token: String, durable: Bool) throws(StoreError) -> Bool {
        guard !records.isEmpty else { return true }
        guard let file = open(token: token) else {
            // No manifest yet (or one of another account): start one with these records.
            var snapshot = Snapshot(token: token, records: [])
            for record in records { snapshot.put(record) }
            try write(snapshot)
            return true
        }
        close(file.fd)
        let fd = Glibc.open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { throw .io(path: path, detail: "cannot open: \(errnoText())") }
        defer { close(fd) }
        // Appended to in place: never a file that also has a name outside the directory.
        if let refusal = PlainFile.writeRefusal(fd) { throw .io(path: path, detail: refusal) }
        // Cut a torn record off, then write whole records after the last whole one.
        let end = Self.headerSize + (file.size - Self.headerSize) / Self.recordSize * Self.recordSize
        if end != file.size { ftruncate(fd, off_t(end)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(records.count * Self.recordSize)
        for record in records { Self.append(record, to: &bytes) }
        let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(end)) }
        guard written == bytes.count else { throw .io(path: path, detail: "cannot append: \(errnoText())") }
        if durable, fsync(fd) != 0 { throw .io(path: path, detail: "cannot sync: \(errnoText())") }
        return (end - Self.headerSize) / Self.recordSize + records.count - file.baseCount < Self.compactionRecords
    }

    /// Replaces the file with `snapshot`, sorted (atomically, fsynced).
    func write(_ snapshot: Snapshot) throws(StoreError) {
        var header = [UInt8](repeating: 0, count: Self.headerSize)
        header.replaceSubrange(0..<8, with: Self.magic)
        let token = Array(snapshot.token.utf8.prefix(24))
        header.replaceSubrange(8..<(8 + token.count), with: token)
        withUnsafeBytes(of: UInt64(snapshot.records.count).littleEndian) { header.replaceSubrange(32..<40, with: $0) }
        try AtomicFile.write(toPath: path) { sink in
            header.withUnsafeBytes { sink.write($0) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 16)
            for record in snapshot.records {
                Self.append(record, to: &bytes)
                if bytes.count >= 1 << 16 - Self.recordSize {
                    bytes.withUnsafeBytes { sink.write($0) }
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            bytes.withUnsafeBytes { sink.write($0) }
        }
    }
}

/// FNV-1a, 64 bits: the same value in every process (Swift's Hasher is seeded per process).
struct StableHash {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(byte: UInt8) { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }

    /// A string and a separator no UTF-8 text contains, so ("ab", "c") and ("a", "bc") differ.
    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
        add(byte: 0xFF)
    }

    mutating func add(_ text: String?) {
        if let text { add(text) } else { add(byte: 0xFE) }
    }

    mutating func add(_ number: Int) { add(UInt64(bitPattern: Int64(number))) }
    mutating func add(_ number: UInt64) {
        var rest = number
        for _ in 0..<8 { add(byte: UInt8(truncatingIfNeeded: rest)); rest >>= 8 }
    }
}

/// The stamp of everything a phone's files are made of (the phone, its user and BLF user, the
/// account's SIP server, PIN and URL, its background and template, the renderer's version),
/// computed without rendering: a file whose recorded stamp differs is out of date.
struct ProvisioningInputs {
    /// Bump when the same inputs render differently, so files of an older phonedesk are rewritten.
    static let rendererVersion = 3

    private let base: UInt64
    private let users: [String: UInt64]
    private let backgrounds: [String: String]
    private let templates: [String: UInt64]

    init(_ data: AccountData) {
        var hash = StableHash()
        hash.add(Self.rendererVersion)
        hash.add(data.account.sipServer)
        hash.add(data.account.hotDeskPIN)
        hash.add(data.account.provisioningURL)
        // The old account URL's files point at each phone's URL: opened or closed, all change.
        hash.add(data.account.legacyURL == true ? 1 : 0)
        // An outside tree and its group (absent for the default tree, so its stamps are as
        // before): a hand-edited location or group is regenerated at the next start.
        if let outside = data.account.provisioningDirectory {
            hash.add(outside)
            hash.add(data.account.provisioningGroup ?? ProvisioningTree.defaultGroup)
        }
        base = hash.value
        var users: [String: UInt64] = [:]
        for user in data.users where users[user.extensionNumber] == nil {
            var hash = StableHash()
            hash.add(user.extensionNumber); hash.add(user.name); hash.add(user.sipPassword)
            users[user.extensionNumber] = hash.value
        }
        self.users = users
        var backgrounds: [String: String] = [:]
        for image in data.backgrounds where backgrounds[image.name] == nil { backgrounds[image.name] = image.file }
        self.backgrounds = backgrounds
        var templates: [String: UInt64] = [:]
        for template in data.templates {
            let key = template.modelID + "\u{0}" + template.name
            if templates[key] == nil {
                var hash = StableHash()
                hash.add(template.body)
                templates[key] = hash.value
            }
        }
        self.templates = templates
    }

    /// Never 0 (0 marks a record whose files are being written).
    func stamp(_ phone: Phone, model: PhoneModel) -> UInt64 {
        var hash = StableHash()
        hash.add(base)
        hash.add(phone.revision)
        hash.add(phone.name); hash.add(phone.modelID); hash.add(phone.mac?.hex); hash.add(phone.secret)
        hash.add(phone.userExtension.flatMap { users[$0] } ?? 0)
        hash.add(model.supportsBLF ? phone.blfExtension.flatMap { users[$0] } ?? 0 : 0)
        // Only when set, so the files of phones without a label keep their stamps.
        if model.supportsBLF, phone.blfExtension != nil, let label = phone.blfLabel { hash.add(label) }
        // Keys only when there are any, so the files of phones without them keep their stamps.
        if phone.keys != nil || phone.sidecars != nil {
            hash.add(KeyCoding.encode(phone.keys, phone.sidecars))
            // A BLF key's label defaults to the user's name: a renamed user changes the file.
            for key in phone.keys ?? [] where key.type == .blf { hash.add(key.value.flatMap { users[$0] } ?? 0) }
        }
        hash.add(model.colourScreen ? phone.background.flatMap { backgrounds[$0] } : nil)
        hash.add(phone.template.flatMap { templates[phone.modelID + "\u{0}" + $0] } ?? 0)
        return hash.value == 0 ? 1 : hash.value
    }
}
