import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Who is making changes: an operator (from `--operator`) or the account owner ("local"), and
/// the SSH client they came from.
public struct AuditActor: Equatable, Sendable {
    public var name: String
    public var client: String?
    public init(name: String, client: String?) { self.name = name; self.client = client }

    public static let local = AuditActor(name: "local", client: nil)

    /// SSH_CONNECTION is "client-ip client-port server-ip server-port"; its first field.
    public static func client(_ environment: [String: String]) -> String? {
        guard let first = environment["SSH_CONNECTION"]?.split(separator: " ").first, !first.isEmpty else { return nil }
        return String(first)
    }
}

/// audit.jsonl: one JSON line per change, appended (O_APPEND) and fsynced before the change is
/// written, so a change that cannot be recorded is not made. Never rewritten; past
/// `rotateBytes` it is renamed to the next free audit.jsonl.N (1 is the oldest) and a new one begun.
public final class AuditLog: Sendable {
    public static let fileName = "audit.jsonl"
    public let path: String
    let rotateBytes: Int
    let actorBox = Mutex<AuditActor>(.local)
    /// What the change under way has recorded so far, to mark it failed if it is not made.
    let recorded = Mutex<[AuditEntry]>([])

    public init(directory: URL, rotateBytes: Int = 8 << 20) {
        path = directory.appendingPathComponent(Self.fileName).path
        self.rotateBytes = rotateBytes
    }

    public var actor: AuditActor {
        get { actorBox.withLock { $0 } }
        set { actorBox.withLock { $0 = newValue } }
    }

    /// Stamps the entries with the time and the actor and appends them in one write. Called
    /// under the store lock, before the change is written: a throw refuses the change.
    public func append(_ entries: [AuditEntry], now: Date = Date()) throws(StoreError) { try append(entries, now: now, reserving: true) }

    /// `reserving`: first make room for the entries' "not made" copies; the copies themselves
    /// are written into that room (asking for more could fail on the full disk they are for).
    private func append(_ entries: [AuditEntry], now: Date, reserving: Bool) throws(StoreError) {
        guard !entries.isEmpty else { return }
        let who = actor
        let time = UTCTimestamp(now).description
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = Data()
        var stamped: [AuditEntry] = []
        for var entry in entries {
            entry.time = time; entry.who = who.name; entry.client = who.client
            guard let line = try? encoder.encode(entry) else { throw refused("the entry could not be encoded") }
            text += line + Data("\n".utf8)
            stamped.append(entry)
        }
        // Not for "not made" copies: they belong next to their entries, in the room reserved there.
        if reserving { try rotateIfLarge() }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw refused(errnoText()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw refused("it is not a plain file") }
        // A file made by hand with wider permissions is narrowed: it names operators and clients.
        if info.st_mode & 0o777 != 0o600 { fchmod(fd, 0o600) }
        // Room for these entries and, should the change then fail, their "not made" copies:
        // reserved past the end (the size stays), so a disk that fills meanwhile cannot leave
        // an entry for a change that was not made without its correction.
        if reserving, systemFallocate(fd, 1 /* FALLOC_FL_KEEP_SIZE */, Int(info.st_size),
                                      2 * text.count + entries.count * (Self.longestReason + 32) + 4096) != 0,
           errno == ENOSPC || errno == EDQUOT {
            throw refused("the disk is full")
        }
        // A line torn by a crash is closed first, so it stays one bad line instead of spoiling this one.
        if info.st_size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, off_t(info.st_size - 1)) == 1, last != 0x0a { text.insert(0x0a, at: 0) }
        }
        guard text.withUnsafeBytes({ AtomicFile.FileSink.writeAll(fd, $0) }) else { throw refused(errnoText()) }
        guard fsync(fd) == 0 else { throw refused(errnoText()) }
        // The change's own entries, to mark if it fails (not the marks themselves).
        if reserving { recorded.withLock { $0 += stamped } }
    }

    /// A change begins (the store lock is taken): nothing of it is recorded yet.
    func beginChange() { recorded.withLock { $0 = [] } }

    /// The change failed after its entries were written: each is written again with why it was
    /// not made. Best effort: the first write worked a moment ago, and the failure is thrown anyway.
    /// How much of a failure's reason a "not made" copy keeps (the room reserved counts on it).
    static let longestReason = 400

    func changeFailed(_ reason: String) {
        let entries = recorded.withLock { entries in defer { entries = [] }; return entries }
        guard !entries.isEmpty else { return }
        let why = reason.count > Self.longestReason ? String(reason.prefix(Self.longestReason - 1)) + "…" : reason
        try? append(entries.map { entry in var failed = entry; failed.failed = why; return failed }, now: Date(), reserving: false)
    }

    private func refused(_ reason: String) -> StoreError {
        .io(path: path, detail: "the audit log cannot be written (\(reason)), so the change was not made: every change is recorded there first. Make the file writable by this account (a plain file, mode 0600), then try again")
    }

    private func rotateIfLarge() throws(StoreError) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) >= rotateBytes else { return }
        // After the highest number there is, so the order holds when older files were archived.
        let number = (rotated().last?.number ?? 0) + 1
        guard rename(path, "\(path).\(number)") == 0 else { throw refused("cannot rotate it: \(errnoText())") }
        AtomicFile.syncDirectory((path as NSString).deletingLastPathComponent)
    }

    /// A line or file of the log that was not read as entries, and why.
    public struct Damage: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// An entry's beginning without its end: a crash while it was written.
            case torn
            /// Any other line that is not an entry: edited by hand, or another program's.
            case notAnEntry
            /// The file itself: a symbolic link, a directory, unreadable.
            case unreadable(String)
        }
        /// "audit.jsonl line 7", or "audit.jsonl" for the file.
        public var place: String
        public var reason: Reason
        public init(_ place: String, _ reason: Reason) { self.place = place; self.reason = reason }

        /// "audit.jsonl line 7: cut short, most likely by a crash while it was written".
        public var description: String {
            switch reason {
            case .torn: return "\(place): cut short, most likely by a crash while it was written"
            case .notAnEntry: return "\(place): not an audit entry (edited by hand?)"
            case .unreadable(let why): return "\(place): \(why)"
            }
        }
    }

    /// What reading the log found: the entries, newest first, and what could not be read.
    public struct Contents: Sendable, Equatable {
        public var entries: [AuditEntry]
        public var damaged: [Damage]
        public init(entries: [AuditEntry], damaged: [Damage]) { self.entries = entries; self.damaged = damaged }
    }

    /// The rotated files there are (audit.jsonl.N), oldest first: every number, gaps and all
    /// (an old file archived by hand leaves a gap).
    func rotated() -> [(number: Int, path: String)] {
        let directory = (path as NSString).deletingLastPathComponent
        let prefix = Self.fileName + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap { name -> (Int, String)? in
            // Up to a billion: a crafted huge number would overflow the next one's.
            guard name.hasPrefix(prefix), let number = Int(name.dropFirst(prefix.count)), number > 0, number < 1_000_000_000,
                  name == prefix + String(number) else { return nil }
            return (number, (directory as NSString).appendingPathComponent(name))
        }.sorted { $0.0 < $1.0 }
    }

    /// The log and its rotated files, newest first. A symbolic link is not followed: the log is
    /// this account's own file, never another one's.
    public func read() -> Contents {
        let files = [path] + rotated().reversed().map(\.path)
        var result = Contents(entries: [], damaged: [])
        let decoder = JSONDecoder()
        for file in files {
            let name = (file as NSString).lastPathComponent
            var info = stat()
            guard lstat(file, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFLNK: result.damaged.append(Damage(name, .unreadable("a symbolic link, not read; the log is a plain file of the account"))); continue
            default: result.damaged.append(Damage(name, .unreadable("not a plain file, not read"))); continue
            }
            let fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { result.damaged.append(Damage(name, .unreadable("cannot be read: \(errnoText())"))); continue }
            let data = FileHandle(fileDescriptor: fd, closeOnDealloc: true).readDataToEndOfFile()
            let lines = data.split(separator: 0x0a, omittingEmptySubsequences: false)
            var entries: [AuditEntry] = []
            for (index, line) in lines.enumerated() where !line.isEmpty {
                if let entry = try? decoder.decode(AuditEntry.self, from: Data(line)) { entries.append(entry) } else {
                    // Cut short: begun as an entry ("{") but not closed ("}"). The next append
                    // closes such a line, so where it sits says nothing.
                    let torn = line.first == UInt8(ascii: "{") && line.last != UInt8(ascii: "}")
                    result.damaged.append(Damage("\(name) line \(index + 1)", torn ? .torn : .notAnEntry))
                }
            }
            result.entries += entries.reversed()
        }
        return result
    }
}

// Glibc's module leaves fallocate(2) out (it is a GNU extension); off_t is 64 bits here.
@_silgen_name("fallocate") private func systemFallocate(_ fd: Int32, _ mode: Int32, _ offset: Int, _ length: Int) -> Int32
