import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a separate lock file (renames replace data files' inodes, so they
/// cannot carry the lock). The kernel drops it when the process dies: no stale locks.
/// The file is only ever opened, never written or truncated: its contents mean nothing, so a
/// symlink or a hard link planted there cannot turn a `phones list` into a write elsewhere.
public struct FileLock: Sendable {
    public let path: String
    public let timeout: Double

    public init(path: String, timeout: Double = 3) { self.path = path; self.timeout = timeout }

    /// Runs `body` holding the lock; waits up to `timeout` seconds, then reports who holds it.
    public func withLock<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let fd = try Self.openLockFile(path)
        defer { close(fd) }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .io(path: path, detail: "cannot lock: \(errnoText())")
            }
            if Date() >= deadline { throw .locked(path: path, holder: LockHolder.pid(ofLockOn: fd).map(String.init)) }
            usleep(10_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Opens (creating, 0600) the lock file without following a symlink and without blocking on
    /// a FIFO, and refuses anything that is not a plain file.
    static func openLockFile(_ path: String) throws(StoreError) -> Int32 {
        let fd = open(path, O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            if code == ELOOP { throw notAFile(path, "a symbolic link") }
            if code == EISDIR { throw notAFile(path, "a directory") }
            throw .io(path: path, detail: "cannot open the lock file: \(String(cString: strerror(code)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let detail = errnoText()
            close(fd)
            throw .io(path: path, detail: "cannot open the lock file: \(detail)")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            close(fd)
            throw notAFile(path, Self.describe(kind))
        }
        return fd
    }

    private static func notAFile(_ path: String, _ what: String) -> StoreError {
        .io(path: path, detail: "the store's lock file is \(what), not a regular file; phonedesk does not use it. Remove it (a new one is created) and try again")
    }

    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        default: return "not a regular file"
        }
    }
}
