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
        var marked = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                throw .io(path: path, detail: "cannot lock: \(errnoText())")
            }
            if Date() >= deadline { throw .locked(path: path, holder: LockHolder.pid(ofLockOn: fd).map(String.init)) }
            // Tells a holder that lets go between chunks (a long re-provisioning) that someone waits.
            if !marked { marked = Self.markWaiting(fd, F_RDLCK) }
            usleep(Self.retry)
        }
        if marked { _ = Self.markWaiting(fd, F_UNLCK) }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// How often a waiter tries again.
    static let retry: useconds_t = 3_000

    /// Whether another open of the lock file waits for it now: a holder that works in chunks
    /// pauses for it between them, and only then (`waitForWaiters`).
    public func someoneWaits() -> Bool {
        guard let fd = try? Self.openLockFile(path) else { return false }
        defer { close(fd) }
        var query = Self.waitingRange(F_WRLCK)
        return fcntl(fd, Self.ofdGetLock, &query) == 0 && query.l_type != Int16(F_UNLCK)
    }

    /// Lets the waiters take the lock: returns once none is left waiting (each has taken it, or
    /// given up), or after `limit` seconds.
    public func waitForWaiters(limit: Double) {
        let deadline = Date().addingTimeInterval(limit)
        while someoneWaits(), Date() < deadline { usleep(1_000) }
    }

    // A waiter holds a shared open-file-description lock on byte 1 of the lock file while it
    // waits. OFD locks are independent of flock, held per open (two threads of one process are
    // two waiters, as two processes are) and dropped by the kernel when the file is closed.
    private static let ofdGetLock: Int32 = 36  // F_OFD_GETLK
    private static let ofdSetLock: Int32 = 37  // F_OFD_SETLK

    private static func waitingRange(_ type: Int32) -> Glibc.flock {
        var range = Glibc.flock()
        range.l_type = Int16(type)
        range.l_whence = Int16(SEEK_SET)
        range.l_start = 1
        range.l_len = 1
        range.l_pid = 0
        return range
    }

    private static func markWaiting(_ fd: Int32, _ type: Int32) -> Bool {
        var range = waitingRange(type)
        return fcntl(fd, ofdSetLock, &range) == 0
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
