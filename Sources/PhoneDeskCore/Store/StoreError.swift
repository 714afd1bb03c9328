/// Everything that can go wrong reading or writing the data directory, worded for the operator.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file is not valid JSON, or not the shape expected; its bytes are left untouched.
    case corrupt(path: String, detail: String)
    /// Another phonedesk holds the lock for longer than we waited.
    case locked(path: String, holder: String?)
    /// A file was written by a newer phonedesk: it is read, never written.
    case newerSchema(path: String, found: Int, known: Int)
    case io(path: String, detail: String)
    case missing(path: String, hint: String)
    /// An existing, non-empty directory without account.json: phonedesk seeds only a new or
    /// empty directory, so it never fills (or chmods) a directory of someone else's files.
    case notAnAccount(path: String)
    /// The operator may no longer make this change: an admin changed their roles or removed them
    /// after the panel or command started. Nothing was written.
    case notAllowed(String)

    public var description: String {
        switch self {
        case .corrupt(let path, let detail):
            return "\(path): not valid data (\(detail)). The file was left untouched; fix it or restore a backup."
        case .locked(let path, let holder):
            let who = holder.map { " (held by process \($0))" } ?? " (the holding process could not be found in /proc/locks)"
            return "The data store is busy: \(path) is locked\(who). Try again in a moment."
        case .newerSchema(let path, let found, let known):
            return "\(path) was written by a newer phonedesk (schema \(found); this one knows \(known)). It is shown read-only; upgrade phonedesk to change it."
        case .io(let path, let detail): return "\(path): \(detail)"
        case .missing(let path, let hint): return "\(path) is missing. \(hint)"
        case .notAllowed(let why): return why
        case .notAnAccount(let path):
            return "\(path) holds other files but no phonedesk account (no account.json); nothing was created or changed there. "
                + "Point --data at an account directory, or create an account in a new or empty directory with `phonedesk init --empty DIR` (or `phonedesk init DIR` for the demo account)."
        }
    }
}
