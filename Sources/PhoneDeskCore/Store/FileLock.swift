import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a separate lock file (renames replace data files' inodes, so they
/// cannot carry the lock). The kernel drops it when the process dies: no stale locks.
public struct FileLock: Sendable {
    public let path: String
    public let timeout: Double

    public init(path: String, timeout: Double = 3) { self.path = path; self.timeout = timeout }

    /// Runs `body` holding the lock; waits up to `timeout` seconds, then reports who holds it.
    public func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(path: path, detail: "cannot open lock file: \(errnoText())") }
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .io(path: path, detail: "cannot lock: \(errnoText())")
            }
            if Date() >= deadline { throw .locked(path: path, holder: holderPID(fd)) }
            usleep(10_000)
        }
        defer { flock(fd, LOCK_UN) }
        // Record the holder so a waiting operator is told which process has the store.
        let pid = "\(getpid())\n"
        ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        return try body()
    }

    private func holderPID(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
