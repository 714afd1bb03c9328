import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// phones.json is the base; `phones.journal` holds one JSON line per change since, so a save
/// appends and fsyncs one line instead of rewriting a file of 100,000 phones. The store keeps
/// what it has read (the base's identity and how far into the journal) and reads only new lines.
/// Replay is idempotent by per-phone revision, so a crash between compaction (base replaced by
/// rename) and truncating the journal changes nothing. A torn last line (a writer killed
/// mid-append) is ignored, and cut off by the next writer, which holds the lock.
struct PhonesJournal: Sendable {
    static let fileName = "phones.journal"
    /// Compact into phones.json when the journal passes this size.
    static let compactionBytes = 1 << 20
    /// Below this many phones a save simply rewrites phones.json (a few milliseconds), so the file
    /// a person opens is always current; the journal is for large accounts.
    static let smallAccount = 5_000
    /// A change of more phones than this rewrites phones.json once instead of a line per phone.
    static let bulkLines = 256
    /// Up to this many new lines are checked phone by phone (three scans each), more in full.
    static let checkedLines = 16
    /// The largest journal read (it is compacted at 1 MiB): checked with fstat before reading.
    static let sizeCap = 64 << 20

    let url: URL
    var path: String { url.path }

    init(in directory: URL) { url = directory.appendingPathComponent(Self.fileName) }

    struct Line: Codable, Sendable {
        enum Op: String, Codable, Sendable { case put, delete }
        var op: Op
        var phone: Phone?
        var id: Int?
        var nextID: Int
        var revision: Int
    }

    /// What the store has read: the base's identity, the journal offset and the document.
    struct State: Sendable {
        var baseIdentity: [Int]
        var offset: Int
        var document: PhonesDocument
        var newerSchema: StoreError?

        init(baseIdentity: [Int], document: PhonesDocument, newerSchema: StoreError?) {
            self.baseIdentity = baseIdentity
            self.offset = 0
            self.document = document
            self.newerSchema = newerSchema
        }

        /// Applies one change; skips what the document already holds.
        mutating func apply(_ line: Line) {
            document.nextID = max(document.nextID, line.nextID)
            document.revision = max(document.revision, line.revision)
            switch line.op {
            case .put:
                guard let phone = line.phone else { return }
                if let at = document.phones.firstIndex(id: phone.id) {
                    if document.phones[at].revision <= phone.revision { document.phones[at] = phone }
                } else {
                    document.phones.append(phone)
                }
            case .delete:
                guard let id = line.id, let at = document.phones.firstIndex(id: id) else { return }
                document.phones.remove(at: at)
            }
        }
    }

    /// Reads complete lines from `offset`; returns them and the offset after the last newline.
    func read(from offset: Int) throws(StoreError) -> (lines: [Line], end: Int, size: Int) {
        let opened = PlainFile.openForReading(path, followingLinks: true)
        if let error = opened.error(path) { throw error }
        guard case .file(let fd, let info) = opened else { return ([], 0, 0) }
        defer { close(fd) }
        let size = Int(info.st_size)
        if size > Self.sizeCap { throw .corrupt(path: path, detail: SizeCap.tooLarge(size, Self.sizeCap)) }
        guard size > offset else { return ([], min(offset, size), size) }
        var bytes = [UInt8](repeating: 0, count: size - offset)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        guard n == bytes.count else { throw .io(path: path, detail: "short read") }
        guard let lastNewline = bytes.lastIndex(of: 0x0A) else { return ([], offset, size) }
        var lines: [Line] = []
        let decoder = JSONDecoder()
        for chunk in bytes[...lastNewline].split(separator: 0x0A) where !chunk.isEmpty {
            let at = offset + chunk.startIndex
            // The same strictness as the JSON files: no invalid UTF-8, no repeated key.
            if let location = JSONErrorLocator.locate(Array(chunk)) {
                throw .corrupt(path: path, detail: "byte \(at + location.offset): \(location.reason)")
            }
            do { lines.append(try decoder.decode(Line.self, from: Data(chunk))) } catch {
                throw .corrupt(path: path, detail: "byte \(at): a line that is not a phone change: \(error)")
            }
        }
        return (lines, offset + lastNewline + 1, size)
    }

    /// Appends lines and fsyncs; first cuts off a torn tail beyond `validEnd` (call with the lock).
    func append(_ lines: [Line], validEnd: Int, size: Int) throws(StoreError) -> Int {
        // Never through a symlink or into a FIFO: an append must land in this directory's file.
        let fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == ELOOP { throw .io(path: path, detail: "is a symbolic link; phonedesk writes only plain files in its data directory") }
            throw .io(path: path, detail: "cannot open: \(errnoText())")
        }
        defer { close(fd) }
        // Nor into a file with another name (a hard link to a file outside the directory).
        if let refusal = PlainFile.writeRefusal(fd) { throw .io(path: path, detail: refusal) }
        if size > validEnd { ftruncate(fd, off_t(validEnd)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for line in lines {
            do { data += try encoder.encode(line) } catch { throw .io(path: path, detail: "cannot encode: \(error)") }
            data.append(0x0A)
        }
        let written = data.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(validEnd)) }
        guard written == data.count, fsync(fd) == 0 else { throw .io(path: path, detail: "cannot append: \(errnoText())") }
        return validEnd + data.count
    }

    /// Empties the journal (after its lines were compacted into the base). Anything but a plain
    /// file of one name is left alone: its lines replay idempotently, and the next append
    /// refuses it with the reason.
    func truncate() {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return }
        guard PlainFile.writeRefusal(fd) == nil else { close(fd); return }
        ftruncate(fd, 0)
        fsync(fd)
        close(fd)
    }
}

extension Store {
    /// The phones as they are now: the cached state, brought up to date with new journal lines,
    /// or read afresh when phones.json was replaced. Nil when there is no phones.json.
    func currentPhones() throws(StoreError) -> PhonesJournal.State? {
        for _ in 0..<3 {
            let identity = phones.fingerprint()
            var state: PhonesJournal.State
            if let cached = phonesCache.withLock({ $0 }), cached.baseIdentity == identity {
                state = cached
            } else {
                guard let base = try phones.read() else { return nil }
                state = PhonesJournal.State(baseIdentity: identity, document: base.document, newerSchema: base.newerSchema)
            }
            let (lines, end, _) = try journal.read(from: state.offset)
            for line in lines { state.apply(line) }
            state.offset = end
            // phones.json was checked as it was read (and a cached state when it was read); the
            // lines replayed on it must keep its rules too. A few lines: only their phones are
            // checked against the rest; the full check names the problem.
            if !lines.isEmpty, lines.count > PhonesJournal.checkedLines
                || !state.document.phones.changedPhonesAreSound(lines.compactMap { $0.phone?.id }, nextID: state.document.nextID),
               let problem = state.document.problem() {
                throw .corrupt(path: journal.path, detail: "replayed on phones.json: \(problem)")
            }
            // A compaction between reading the base and the journal: read again.
            guard phones.fingerprint() == identity else { continue }
            let settled = state
            phonesCache.withLock { $0 = settled }
            return settled
        }
        throw .io(path: phones.path, detail: "kept changing while being read; try again")
    }

    /// Records changed and deleted phones (call with the lock, after `currentPhones`).
    func commitPhones(_ state: inout PhonesJournal.State, put: [Phone], deleted: [Int]) throws(StoreError) {
        guard !put.isEmpty || !deleted.isEmpty else { return }
        let small = state.document.phones.count < PhonesJournal.smallAccount || put.count + deleted.count > PhonesJournal.bulkLines
        // A small account's save bumps the file revision once, in phones.write.
        guard let bumped = state.document.revision.plus(1) else {
            throw .corrupt(path: phones.path, detail: "revision \(state.document.revision) is the largest there is; phonedesk cannot save the file again until it is lowered")
        }
        let revision = small ? state.document.revision : bumped
        let lines = put.map { PhonesJournal.Line(op: .put, phone: $0, id: nil, nextID: state.document.nextID, revision: revision) }
            + deleted.map { PhonesJournal.Line(op: .delete, phone: nil, id: $0, nextID: state.document.nextID, revision: revision) }
        if small {
            for line in lines { state.apply(line) }
            try writePhonesBase(&state)
            return
        }
        let (_, validEnd, size) = try journal.read(from: state.offset)
        state.offset = try journal.append(lines, validEnd: validEnd, size: size)
        for line in lines { state.apply(line) }
        if state.offset > PhonesJournal.compactionBytes {
            try writePhonesBase(&state)
        }
        let settled = state
        phonesCache.withLock { $0 = settled }
    }

    /// Folds the journal into phones.json (the panel does it in the background when idle).
    public func compactPhones() throws(StoreError) {
        try locked { () throws(StoreError) in
            guard var state = try currentPhones(), state.offset > 0, state.newerSchema == nil else { return }
            try writePhonesBase(&state)
        }
    }

    /// Whether phones.journal holds changes not yet in phones.json.
    public var hasPhonesJournal: Bool { Self.identity(journal.path).count > 1 && Self.identity(journal.path)[1] > 0 }

    /// Writes the whole document as phones.json and empties the journal (call with the lock).
    func writePhonesBase(_ state: inout PhonesJournal.State) throws(StoreError) {
        let written = try phones.write(state.document)
        journal.truncate()
        state = PhonesJournal.State(baseIdentity: phones.fingerprint(), document: written, newerSchema: nil)
        let settled = state
        phonesCache.withLock { $0 = settled }
    }
}
