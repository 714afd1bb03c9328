import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file replacement: temp file (O_EXCL, 0600) → write → fsync → rename → fsync dir.
/// Foundation's `.atomic` widens 0600 to 0644 and skips the directory fsync on this toolchain.
public enum AtomicFile {
    public static let tempMarker = ".tmp-"

    /// `durable: false` skips both fsyncs (bulk writes that sync the file system once at the end).
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws(StoreError) {
        let directory = url.deletingLastPathComponent().path
        let temp = "\(directory)/.\(url.lastPathComponent)\(tempMarker)\(getpid())-\(UInt32.random(in: .min ... .max))"
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: temp, detail: "cannot create: \(errnoText())") }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written, !durable || fsync(fd) == 0 else {
            let detail = errnoText()
            close(fd)
            throw .io(path: url.path, detail: "cannot write: \(detail)")
        }
        close(fd)
        guard rename(temp, url.path) == 0 else { throw .io(path: url.path, detail: "cannot replace: \(errnoText())") }
        ok = true
        if durable { syncDirectory(directory) }
    }

    static func syncDirectory(_ path: String) {
        let dirFD = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirFD >= 0 else { return }
        fsync(dirFD)
        close(dirFD)
    }

    /// Removes temp files a killed writer left behind. Call with the store lock held.
    public static func removeLeftovers(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(".") && name.contains(tempMarker) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }
