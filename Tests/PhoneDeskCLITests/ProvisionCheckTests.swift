import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `provision --check` and the recovery every command runs first.
struct ProvisionCheckTests {
    /// Every file under the directory with its size, modification time and inode (but the lock,
    /// which every command takes).
    static func tree(_ url: URL) -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        while let item = enumerator?.nextObject() as? URL {
            if item.lastPathComponent == ".lock" { continue }
            var info = stat()
            stat(item.path, &info)
            result[item.path] = [Int(info.st_size), info.st_mtim.tv_sec, info.st_mtim.tv_nsec, Int(info.st_ino), Int(info.st_mode)]
        }
        return result
    }

    /// Phones in phones.json without their files: what `kill -9` during `phones import` left.
    static func addPhonesWithoutFiles(_ account: Account, count: Int) throws {
        let store = Store(directory: account.url)
        var document = try #require(try store.phones.read()).document
        for i in 0..<count {
            document.phones.append(Phone(id: document.nextID, name: "Killed \(i)", modelID: "yealink-t46u",
                                         mac: MACAddress(hex: String(format: "805ec1%06x", i))))
            document.nextID += 1
        }
        try store.phones.write(document)
    }

    @Test func checkReportsOutOfDatePhonesWritesNothingAndTheNextCommandRegeneratesThem() throws {
        let account = Account()
        #expect(account.run("provision", "--check").status == 0)
        #expect(account.run("provision", "--check").out == "Every phone's provisioning files are current.\n")
        try Self.addPhonesWithoutFiles(account, count: 7)
        let before = Self.tree(account.url)
        let check = account.run("provision", "--check")
        #expect(check.status == 1)
        #expect(check.out.hasPrefix("7 phones with missing or out-of-date provisioning files: 3 \"Killed 0\", 4 \"Killed 1\""))
        #expect(check.out.contains("…") && check.out.contains("phonedesk provision"))
        #expect(Self.tree(account.url) == before, "--check wrote something")

        // Any command that opens the store regenerates them first, with a note on stderr.
        let list = account.run("phones", "list")
        #expect(list.status == 0)
        #expect(list.err == "phonedesk: regenerated the provisioning files of 7 phones after an interrupted save\n")
        #expect(FileManager.default.fileExists(atPath: try account.phoneFile("805ec1000006", "805ec1000006.cfg").path))
        #expect(account.run("provision", "--check").status == 0)
        // Quiet once everything is current.
        #expect(account.run("phones", "list").err.isEmpty)
    }

    @Test func checkTakesNoOtherArguments() {
        let account = Account()
        #expect(account.run("provision", "--check", "extra").status == 2)
        #expect(account.run("provision", "--bogus").status == 2)
        #expect(account.run("provision", "--help").out.contains("--check"))
    }

    /// Runs `body` on a thread of its own and waits at most `seconds`. When it has not returned
    /// by then (blocked opening the FIFO at `fifo`), the FIFO is opened from the other end until
    /// it does, so the test process never hangs, and nil is returned.
    static func withoutBlocking<T>(on fifo: String, seconds: Double = 5, _ body: @escaping () -> T) -> T? {
        let run = BlockingRun(body)
        Thread { run.value = run.body(); run.done.signal() }.start()
        if run.done.wait(timeout: .now() + seconds) == .success { return run.value }
        while run.done.wait(timeout: .now() + 0.05) == .timedOut {
            for mode in [O_WRONLY, O_RDONLY] {
                let fd = open(fifo, mode | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
        }
        return nil
    }

    /// A FIFO where a phone's file belongs: `provision` waited on it forever (lock held) and
    /// `--check` called the phone current. Now provision names it, leaves it, writes the other
    /// phones' files and exits 1; --check counts the phone as out of date.
    @Test func aFIFOWhereAGeneratedFileBelongsIsReportedAndLeftNotWaitedOn() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let fifo = try account.phoneFile("805ec0112233", "805ec0112233.cfg").path
        let other = try account.phoneFile("000b82aabbcc", "cfg000b82aabbcc.xml").path
        unlink(fifo)
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(account.run("provision", "--check").out.hasPrefix("1 phone with missing or out-of-date provisioning files: 1 \"Recepcja\""))
        unlink(other)  // provision still writes the other phones' files
        let provision = try #require(Self.withoutBlocking(on: fifo) { account.run("provision") }, "provision blocked on the FIFO")
        #expect(provision.status == 1)
        #expect(provision.err.contains(fifo) && provision.err.contains("a FIFO (named pipe)"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the operator's FIFO was removed")
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(account.run("provision", "--check").status == 1)
        unlink(fifo)
        #expect(account.run("provision").status == 0)
        #expect(account.run("provision", "--check").status == 0)
    }

    /// A FIFO as provisioning.manifest blocked every command (start-up recovery reads it). It is
    /// a damaged manifest: treated as empty, every phone regenerated, a new one written.
    @Test func aFIFOAsTheManifestIsADamagedManifestNotAHang() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let manifest = account.url.appendingPathComponent("provisioning.manifest").path
        unlink(manifest)
        #expect(mkfifo(manifest, 0o600) == 0)
        let list = try #require(Self.withoutBlocking(on: manifest) { account.run("phones", "list") }, "phones list blocked on the FIFO")
        #expect(list.status == 0)
        #expect(list.err.contains("regenerated the provisioning files of 2 phones"))
        var info = stat()
        #expect(lstat(manifest, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        #expect(account.run("provision", "--check").status == 0)
    }
}

/// One call on a thread of its own, for `withoutBlocking` (the semaphore orders the accesses).
private final class BlockingRun<T>: @unchecked Sendable {
    let body: () -> T
    var value: T?
    let done = DispatchSemaphore(value: 0)
    init(_ body: @escaping () -> T) { self.body = body }
}
