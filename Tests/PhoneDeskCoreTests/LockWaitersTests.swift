import Foundation
import Synchronization
import Testing
@testable import PhoneDeskCore

/// A holder that works in chunks (a long re-provisioning) lets the lock go between them; a save
/// waiting then is seen (`someoneWaits`) and gets its turn (`waitForWaiters`) before the next chunk.
@Suite(.serialized)
struct LockWaitersTests {
    let temp = TempDirectory()

    init() throws { try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true) }

    @Test func aWaiterIsSeenAndTakesTheLockBeforeTheHolderComesBack() throws {
        let path = temp.file(".lock").path
        let lock = FileLock(path: path)
        #expect(!lock.someoneWaits())
        let order = Mutex<[String]>([])
        var waiter: Thread?
        try lock.withLock { () throws(StoreError) in
            // Another open of the file (as another process): a second thread's FileLock.
            let started = Thread {
                try? FileLock(path: path, timeout: 5).withLock { () throws(StoreError) in
                    order.withLock { $0.append("waiter") }
                    usleep(50_000)
                }
            }
            started.start()
            waiter = started
            let deadline = Date().addingTimeInterval(5)
            while !lock.someoneWaits(), Date() < deadline { usleep(1_000) }
            #expect(lock.someoneWaits())
        }
        lock.waitForWaiters(limit: 5)
        #expect(!lock.someoneWaits())
        try lock.withLock { () throws(StoreError) in order.withLock { $0.append("holder") } }
        #expect(order.withLock { $0 } == ["waiter", "holder"])
        _ = waiter
    }

    /// Nobody waiting: no pause at all.
    @Test func withNobodyWaitingTheHolderGoesOnAtOnce() throws {
        let lock = FileLock(path: temp.file(".lock").path)
        try lock.withLock { () throws(StoreError) in }
        let start = Date()
        lock.waitForWaiters(limit: 10)
        #expect(Date().timeIntervalSince(start) < 5)  // not the limit: it did not wait (lenient for a loaded CI machine)
        #expect(!lock.someoneWaits())
    }

    /// A waiter that gives up (its timeout) leaves no mark behind.
    @Test func aWaiterThatGivesUpLeavesNoMark() throws {
        let path = temp.file(".lock").path
        let lock = FileLock(path: path)
        try lock.withLock { () throws(StoreError) in
            var refused = false
            do throws(StoreError) { try FileLock(path: path, timeout: 0.05).withLock { () throws(StoreError) in } } catch { refused = true }
            #expect(refused)
        }
        #expect(!lock.someoneWaits())
    }
}
