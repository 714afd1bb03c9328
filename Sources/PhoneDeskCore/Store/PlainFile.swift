#if canImport(Glibc)
import Glibc
#endif

/// How phonedesk opens a file of its own inside the data directory, where anyone who can write
/// may have planted something else: a FIFO there blocked open(2) forever while the store's lock
/// was held, and a hard link to a file elsewhere had that file appended to or truncated in place.
enum PlainFile {
    enum Opened {
        /// `.notPlain` and `.failed` as the store's error for `path` (how a reader reports them).
        func error(_ path: String) -> StoreError? {
            switch self {
            case .notPlain(let what): return .io(path: path, detail: "is \(what), not a regular file")
            case .failed(let detail): return .io(path: path, detail: "cannot read: \(detail)")
            case .file, .missing: return nil
            }
        }

        /// A regular file, open for reading; the caller closes it.
        case file(fd: Int32, info: stat)
        case missing
        /// Something else is there: "a FIFO (named pipe)", "a symbolic link", "a directory" …
        case notPlain(String)
        /// open(2) or fstat(2) failed otherwise (errno's text).
        case failed(String)
    }

    /// Opens `path` for reading without waiting for a FIFO's writer (O_NONBLOCK), and only when
    /// it is a regular file; a symlink is refused unless `followingLinks` (the JSON documents,
    /// which an operator may keep elsewhere, are read through one).
    static func openForReading(_ path: String, followingLinks: Bool = false) -> Opened {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        if fd < 0 {
            switch errno {
            case ENOENT: return .missing
            case ELOOP: return .notPlain(FileLock.describe(S_IFLNK))
            default: return .failed(errnoText())
            }
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let detail = errnoText()
            close(fd)
            return .failed(detail)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return .notPlain(FileLock.describe(info.st_mode & S_IFMT))
        }
        return .file(fd: fd, info: info)
    }

    /// Why the open file `fd` may not be written in place (appended to, truncated), or nil: it
    /// must be a regular file with this one name. A second name (a hard link) may be anywhere on
    /// the file system, outside the data directory; O_NOFOLLOW does not see it.
    static func writeRefusal(_ fd: Int32) -> String? {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return "cannot be inspected: \(errnoText())" }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            return "is \(FileLock.describe(kind)), not a plain file; phonedesk writes only plain files in its data directory"
        }
        guard info.st_nlink == 1 else {
            return "has \(info.st_nlink) hard links; phonedesk writes in place only a file no other path shares. Remove the other link"
        }
        return nil
    }
}
