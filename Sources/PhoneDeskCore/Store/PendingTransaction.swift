import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes a change of several files all-or-nothing: the exact bytes of every file are first
/// written (atomically) to one journal; then each file is replaced; then the journal is removed.
/// A writer killed in between leaves the journal, and the next writer to take the lock finishes
/// it before doing anything else — so an order is either absent or whole.
struct PendingTransaction: Codable {
    static let fileName = ".pending-transaction.json"
    /// File name → its complete new contents.
    var files: [String: String]

    static func url(in directory: URL) -> URL { directory.appendingPathComponent(fileName) }

    func commit(in directory: URL) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw .io(path: Self.fileName, detail: "cannot encode: \(error)") }
        try AtomicFile.write(data, to: Self.url(in: directory))
        try apply(in: directory)
    }

    func apply(in directory: URL) throws(StoreError) {
        for name in files.keys.sorted() {
            try AtomicFile.write(Data(files[name]!.utf8), to: directory.appendingPathComponent(name))
        }
        unlink(Self.url(in: directory).path)
        AtomicFile.syncDirectory(directory.path)
    }

    /// Finishes a transaction a killed writer left behind. Call with the lock held.
    static func recover(in directory: URL) throws(StoreError) {
        let url = url(in: directory)
        guard let data = FileManager.default.contents(atPath: url.path) else { return }
        guard let pending = try? JSONDecoder().decode(PendingTransaction.self, from: data) else {
            // The journal itself is written atomically, so a broken one was never committed.
            unlink(url.path)
            return
        }
        try pending.apply(in: directory)
    }
}

extension Store {
    /// Takes the store lock, first finishing any interrupted multi-file change.
    func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try lock.withLock { () throws(StoreError) -> T in
            try PendingTransaction.recover(in: directory)
            return try body()
        }
    }
}

extension DocumentFile {
    /// The text `write` would store for `document` (revision bumped), for a transaction.
    func encodedNext(_ document: Document) throws(StoreError) -> (Document, String) {
        var next = document
        next.schemaVersion = Document.knownSchema
        next.revision += 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return (next, String(decoding: try encoder.encode(next), as: UTF8.self) + "\n") } catch {
            throw .io(path: path, detail: "cannot encode: \(error)")
        }
    }
}
