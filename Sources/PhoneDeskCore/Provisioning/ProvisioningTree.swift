import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where the served provisioning tree lives and who may read it (docs/provisioning.md
/// "Serving the tree with nginx").
///
/// - Default (`provisioningDirectory` absent): `DATA/provisioning`, inside the 0700 data
///   directory, files 0600 and directories 0700 — readable by the operator only, as before.
/// - Outside (`provisioningDirectory` set, an absolute path): files 0640 and directories 0750 with
///   the group `provisioningGroup` (absent: `www-data`), so nginx's workers running as a member
///   of that group read the tree and nothing else of phonedesk's.
public struct ProvisioningTree: Equatable, Sendable {
    /// The directory nginx serves (its `root`); phones fetch `<directory>/<token>/…`.
    public let directory: String
    /// The group given read access; nil for the default tree inside the data directory.
    public let group: String?

    public static let defaultGroup = "www-data"

    public var isOutside: Bool { group != nil }

    /// The account's tree. The path is not checked here (see `ProvisioningTreeRules`).
    public init(_ account: Account, dataDirectory: URL) {
        if let outside = account.provisioningDirectory {
            directory = ProvisioningTreeRules.trimmed(outside)
            group = account.provisioningGroup ?? Self.defaultGroup
        } else {
            directory = dataDirectory.appendingPathComponent("provisioning").path
            group = nil
        }
    }
}

/// What an outside tree's path and group must be. The same rules for `settings set`, for
/// account.json as loaded (a hand-edited file), and before anything is written.
public enum ProvisioningTreeRules {
    /// The longest path accepted (PATH_MAX is 4096; nginx configs and messages stay readable).
    public static let maxPathBytes = 1024

    static func trimmed(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The shape alone (no file system): absolute, no `.`/`..` component, no control character.
    public static func shapeProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "must be an absolute path (starting with /), not \"\(TerminalText.escaped(path))\"" }
        if path.utf8.count > maxPathBytes { return "is longer than \(maxPathBytes) bytes" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "must not hold control characters"
        }
        if path.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) { return "must not hold . or .. components" }
        if trimmed(path) == "/" { return "must not be / (it would serve the whole machine)" }
        return nil
    }

    /// The full rule: the shape, and neither the data directory, inside it, nor above it (nginx
    /// would serve account.json). Symlinks in the existing part of either path are resolved.
    public static func directoryProblem(_ path: String, dataDirectory: URL) -> String? {
        if let problem = shapeProblem(path) { return problem }
        let tree = resolved(trimmed(path))
        let data = resolved(trimmed(dataDirectory.path))
        if tree == data || tree.hasPrefix(data + "/") {
            return "must be outside the data directory \(data) (the default tree, DATA/provisioning, is used when the setting is absent: `default`)"
        }
        if data.hasPrefix(tree + "/") { return "must not contain the data directory \(data): nginx would serve account.json" }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: tree, isDirectory: &isDirectory), !isDirectory.boolValue {
            return "\(tree) exists and is not a directory"
        }
        return nil
    }

    /// A group name as `groupadd` takes it: a letter or `_`, then letters, digits, `_ - .`; at most 32.
    public static func groupProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        guard let first = bytes.first else { return "needs a group name" }
        guard bytes.count <= 32 else { return "a group name has at most 32 characters" }
        func letter(_ b: UInt8) -> Bool { (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || b == 0x5F }
        guard letter(first), bytes.allSatisfy({ letter($0) || (0x30...0x39).contains($0) || $0 == 0x2D || $0 == 0x2E }) else {
            return "\"\(TerminalText.escaped(name))\" is not a group name (a letter or _, then letters, digits, _ - .)"
        }
        return nil
    }

    /// `path` with symlinks resolved in its longest existing prefix (the rest appended as given).
    static func resolved(_ path: String) -> String {
        var head = path
        var tail: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                let base = String(cString: real)
                if tail.isEmpty { return base }
                return (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            guard let slash = head.lastIndex(of: "/"), head != "/" else { return path }
            tail.append(String(head[head.index(after: slash)...]))
            head = slash == head.startIndex ? "/" : String(head[..<slash])
        }
    }
}

/// How the files of a tree are written this time: the modes, and the group id when it applies.
/// A group that does not exist, or that the operator may not give files to, makes the tree
/// private (0600/0700: nginx gets 403/404, but nobody else reads a SIP password) and is reported.
struct ServedModes {
    var file: mode_t = 0o600
    var directory: mode_t = 0o700
    var gid: gid_t?
    /// Why the group could not be applied (a warning: the save itself is made).
    var problem: StoreError?

    static let `private` = ServedModes()

    /// The modes for `tree`; the group looked up with getgrnam_r.
    static func of(_ tree: ProvisioningTree) -> ServedModes {
        guard let group = tree.group else { return .private }
        guard let gid = Self.gid(of: group) else {
            var modes = ServedModes.private
            modes.problem = .io(path: tree.directory, detail: "the group \(group) does not exist, so the provisioning files were written "
                                + "readable by the operator only (0600) and nginx cannot serve them. Create the group (`groupadd \(group)`) "
                                + "or choose nginx's group with `phonedesk settings set group NAME`, then run `phonedesk provision`")
            return modes
        }
        var modes = ServedModes(file: 0o640, directory: 0o750, gid: gid)
        // chown(2) gives a file to a group its owner belongs to (root: any group).
        if geteuid() != 0, gid != getegid(), !Self.supplementaryGroups().contains(gid) {
            modes.refused(tree, "the operator is not a member of it")
        }
        return modes
    }

    static func supplementaryGroups() -> [gid_t] {
        let count = getgroups(0, nil)
        guard count > 0 else { return [] }
        var groups = [gid_t](repeating: 0, count: Int(count))
        let got = getgroups(count, &groups)
        return got > 0 ? Array(groups.prefix(Int(got))) : []
    }

    /// After a chown refused: private modes, and how to fix it.
    mutating func refused(_ tree: ProvisioningTree, _ detail: String) {
        let group = tree.group ?? ""
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "the operator"
        self = .private
        problem = .io(path: tree.directory, detail: "cannot give the provisioning files to the group \(group) (\(detail)), so they were "
                      + "written readable by the operator only (0600) and nginx cannot serve them. Add the operator to the group "
                      + "(`usermod -aG \(group) \(user)`, then log in again) or choose one of the operator's groups with "
                      + "`phonedesk settings set group NAME`, then run `phonedesk provision`")
    }

    static func gid(of name: String) -> gid_t? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let status = getgrnam_r(name, &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil else { return nil }
        return entry.gr_gid
    }

    /// Gives the open file `fd` (described by `info`) these modes, when it has others. False when
    /// the group could not be given (EPERM: the operator is not a member).
    func apply(fd: Int32, _ info: stat) -> Bool {
        if let gid, info.st_gid != gid, fchown(fd, uid_t.max, gid) != 0 { return false }
        if info.st_mode & 0o7777 != file { fchmod(fd, file) }
        return true
    }
}
