import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes the provisioning tree `DIR/provisioning/<token>/` atomically, file by file.
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

    func ensureRoot(_ token: String) throws(StoreError) -> URL {
        let url = try root(token)
        do {
            try FileManager.default.createDirectory(at: url.appendingPathComponent("backgrounds"), withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch { throw .io(path: url.path, detail: "cannot create the provisioning directory: \(error.localizedDescription)") }
        return url
    }

    /// Regenerates the files of `phones` and removes `stale` file names no longer produced.
    /// `durable: false` (bulk imports) skips the per-file fsync and syncs the tree once at the end.
    func sync(_ phones: some Collection<Phone>, in data: AccountData, removing stale: [String] = [], durable: Bool = true) throws(StoreError) {
        let root = try ensureRoot(data.account.token)
        var written = Set<String>()
        for phone in phones {
            for file in ProvisioningRenderer.files(for: phone, in: data) {
                try write(file, in: root, durable: durable)
                written.insert(file.name)
            }
        }
        if !durable { Self.syncFileSystem(of: root) }
        for name in stale where !written.contains(name) {
            unlink(root.appendingPathComponent(name).path)
        }
    }

    /// Regenerates every phone's files and removes files no phone produces any more. Each file
    /// is replaced atomically but not fsynced one by one: a PIN change rewrites a file per phone,
    /// and 100,000 fsyncs would hold the store's lock for minutes; one sync at the end instead.
    func syncAll(_ data: AccountData) throws(StoreError) {
        let root = try ensureRoot(data.account.token)
        // The names written, as hashes: 100,000 file names as strings would be ~13 MB more in
        // the panel while it reprovisions. Two names sharing a 64-bit hash would only keep one
        // stale file.
        var expected = Set<Int>()
        expected.reserveCapacity(data.phones.count)
        for phone in data.phones {
            for file in ProvisioningRenderer.files(for: phone, in: data) {
                try write(file, in: root, durable: false)
                expected.insert(file.name.hashValue)
            }
        }
        var stale: [String] = []
        Self.forEachEntry(in: root.path) { name in
            if name != "backgrounds", !name.hasPrefix("."), !expected.contains(name.hashValue) { stale.append(name) }
        }
        for name in stale { unlink(root.path + "/" + name) }
        Self.syncFileSystem(of: root)
    }

    /// The directory's entries one at a time (readdir), not as one array of 100,000 names.
    private static func forEachEntry(in path: String, _ body: (String) -> Void) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { body(name) }
        }
    }

    private func write(_ file: ProvisioningFile, in root: URL, durable: Bool = true) throws(StoreError) {
        let path = root.path + "/" + file.name
        var contents = file.contents
        let failure = contents.withUTF8 { bytes -> StoreError? in
            // Unchanged files are left alone: no write, and the phone sees the same file.
            if Self.holds(path, UnsafeRawBufferPointer(bytes)) { return nil }
            do throws(StoreError) { try AtomicFile.write(UnsafeRawBufferPointer(bytes), toPath: path, durable: durable) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// Whether the file at `path` holds exactly `bytes` (false when it does not exist).
    private static func holds(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        var current = [UInt8](repeating: 0, count: bytes.count)
        let n = current.withUnsafeMutableBytes { read(fd, $0.baseAddress, bytes.count) }
        return n == bytes.count && current.withUnsafeBytes { $0.elementsEqual(bytes) }
    }

    /// One flush for a bulk write (syncfs is not exported to Swift; sync is the portable form).
    static func syncFileSystem(of directory: URL) {
        Glibc.sync()
        AtomicFile.syncDirectory(directory.path)
    }
}
