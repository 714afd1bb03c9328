import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file replacement: the bytes go to a new unnamed file (O_TMPFILE, 0600), which is
/// fsynced and then linked in under the target's name — or, when the target exists, under a temp
/// name that is renamed over it — and the directory is fsynced. A new file costs one directory
/// entry instead of a temp entry and a rename (a bulk import writes 100,000), and a writer killed
/// before the link leaves nothing behind. File systems without O_TMPFILE get the classic
/// temp file (O_EXCL) and rename. Foundation's `.atomic` widens 0600 to 0644 and skips the
/// directory fsync on this toolchain.
public enum AtomicFile {
    public static let tempMarker = ".tmp-"

    /// `durable: false` skips both fsyncs (bulk writes that sync the file system once at the end).
    /// `mode` and `group` are given to the file before it gets its name (the provisioning tree
    /// served to nginx's group: 0640); it is never visible under its name with other modes.
    public static func write(_ data: Data, to url: URL, durable: Bool = true, mode: mode_t = 0o600, group: gid_t? = nil) throws(StoreError) {
        let failure = data.withUnsafeBytes { buffer -> StoreError? in
            do throws(StoreError) { try write(buffer, toPath: url.path, durable: durable, mode: mode, group: group) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// `replacing`: the target is known to exist, so the unnamed file would only be linked
    /// under a temp name and renamed: the temp file is made directly (two calls fewer a file when
    /// a PIN change replaces 100,000 of them).
    public static func write(_ bytes: UnsafeRawBufferPointer, toPath path: String, durable: Bool = true,
                             mode: mode_t = 0o600, group: gid_t? = nil, replacing: Bool = false) throws(StoreError) {
        try write(toPath: path, durable: durable, unnamedAllowed: !replacing, mode: mode, group: group) { $0.write(bytes) }
    }

    /// Writes what `produce` puts into the sink (buffered), with the same guarantees: a large
    /// file (phones.json) is streamed to disk instead of being built in memory first.
    /// `unnamedAllowed: false` takes the classic path (for tests of file systems without O_TMPFILE).
    static func write(toPath path: String, durable: Bool = true, unnamedAllowed: Bool = true, mode: mode_t = 0o600, group: gid_t? = nil,
                      _ produce: (inout FileSink) -> Void) throws(StoreError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temp = "\(directory)/.\(name)\(tempMarker)\(getpid())-\(UInt32.random(in: .min ... .max))"
        // __O_TMPFILE is the same bit on every Linux architecture; O_DIRECTORY is not. Naming
        // the file later goes through /proc/self/fd.
        var fd = procFD && unnamedAllowed ? open(directory, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600) : -1
        let unnamed = fd >= 0
        if !unnamed {
            fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .io(path: temp, detail: "cannot create: \(errnoText())") }
        }
        var named = !unnamed
        defer { if named { unlink(temp) } }
        var sink = FileSink(fd: fd)
        produce(&sink)
        // The group first (chown may clear mode bits), then the mode; both before the name.
        if let group, fchown(fd, uid_t.max, group) != 0 {
            let detail = errnoText()
            close(fd)
            throw .io(path: path, detail: "cannot give the file to group \(group): \(detail)")
        }
        if mode != 0o600, fchmod(fd, mode) != 0 {
            let detail = errnoText()
            close(fd)
            throw .io(path: path, detail: "cannot set the file's mode: \(detail)")
        }
        guard sink.flush(), !durable || fsync(fd) == 0 else {
            let detail = errnoText()
            close(fd)
            throw .io(path: path, detail: "cannot write: \(detail)")
        }
        if unnamed {
            let handle = "/proc/self/fd/\(fd)"
            if linkat(AT_FDCWD, handle, AT_FDCWD, path, AT_SYMLINK_FOLLOW) == 0 {
                close(fd)
                if durable { syncDirectory(directory) }
                return
            }
            guard errno == EEXIST, linkat(AT_FDCWD, handle, AT_FDCWD, temp, AT_SYMLINK_FOLLOW) == 0 else {
                let detail = errnoText()
                close(fd)
                throw .io(path: path, detail: "cannot create: \(detail)")
            }
            named = true
        }
        close(fd)
        guard rename(temp, path) == 0 else { throw .io(path: path, detail: "cannot replace: \(errnoText())") }
        named = false
        if durable { syncDirectory(directory) }
    }

    private static let procFD = access("/proc/self/fd", F_OK) == 0

    /// Bytes on their way to a file descriptor, 64 KiB at a time; the first failure sticks.
    struct FileSink {
        let fd: Int32
        private var buffer: [UInt8] = []
        private var failed = false

        init(fd: Int32) {
            self.fd = fd
            buffer.reserveCapacity(1 << 16)
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) {
            if buffer.count + bytes.count > 1 << 16 { _ = flush() }
            if bytes.count > 1 << 16 {
                failed = failed || !Self.writeAll(fd, bytes)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        mutating func write(_ text: String) {
            var text = text
            text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
        }

        /// Writes out what is buffered; false when any write failed.
        mutating func flush() -> Bool {
            if !buffer.isEmpty {
                failed = buffer.withUnsafeBytes { !Self.writeAll(fd, $0) } || failed
                buffer.removeAll(keepingCapacity: true)
            }
            return !failed
        }

        /// Writes all of `buffer`, past short writes and EINTR; false on an error (errno says).
        static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Bool {
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    static func syncDirectory(_ path: String) {
        let dirFD = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { return }
        fsync(dirFD)
        close(dirFD)
    }

    /// Removes temp files a killed writer left behind: only names `write` makes — "." + the
    /// target + ".tmp-" + pid + "-" + number — and, given `targets`, only for those targets.
    /// Anything else is someone's file (".bashrc.tmp-save" used to be deleted). Call with the
    /// store lock held.
    public static func removeLeftovers(in directory: URL, targets: Set<String>? = nil) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where isLeftover(name, targets: targets) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    /// Whether `name` is a temp file `write` makes for one of `targets` (any target when nil).
    static func isLeftover(_ name: String, targets: Set<String>? = nil) -> Bool {
        guard name.hasPrefix(".") else { return false }
        let rest = name.dropFirst()
        guard let marker = rest.range(of: tempMarker, options: .backwards) else { return false }
        let target = String(rest[..<marker.lowerBound])
        let tail = name[marker.upperBound...].split(separator: "-", omittingEmptySubsequences: false)
        guard !target.isEmpty, tail.count == 2,
              tail.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }) else { return false }
        return targets?.contains(target) ?? true
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
