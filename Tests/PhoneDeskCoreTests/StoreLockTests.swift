import Foundation
import Testing
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

/// The `.lock` file: never followed, never written, and the busy message names the real holder.
struct StoreLockTests {
    let temp = TempDirectory()

    private func seeded() throws -> Store {
        let store = try Store.open(directory: temp.url)
        unlink(temp.file(".lock").path)
        return store
    }

    @Test func aSymlinkedLockIsRefusedAndItsTargetUntouched() throws {
        _ = try seeded()
        let target = temp.file("target.txt")
        try Data("precious".utf8).write(to: target)
        symlink(target.path, temp.file(".lock").path)
        do { _ = try Store.open(directory: temp.url); Issue.record("opened") } catch {
            #expect(error.description.contains("symbolic link") && error.description.contains(temp.file(".lock").path))
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "precious")
    }

    @Test func aFIFOOrDirectoryAsLockIsRefusedWithoutBlocking() throws {
        _ = try seeded()
        #expect(mkfifo(temp.file(".lock").path, 0o600) == 0)
        do { _ = try Store.open(directory: temp.url); Issue.record("opened") } catch {
            #expect(error.description.contains("FIFO"))
        }
        unlink(temp.file(".lock").path)
        #expect(mkdir(temp.file(".lock").path, 0o700) == 0)
        do { _ = try Store.open(directory: temp.url); Issue.record("opened") } catch {
            #expect(error.description.contains("a directory"))
        }
    }

    @Test func theLockFileIsNeverWritten() throws {
        let store = try Store.open(directory: temp.url)
        _ = try store.apply(.delete(id: 1, baseRevision: 1))
        _ = try store.load()
        var info = stat()
        #expect(stat(temp.file(".lock").path, &info) == 0 && info.st_size == 0)
    }

    @Test func theBusyMessageNamesTheProcessHoldingTheLock() throws {
        _ = try Store.open(directory: temp.url)
        let fd = Glibc.open(temp.file(".lock").path, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let store = Store(directory: temp.url, lockTimeout: 0.05)
        #expect(throws: StoreError.locked(path: temp.file(".lock").path, holder: "\(getpid())")) {
            try store.apply(.delete(id: 1, baseRevision: 1))
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func theBusyMessageNamesAnotherProcessHoldingTheLock() throws {
        _ = try Store.open(directory: temp.url)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [temp.file(".lock").path, "sleep", "2"]
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        let store = Store(directory: temp.url, lockTimeout: 0.05)
        // Wait until flock(1) has the lock, then ask who holds it.
        let deadline = Date().addingTimeInterval(3)
        var seen: StoreError?
        while Date() < deadline {
            do { _ = try store.apply(.delete(id: 99, baseRevision: 1)) } catch { seen = error; break }
            usleep(20_000)
        }
        #expect(seen == .locked(path: temp.file(".lock").path, holder: "\(holder.processIdentifier)"))
    }

    @Test func procLocksLinesAreMatchedByInodeAndDevice() {
        let text = """
        1: POSIX  ADVISORY  WRITE 11 08:01:77 0 EOF
        2: FLOCK  ADVISORY  WRITE 22 00:2d:77 0 EOF
        2: -> FLOCK  ADVISORY  WRITE 33 08:01:77 0 EOF
        3: FLOCK  ADVISORY  WRITE 44 08:01:77 0 EOF
        """
        // st_dev 0x801 is major 8, minor 1.
        #expect(LockHolder.pid(in: text, inode: 77, device: 0x801) == 44)
        #expect(LockHolder.pid(in: text, inode: 78, device: 0x801) == nil)
        #expect(LockHolder.pid(in: "5: FLOCK  ADVISORY  WRITE 55 00:99:77 0 EOF", inode: 77, device: 0x801) == 55)
    }
}
