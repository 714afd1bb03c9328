import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads and writes one `StoreDocument` in a directory, with the store's error rules.
struct DocumentFile<Document: StoreDocument>: Sendable {
    let url: URL

    init(in directory: URL) { url = directory.appendingPathComponent(Document.fileName) }

    var path: String { url.path }

    private struct Header: Decodable { var schemaVersion: Int }

    struct Loaded {
        var document: Document
        /// Set when the file comes from a newer phonedesk: it must never be written.
        var newerSchema: StoreError?
    }

    /// The largest file read: the size is checked before a byte is read or allocated (a 1 GB
    /// phones.json used to be read whole before being refused). 100,000 phones are ~15 MB.
    static var sizeCap: Int { Document.self == PhonesDocument.self ? 256 << 20 : 16 << 20 }

    /// Nil when the file does not exist. Whichever reader decoded it, the document's rules
    /// (DocumentRules.swift) are checked once here.
    func read() throws(StoreError) -> Loaded? {
        guard let loaded = try decode() else { return nil }
        if let problem = loaded.document.problem() { throw .corrupt(path: path, detail: problem) }
        return loaded
    }

    private func decode() throws(StoreError) -> Loaded? {
        // The fast path for the big file; anything unusual takes the careful path below.
        if Document.self == PhonesDocument.self, let fast = Self.streamPhones(path) as? Document {
            let newer: StoreError? = fast.schemaVersion > Document.knownSchema
                ? .newerSchema(path: path, found: fast.schemaVersion, known: Document.knownSchema) : nil
            return Loaded(document: fast, newerSchema: newer)
        }
        guard let bytes = try Self.readBytes(path, cap: Self.sizeCap) else { return nil }
        if let location = JSONErrorLocator.locate(bytes) {
            throw .corrupt(path: path, detail: location.description)
        }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: data) else {
            throw .corrupt(path: path, detail: "no \"schemaVersion\" number at the top level")
        }
        let newer: StoreError? = header.schemaVersion > Document.knownSchema
            ? .newerSchema(path: path, found: header.schemaVersion, known: Document.knownSchema) : nil
        do {
            return Loaded(document: try decoder.decode(Document.self, from: data), newerSchema: newer)
        } catch let error as DecodingError {
            if let newer { throw newer }
            throw .corrupt(path: path, detail: Self.describe(error))
        } catch {
            throw .corrupt(path: path, detail: "\(error)")
        }
    }

    /// phones.json through the streaming reader; nil when that cannot read it (the careful path
    /// then reads it again and says what is wrong).
    static func streamPhones(_ path: String) -> PhonesDocument? {
        guard case .file(let fd, let info) = PlainFile.openForReading(path, followingLinks: true) else { return nil }
        defer { close(fd) }
        guard Int(info.st_size) <= sizeCap else { return nil }
        return PhonesReader.read(fd, size: Int(info.st_size))
    }

    /// The file's bytes read straight into one array (no Data copy: phones.json can be 15 MB);
    /// nil when the file does not exist. `limit` reads only the start; a file larger than `cap`
    /// is refused before anything is allocated.
    static func readBytes(_ path: String, limit: Int = .max, cap: Int = .max) throws(StoreError) -> [UInt8]? {
        let opened = PlainFile.openForReading(path, followingLinks: true)
        if let error = opened.error(path) { throw error }
        guard case .file(let fd, let info) = opened else { return nil }
        defer { close(fd) }
        if Int(info.st_size) > cap { throw .corrupt(path: path, detail: SizeCap.tooLarge(Int(info.st_size), cap)) }
        var bytes = [UInt8](repeating: 0, count: min(limit, Int(info.st_size)))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, $0.count - done, off_t(done)) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw .io(path: path, detail: "cannot read: \(n < 0 ? errnoText() : "the file shrank while being read")") }
            done += n
        }
        return bytes
    }

    /// Writes `document` with its revision bumped; returns what was written.
    @discardableResult
    func write(_ document: Document) throws(StoreError) -> Document {
        let next = try next(document)
        try AtomicFile.write(toPath: path, try contents(next))
        return next
    }

    /// `document` as the next write stores it: this program's schema, the revision bumped (a
    /// hand-edited revision at the largest integer is refused, not wrapped or trapped).
    func next(_ document: Document) throws(StoreError) -> Document {
        var next = document
        next.schemaVersion = Document.knownSchema
        guard let revision = document.revision.plus(1) else {
            throw .corrupt(path: path, detail: "revision \(document.revision) is the largest there is; phonedesk cannot save the file again until it is lowered")
        }
        next.revision = revision
        return next
    }

    /// How `document` goes to disk: phones.json streamed phone by phone (as JSONEncoder would
    /// write it), the small files encoded whole.
    func contents(_ document: Document) throws(StoreError) -> (inout AtomicFile.FileSink) -> Void {
        if let phones = document as? PhonesDocument { return { PhonesWriter.write(phones, into: &$0) } }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(document) + Data("\n".utf8) } catch {
            throw .io(path: path, detail: "cannot encode: \(error)")
        }
        return { sink in data.withUnsafeBytes { sink.write($0) } }
    }

    /// The file's identity and size and mtime: it changes whenever another process saves.
    func fingerprint() -> [Int] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [0] }
        return [Int(info.st_ino), Int(info.st_size), info.st_mtim.tv_sec, info.st_mtim.tv_nsec]
    }

    static func describe(_ error: DecodingError) -> String {
        func where_(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "at the top level" : "at \(text.hasPrefix(".") ? String(text.dropFirst()) : text)"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" \(where_(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(context.debugDescription) \(where_(context.codingPath))"
        case .dataCorrupted(let context):
            return "\(context.debugDescription) \(where_(context.codingPath))"
        @unknown default:
            return "\(error)"
        }
    }
}
