import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One request in nginx's access log, as `log_format phonedesk` writes it (docs/provisioning.md):
/// `$time_iso8601 \t $remote_addr \t "$request" \t $status \t $body_bytes_sent \t "$http_user_agent"`.
public struct Fetch: Hashable, Sendable {
    public var date: Date
    public var client: String
    /// The request's path ("/token/805ec0112233.cfg"), without a query string.
    public var path: String
    public var status: Int
    public var bytes: Int
    public var agent: String

    public init(date: Date, client: String, path: String, status: Int, bytes: Int = 0, agent: String) {
        self.date = date; self.client = client; self.path = path; self.status = status; self.bytes = bytes; self.agent = agent
    }
}

public enum AccessLogLine {
    /// The fetch on one line (without its newline); nil for a line in any other format.
    public static func parse<S: StringProtocol>(_ line: S) -> Fetch? {
        var text = Substring(line)
        if text.hasSuffix("\r") { text.removeLast() }
        let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 6,
              let date = parseTime(fields[0]),
              !fields[1].isEmpty, !fields[1].contains(" "),
              let request = unquoted(fields[2]),
              let status = Int(fields[3]), (100...599).contains(status),
              let bytes = Int(fields[4]), bytes >= 0,
              let agent = unquoted(fields[5]) else { return nil }
        // "GET /token/file HTTP/1.1"
        let parts = request.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 || parts.count == 2, parts[1].hasPrefix("/") else { return nil }
        var path = parts[1]
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        return Fetch(date: date, client: String(fields[1]), path: String(path), status: status, bytes: bytes,
                     agent: agent == "-" ? "" : String(agent))
    }

    static func unquoted(_ field: Substring) -> Substring? {
        guard field.count >= 2, field.first == "\"", field.last == "\"" else { return nil }
        return field.dropFirst().dropLast()
    }

    /// nginx's `$time_iso8601`: "2026-11-28T14:02:05+01:00" (also "…Z").
    static func parseTime(_ field: Substring) -> Date? {
        let b = Array(field.utf8)
        guard b.count == 25 || b.count == 20 else { return nil }
        func number(_ at: Int, _ length: Int) -> Int? {
            var value = 0
            for i in at..<(at + length) {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        func byte(_ at: Int, _ c: Unicode.Scalar) -> Bool { b[at] == UInt8(ascii: c) }
        guard let year = number(0, 4), byte(4, "-"), let month = number(5, 2), byte(7, "-"), let day = number(8, 2),
              byte(10, "T"), let hour = number(11, 2), byte(13, ":"), let minute = number(14, 2), byte(16, ":"),
              let second = number(17, 2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var offset = 0
        if b.count == 20 {
            guard byte(19, "Z") else { return nil }
        } else {
            guard byte(19, "+") || byte(19, "-"), let oh = number(20, 2), byte(22, ":"), let om = number(23, 2) else { return nil }
            offset = (oh * 3600 + om * 60) * (byte(19, "-") ? -1 : 1)
        }
        // Days from the civil date (Howard Hinnant's algorithm), so no calendar or locale is involved.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// Reads an access log a piece at a time: only the bytes added since the last read. It keeps the
/// file's inode and the offset read to, and starts over at 0 when the file is another one
/// (rotated: a new inode at the path) or shorter than the offset (truncated). A last line
/// without its newline is kept until the rest arrives.
public struct AccessLogReader: Sendable {
    public let path: String
    public private(set) var inode: UInt64?
    public private(set) var offset: UInt64 = 0
    /// Lines in another format, since the reader was made.
    public private(set) var skipped = 0
    private var partial: [UInt8] = []
    /// Bytes read at most per call, so that a huge first read does not hold everything at once.
    public var chunk = 4 << 20

    public init(path: String) { self.path = path }

    public enum Problem: Error, Equatable, Sendable {
        case missing(String)
        case unreadable(String)

        public var message: String {
            switch self {
            case .missing(let path): "the access log \(path) does not exist (yet); fetch status unknown"
            case .unreadable(let detail): "cannot read the access log: \(detail); fetch status unknown"
            }
        }
    }

    /// The fetches on the lines completed since the last call (in file order).
    public mutating func read() -> Result<[Fetch], Problem> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let code = errno
            return .failure(code == ENOENT ? .missing(path) : .unreadable("\(path): \(String(cString: strerror(code)))"))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable("\(path): \(String(cString: strerror(errno)))")) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("\(path) is not a file")) }
        let size = UInt64(info.st_size)
        let node = UInt64(info.st_ino)
        if node != inode || size < offset {
            // Rotated or truncated: the new file is read from its start; a partial line of the old one is dropped.
            inode = node
            offset = 0
            partial = []
        }
        var fetches: [Fetch] = []
        while offset < size {
            let want = Int(min(UInt64(chunk), size - offset))
            var buffer = [UInt8](repeating: 0, count: want)
            let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(offset)) }
            if got < 0 { return .failure(.unreadable("\(path): \(String(cString: strerror(errno)))")) }
            if got == 0 { break }
            offset += UInt64(got)
            consume(buffer[0..<got], into: &fetches)
        }
        return .success(fetches)
    }

    private mutating func consume(_ bytes: ArraySlice<UInt8>, into fetches: inout [Fetch]) {
        var start = bytes.startIndex
        while let newline = bytes[start...].firstIndex(of: 0x0A) {
            let line: String
            if partial.isEmpty {
                line = String(decoding: bytes[start..<newline], as: UTF8.self)
            } else {
                partial.append(contentsOf: bytes[start..<newline])
                line = String(decoding: partial, as: UTF8.self)
                partial = []
            }
            start = newline + 1
            if line.isEmpty { continue }
            if let fetch = AccessLogLine.parse(line) { fetches.append(fetch) } else { skipped += 1 }
        }
        partial.append(contentsOf: bytes[start...])
        // A "line" with no newline for megabytes is not a log line: dropped and counted.
        if partial.count > 1 << 20 { partial = []; skipped += 1 }
    }
}

/// The last successful fetch of one phone's files.
public struct PhoneFetch: Hashable, Sendable {
    public var date: Date
    public var client: String
    public var agent: String

    public init(date: Date, client: String, agent: String) { self.date = date; self.client = client; self.agent = agent }

    /// "T46U 108.86.0.45" — or the raw agent cut to 40 characters.
    public var device: String { UserAgentSummary.summary(agent) }
}

/// Which phone a served file belongs to: its secret → the phone and the files it fetches there,
/// built once per data change.
public struct FetchIndex: Sendable {
    public let phoneBySecret: [String: (id: Int, files: [String])]

    public init(_ data: AccountData) {
        var map: [String: (id: Int, files: [String])] = [:]
        map.reserveCapacity(data.phones.count)
        for phone in data.phones {
            guard let secret = phone.secret else { continue }
            let files = ProvisioningRenderer.fileNames(for: phone)
            if !files.isEmpty { map[secret] = (phone.id, files) }
        }
        phoneBySecret = map
    }

    /// The phone a fetch was of: status 200 for one of its own files under its own secret,
    /// `/<secret>/<file>` (or a path ending so, for a tree served under a prefix). Its image
    /// and the old account URL do not count: only a fetch of its configuration does.
    public func phone(of fetch: Fetch) -> Int? {
        guard fetch.status == 200 else { return nil }
        let parts = fetch.path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, let entry = phoneBySecret[String(parts[parts.count - 2])],
              entry.files.contains(String(parts[parts.count - 1])) else { return nil }
        return entry.id
    }

    /// Adds `fetches` to the last fetch per phone (a later fetch wins).
    public func record(_ fetches: [Fetch], into last: inout [Int: PhoneFetch]) {
        for fetch in fetches {
            guard let id = phone(of: fetch) else { continue }
            if let known = last[id], known.date > fetch.date { continue }
            last[id] = PhoneFetch(date: fetch.date, client: fetch.client, agent: fetch.agent)
        }
    }
}

/// What the Status column and `phones list --json` say about a phone's fetches.
public enum FetchStatus: Hashable, Sendable {
    /// No access log configured, or it could not be read.
    case unknown
    /// Awaiting delivery: no MAC, no file.
    case noFile
    case never
    /// Its file changed after its last fetch.
    case waiting(PhoneFetch)
    case fetched(PhoneFetch)

    /// "unknown", "never", "waiting", "fetched" (nil for a phone without a file).
    public var word: String? {
        switch self {
        case .unknown: "unknown"
        case .noFile: nil
        case .never: "never"
        case .waiting: "waiting"
        case .fetched: "fetched"
        }
    }

    public var fetch: PhoneFetch? {
        switch self {
        case .waiting(let f), .fetched(let f): f
        default: nil
        }
    }

    /// `fileChanged` is the newest modification time of the phone's files (nil: none on disk).
    /// A file written in the same second as the fetch counts as fetched (nginx logs whole seconds).
    public static func of(_ phone: Phone, last: PhoneFetch?, fileChanged: Date?) -> FetchStatus {
        guard phone.mac != nil else { return .noFile }
        guard let last else { return .never }
        if let changed = fileChanged, changed.timeIntervalSince1970.rounded(.down) > last.date.timeIntervalSince1970 { return .waiting(last) }
        return .fetched(last)
    }

    /// "14:02" today (in the local time zone), else "2026-11-28".
    public static func shortTime(_ date: Date, now: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let a = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        if calendar.isDate(date, inSameDayAs: now) {
            return String(format: "%02d:%02d", a.hour ?? 0, a.minute ?? 0)
        }
        return String(format: "%04d-%02d-%02d", a.year ?? 0, a.month ?? 0, a.day ?? 0)
    }
}

extension FetchIndex {
    /// The newest modification time of each phone's files in `root` (the tree: `<secret>/<file>`), by phone id.
    public static func fileTimes(_ data: AccountData, root: URL) -> [Int: Date] {
        var out: [Int: Date] = [:]
        for phone in data.phones {
            guard let secret = phone.secret else { continue }
            for name in ProvisioningRenderer.fileNames(for: phone) {
                var info = stat()
                guard stat(root.path + "/" + secret + "/" + name, &info) == 0 else { continue }
                #if canImport(Darwin)
                let seconds = TimeInterval(info.st_mtimespec.tv_sec)
                #else
                let seconds = TimeInterval(info.st_mtim.tv_sec)
                #endif
                let date = Date(timeIntervalSince1970: seconds)
                if out[phone.id].map({ date > $0 }) ?? true { out[phone.id] = date }
            }
        }
        return out
    }
}

/// The model and firmware from a desk phone's User-Agent.
public enum UserAgentSummary {
    public static func summary(_ agent: String) -> String {
        let words = agent.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == ";" }).map(String.init)
        func after(_ key: String, _ n: Int = 1) -> String? {
            guard let i = words.firstIndex(where: { $0.caseInsensitiveCompare(key) == .orderedSame }), i + n < words.count else { return nil }
            return words[i + n]
        }
        func isVersion(_ s: String) -> Bool { s.first?.isNumber == true && s.contains(".") }
        // Yealink SIP-T46U 108.86.0.45 …
        if let model = after("Yealink"), let version = after("Yealink", 2), isVersion(version) {
            return "\(model.hasPrefix("SIP-") ? String(model.dropFirst(4)) : model) \(version)"
        }
        // Grandstream Model HW GXP2170 SW 1.0.11.23 DevId …
        if agent.hasPrefix("Grandstream"), let hw = after("HW"), let sw = after("SW") { return "\(hw) \(sw)" }
        // Mozilla/4.0 (compatible; snom D785 10.1.73.16 …)
        if let model = after("snom"), let version = after("snom", 2), isVersion(version) { return "\(model) \(version)" }
        // FileTransport PolycomVVX-VVX_450-UA/6.4.3.5017
        if let word = words.first(where: { $0.hasPrefix("Polycom") }), let slash = word.firstIndex(of: "/") {
            let parts = word[..<slash].split(separator: "-")
            let model = parts.count >= 2 ? parts[1].replacingOccurrences(of: "_", with: " ") : String(word[..<slash])
            return "\(model) \(word[word.index(after: slash)...])"
        }
        // Cisco-CP-8851-3PCC/11.3.7 (…)
        if let word = words.first(where: { $0.hasPrefix("Cisco-") }), let slash = word.firstIndex(of: "/") {
            let name = word[..<slash].split(separator: "-").dropFirst().filter { $0 != "CP" }.joined(separator: "-")
            return "\(name) \(word[word.index(after: slash)...])"
        }
        // Fanvil X6U 2.12.5 …
        if let model = after("Fanvil"), let version = after("Fanvil", 2), isVersion(version) { return "\(model) \(version)" }
        let flat = agent.map { $0.isASCII && $0.asciiValue! < 0x20 ? " " : $0 }
        return String(String(flat).prefix(40))
    }
}

public enum AccessLogRules {
    /// An absolute path with no control characters; whether it exists is checked when read
    /// (nginx may not have written it yet).
    public static func pathProblem(_ path: String) -> String? {
        if !path.hasPrefix("/") { return "must be an absolute path (e.g. /var/log/nginx/phonedesk.log)" }
        if path.count > 4096 { return "is longer than 4096 characters" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "must not contain control characters" }
        return nil
    }
}

/// The fetch status of every phone, kept up to date by reading the log incrementally: the
/// reader and the last fetch per phone survive between calls; the file → phone index is rebuilt
/// only when the data changes. Not thread-safe: owned by one caller (the CLI, or the runtime's
/// background poll).
public struct FetchTracker: Sendable {
    public private(set) var reader: AccessLogReader
    public private(set) var last: [Int: PhoneFetch] = [:]
    private var index: FetchIndex?
    private var indexedData: AccountData?

    public init(path: String) { reader = AccessLogReader(path: path) }

    public var path: String { reader.path }
    public var skipped: Int { reader.skipped }

    /// Reads what was added to the log, and the status of each phone (by id). `root` is the
    /// account's served tree, for the files' modification times.
    public mutating func update(_ data: AccountData, root: URL?) -> (statuses: [Int: FetchStatus], problem: AccessLogReader.Problem?) {
        if indexedData != data {
            index = FetchIndex(data)
            indexedData = data
            var rematched: [Int: PhoneFetch] = [:]
            // Phone ids are not reused, but a phone's MAC may change: everything is re-matched.
            index!.record(allSeen, into: &rematched)
            last = rematched
        }
        let problem: AccessLogReader.Problem?
        switch reader.read() {
        case .success(let fetches):
            let relevant = fetches.filter { $0.status == 200 }
            index!.record(relevant, into: &last)
            remember(relevant)
            problem = nil
        case .failure(let failure):
            problem = failure
        }
        let times = root.map { FetchIndex.fileTimes(data, root: $0) } ?? [:]
        var statuses: [Int: FetchStatus] = [:]
        for phone in data.phones {
            statuses[phone.id] = problem != nil && phone.mac != nil && last[phone.id] == nil
                ? .unknown : FetchStatus.of(phone, last: last[phone.id], fileChanged: times[phone.id])
        }
        return (statuses, problem)
    }

    /// The last 200 of each served path, so that a data change can re-match them without
    /// reading the log again.
    private var seenByPath: [String: Fetch] = [:]
    private var allSeen: [Fetch] { Array(seenByPath.values) }
    private mutating func remember(_ fetches: [Fetch]) {
        for fetch in fetches {
            if seenByPath.count >= 100_000, seenByPath[fetch.path] == nil { continue }
            if let known = seenByPath[fetch.path], known.date > fetch.date { continue }
            seenByPath[fetch.path] = fetch
        }
    }
}
