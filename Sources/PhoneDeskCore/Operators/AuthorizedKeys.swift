import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The service account's authorized_keys: one line per operator, forcing the panel with that
/// operator's name (`restrict,pty,command="…"`), marked with a trailing `phonedesk:NAME`; every
/// other line (the account's own keys, other programs') is kept as it is.
public struct AuthorizedKeys: Sendable {
    public let path: String
    public static let marker = "phonedesk:"

    public init(path: String) { self.path = path }

    /// `$PHONEDESK_AUTHORIZED_KEYS`, else the service account's `~/.ssh/authorized_keys`.
    public static func resolve(flag: String?, environment: [String: String]) -> AuthorizedKeys {
        if let flag { return AuthorizedKeys(path: DataDirectory.expand(flag, environment)) }
        if let path = environment["PHONEDESK_AUTHORIZED_KEYS"], !path.isEmpty { return AuthorizedKeys(path: path) }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return AuthorizedKeys(path: home + "/.ssh/authorized_keys")
    }

    /// Whether a line is one phonedesk wrote for the account in `dataDirectory`: its forced
    /// command runs this account as the operator its last word names. A line that merely ends
    /// in "phonedesk:…", or another account's line in the same file, is not ours to rewrite.
    /// The directory is compared as the file system sees it: `/srv//acct`, `/srv/./acct` and a
    /// symbolic link to it are the same account (else a removal through another spelling left
    /// the old line, and its key, working).
    public static func isOwned(_ line: Substring, dataDirectory: String) -> Bool {
        guard line.hasPrefix("restrict,pty,command=\""), let last = line.split(whereSeparator: isBlank).last,
              last.hasPrefix(marker) else { return false }
        let name = last.dropFirst(marker.count)
        guard !name.isEmpty, let start = line.range(of: " --data '"),
              let end = line.range(of: "' --operator \(name)\" ", range: start.upperBound..<line.endIndex) else { return false }
        let written = String(line[start.upperBound..<end.lowerBound])
        return written == dataDirectory || canonical(written) == canonical(dataDirectory)
    }

    /// `path` with symbolic links, `.`, `..` and repeated slashes resolved (as written when it
    /// does not exist).
    public static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return (path as NSString).standardizingPath }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The file's lines; none when it does not exist. A symlink is refused: writing through one
    /// could replace another file (or another account's keys).
    public func lines() throws(StoreError) -> [Substring] {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return [] }
            throw .io(path: path, detail: "cannot be read: \(errnoText())")
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            throw .io(path: path, detail: "is a symbolic link; phonedesk writes authorized_keys only as a plain file, so a link cannot make it overwrite another file. Replace the link with a copy of the file it points to, then try again; nothing was changed")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .io(path: path, detail: "is not a plain file; nothing was changed") }
        guard let data = FileManager.default.contents(atPath: path) else { throw .io(path: path, detail: "cannot be read; nothing was changed") }
        if data.isEmpty { return [] }
        // Split on the byte: "\r\n" is one Character to Swift, so a String split on "\n" took a
        // CRLF file for one line (and dropped it). Each line keeps its "\r": rewritten byte for byte.
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
        return Array(lines.dropLast(data.last == 0x0A ? 1 : 0))
    }

    /// Word separators in a line: a CR of a CRLF file ends the last word too.
    static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\r\n" }

    /// The line of a key phonedesk does not own: the key would log in there first (sshd uses the
    /// first matching line), with a shell instead of the panel.
    public func foreignLine(for key: PublicKey, dataDirectory: String) throws(StoreError) -> Int? {
        // A comment ("# ssh-ed25519 AAAA…", a key set aside) logs nobody in.
        for (index, line) in try lines().enumerated() where !Self.isOwned(line, dataDirectory: dataDirectory)
            && line.first(where: { !Self.isBlank($0) }) != "#" {
            if line.split(whereSeparator: Self.isBlank).contains(where: { $0 == key.body }) { return index + 1 }
        }
        return nil
    }

    /// The line that lets `person` in: only the panel as them, with a terminal and nothing else.
    public static func line(for person: Operator, executable: String, dataDirectory: String) -> String {
        "restrict,pty,command=\"\(shellQuoted(executable)) --data \(shellQuoted(dataDirectory)) --operator \(person.name)\" \(person.key) \(marker)\(person.name)"
    }

    /// Paths go into a command the account's shell runs, inside a double-quoted option: quoted
    /// for the shell; a path that cannot be quoted there is refused by `pathProblem`.
    static func shellQuoted(_ path: String) -> String { "'\(path)'" }

    public static func pathProblem(_ path: String) -> String? {
        if path.contains(where: { $0 == "'" || $0 == "\"" || $0 == "\\" || $0.isNewline }) || path.unicodeScalars.contains(where: { $0.value < 0x20 }) {
            return "\(path) holds a quote, backslash or control character, which cannot go into authorized_keys' command; move it to a plain path"
        }
        return nil
    }

    /// Rewrites the file: other lines as they were, then one line per operator. Atomic, 0600;
    /// a missing `~/.ssh` is created 0700.
    public func write(_ operators: [Operator], executable: String, dataDirectory: String) throws(StoreError) {
        for path in [executable, dataDirectory] { if let problem = Self.pathProblem(path) { throw .io(path: self.path, detail: problem) } }
        let kept = try lines().filter { !Self.isOwned($0, dataDirectory: dataDirectory) }.map(String.init)
        let ours = operators.sorted { $0.name < $1.name }.map { Self.line(for: $0, executable: executable, dataDirectory: dataDirectory) }
        let text = (kept + ours).map { $0 + "\n" }.joined()
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
                throw .io(path: folder, detail: "cannot be created: \(error.localizedDescription)")
            }
        }
        try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path), mode: 0o600)
    }
}
