import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The file-system work of the served tree: directories made with the tree's modes and group,
/// a phone's directory removed at once (renamed out of the URL space first), entries pruned,
/// an image linked into a phone's directory, a generated file written only when it changed.
enum ServedDirectories {
    /// Creates `path` (mode and group as `modes` says), or brings an existing one to them.
    static func make(_ path: String, modes: inout ServedModes, tree: ProvisioningTree) throws(StoreError) {
        if mkdir(path, modes.directory) != 0, errno != EEXIST {
            throw .io(path: path, detail: "cannot create the provisioning directory: \(errnoText())")
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, detail: "is not a directory phonedesk can use: \(errnoText())") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, detail: "cannot read: \(errnoText())") }
        if let gid = modes.gid, info.st_gid != gid, fchown(fd, uid_t.max, gid) != 0 {
            modes.refused(tree, errnoText())
        }
        if info.st_mode & 0o7777 != modes.directory, fchmod(fd, modes.directory) != 0 {
            throw .io(path: path, detail: "cannot set the directory's mode: \(errnoText())")
        }
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The names in a directory (not . and ..); empty when it cannot be read or is a symlink.
    static func names(in path: String) -> [String] {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        return names(fd: fd)
    }

    /// The names in the directory open as `fd` (which this closes).
    private static func names(fd: Int32) -> [String] {
        guard let dir = fdopendir(fd) else { close(fd); return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Takes a directory out of the URL space at once (a rename to a dot name nginx does not
    /// serve), then empties and removes it. Anything but a real directory under that name — a
    /// symlink planted there, a file — is unlinked itself and never followed (a symlink to a
    /// directory elsewhere once had that directory emptied). A subdirectory someone made in it is
    /// left, with the renamed directory around it.
    static func remove(_ path: String, in root: String) {
        guard isDirectory(path) else {
            if exists(path) { unlink(path) }
            return
        }
        let name = String(path[path.index(after: path.lastIndex(of: "/")!)...])
        let hidden = name.hasPrefix(".gone-") ? path : root + "/.gone-" + name
        let target = rename(path, hidden) == 0 ? hidden : path
        empty(target)
        rmdir(target)
    }

    /// Unlinks every entry but subdirectories — of a real directory only, through a descriptor
    /// opened without following a symlink, so a directory swapped for a link meanwhile is not
    /// emptied either.
    static func empty(_ path: String) {
        prune(path, keeping: [], includingDotNames: true)
    }

    /// Unlinks the entries of a phone's directory it no longer has (an old MAC's file, an image
    /// no longer shown). Temp files of a write under way are not touched.
    static func prune(_ path: String, keeping: Set<String>, includingDotNames: Bool = false) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        let listed = dup(fd)
        defer { close(fd) }
        guard listed >= 0 else { return }
        for name in names(fd: listed) where !keeping.contains(name) && (includingDotNames || !name.hasPrefix(".")) {
            unlinkat(fd, name, 0)  // a subdirectory fails (EISDIR) and stays
        }
    }

    /// Puts the image `source` at `target`: a hard link (the tree is one file system: 100,000
    /// phones showing one image cost one copy), or a copy where linking is refused.
    static func link(_ source: String, to target: String, modes: ServedModes) throws(StoreError) {
        var a = stat(), b = stat()
        guard lstat(source, &a) == 0 else { return }  // the image file is gone: the phone gets a 404 for it
        if lstat(target, &b) == 0 {
            if b.st_ino == a.st_ino && b.st_dev == a.st_dev { return }
            unlink(target)
        }
        if Glibc.link(source, target) == 0 { return }
        guard case .file(let fd, _) = PlainFile.openForReading(source) else { return }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        guard let bytes = try? handle.readToEnd() else { return }
        try AtomicFile.write(bytes, to: URL(fileURLWithPath: target), durable: false, mode: modes.file, group: modes.gid)
    }
}
