import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which process holds an `flock`, from the kernel's own table (/proc/locks), so the "busy"
/// message names the holder — not whoever last wrote something into the lock file.
enum LockHolder {
    /// The pid holding an flock on the file open as `fd`; nil when /proc/locks does not say.
    static func pid(ofLockOn fd: Int32) -> Int? {
        var info = stat()
        guard fstat(fd, &info) == 0,
              let text = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return nil }
        return pid(in: text, inode: UInt64(info.st_ino), device: UInt64(info.st_dev))
    }

    /// Lines look like `3: FLOCK  ADVISORY  WRITE 4242 08:01:1234567 0 EOF` (major and minor in
    /// hex, inode in decimal); waiters are marked `->` and skipped. A line matching inode and
    /// device wins; on overlay file systems the device shown can differ from fstat's, so an
    /// inode-only match is accepted when it is the only FLOCK on that inode.
    static func pid(in text: String, inode: UInt64, device: UInt64) -> Int? {
        let major = (device >> 8) & 0xfff | (device >> 32) & ~0xfff
        let minor = device & 0xff | (device >> 12) & ~0xff
        var inodeOnly: [Int] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "FLOCK", let pid = Int(fields[4]) else { continue }
            let id = fields[5].split(separator: ":")
            guard id.count == 3, UInt64(id[2]) == inode else { continue }
            if UInt64(id[0], radix: 16) == major, UInt64(id[1], radix: 16) == minor { return pid }
            inodeOnly.append(pid)
        }
        return inodeOnly.count == 1 ? inodeOnly[0] : nil
    }
}
