import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Makes a change of several files all-or-nothing. Each new file is first written whole (and
/// fsynced) beside its target as `.pending-NAME`; then a manifest naming them is written
/// atomically — the commit point; then each staged file is renamed over its target and the
/// manifest removed. A writer killed before the manifest leaves only staged files, which the next
/// writer deletes; killed after it, the next writer to take the lock finishes the renames (a
/// rename already done has no staged file left) — so an order is either absent or whole. The
/// files are staged as files, not inside the manifest, so a 15 MB phones.json is streamed to
/// disk once instead of being encoded into JSON in memory.
struct PendingTransaction {
    static let fileName = ".pending-transaction.json"
    static let stagedPrefix = ".pending-"

    let directory: URL
    private(set) var names: [String] = []

    init(in directory: URL) { self.directory = directory }

    static func url(in directory: URL) -> URL { directory.appendingPathComponent(fileName) }

    static func stagedPath(_ name: String, in directory: URL) -> String {
        directory.appendingPathComponent(stagedPrefix + name).path
    }

    /// Stages the complete new contents of `name`.
    mutating func stage(_ name: String, text: String) throws(StoreError) {
        try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: Self.stagedPath(name, in: directory)))
        names.append(name)
    }

    /// Stages a file written by `produce` (streamed).
    mutating func stage(_ name: String, _ produce: (inout AtomicFile.FileSink) -> Void) throws(StoreError) {
        try AtomicFile.write(toPath: Self.stagedPath(name, in: directory), produce)
        names.append(name)
    }

    /// Writes the manifest (the commit point), then puts every staged file in place.
    func commit() throws(StoreError) {
        let manifest = Manifest(files: names)
        let data: Data
        do { data = try JSONEncoder().encode(manifest) } catch { throw .io(path: Self.fileName, detail: "cannot encode: \(error)") }
        try AtomicFile.write(data, to: Self.url(in: directory))
        try Self.apply(manifest, in: directory)
    }

    struct Manifest: Codable { var files: [String] }

    static func apply(_ manifest: Manifest, in directory: URL) throws(StoreError) {
        for name in manifest.files {
            let staged = stagedPath(name, in: directory)
            let target = directory.appendingPathComponent(name).path
            if rename(staged, target) != 0, errno != ENOENT {
                throw .io(path: target, detail: "cannot replace: \(errnoText())")
            }
        }
        AtomicFile.syncDirectory(directory.path)
        unlink(url(in: directory).path)
        AtomicFile.syncDirectory(directory.path)
    }

    /// Finishes a transaction a killed writer committed, or forgets one it had not. Call with
    /// the lock held.
    static func recover(in directory: URL) throws(StoreError) {
        let url = url(in: directory)
        if let bytes = try DocumentFile<CartDocument>.readBytes(url.path, cap: 1 << 20) {
            // Only plain file names: a manifest never sends a rename outside the directory.
            if let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(bytes)),
               manifest.files.allSatisfy({ !$0.isEmpty && !$0.contains("/") && $0 != "." && $0 != ".." }) {
                try apply(manifest, in: directory)
            } else {
                // The manifest is written atomically, so a broken one was never committed.
                unlink(url.path)
            }
        }
        // Files staged for a transaction that never committed: ".pending-" + a file of the
        // store's only; another ".pending-…" is not phonedesk's.
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(stagedPrefix) && name != fileName && Store.ownFiles.contains(name) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}

extension Store {
    /// Takes the store lock, first finishing any interrupted multi-file change. A change whose
    /// audit entries were written but which then failed is recorded again as not made.
    func locked<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try lock.withLock { () throws(StoreError) -> T in
            try PendingTransaction.recover(in: directory)
            audit.beginChange()
            do throws(StoreError) { return try body() } catch {
                audit.changeFailed(error.description)
                throw error
            }
        }
    }
}

extension DocumentFile {
    /// Stages what `write` would store for `document` in `transaction`; returns the document as
    /// it will be.
    func stageNext(_ document: Document, in transaction: inout PendingTransaction) throws(StoreError) -> Document {
        let next = try next(document)
        try transaction.stage(Document.fileName, try contents(next))
        return next
    }
}
