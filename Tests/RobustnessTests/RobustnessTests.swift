import Foundation
import PhoneDeskProcess
import Synchronization
import Testing
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

/// The built binary, next to this test bundle.
let binary: String = {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("phonedesk").path
}()

func temporaryDirectory(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-\(name)-\(UUID().uuidString)")
}

/// Starts the binary (output discarded); the caller waits or kills it.
func spawn(_ arguments: [String]) -> pid_t {
    guard case .success(let pid) = ChildProcess([binary] + arguments).spawn() else { return -1 }
    return pid
}

/// Runs the binary to the end (killed after 60 s, which fails the test); returns its exit status.
@discardableResult
func runToEnd(_ arguments: [String]) -> Int32 {
    let result = ChildProcess([binary] + arguments).run(timeout: 60)
    #expect(!result.timedOut, "phonedesk \(arguments.joined(separator: " ")) did not finish in 60 s")
    return result.status
}

@Suite(.serialized)
struct RobustnessTests {
    /// 4 processes make 1,000 edits: each owns two phones and all fight over a shared one. On a
    /// small account (each save rewrites phones.json) and a large one (each save appends to the
    /// journal, which other processes replay).
    @Test(arguments: [0, PhonesJournal.smallAccount])
    func manyOperatorsLoseNoCommittedEdit(extraPhones: Int) throws {
        let dir = temporaryDirectory("operators")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(runToEnd(["init", dir.path]) == 0)
        let csv = dir.appendingPathExtension("csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        let extra = (0..<extraPhones).map { "Snom D717,02:00:00:01:\(String(format: "%02x:%02x", $0 >> 8, $0 & 255)),Spare \($0)," }
        try (["model,mac,name,user"] + (0..<8).map { "Snom D717,02:00:00:00:01:0\($0),Desk \($0)," } + extra).joined(separator: "\n")
            .write(to: csv, atomically: false, encoding: .utf8)
        #expect(runToEnd(["phones", "import", csv.path, "--data", dir.path]) == 0)

        let workers = 4, editsEach = 250
        let results = Mutex<[[(phone: Int, user: String, status: Int32)]]>(Array(repeating: [], count: workers))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var log: [(phone: Int, user: String, status: Int32)] = []
            for i in 0..<editsEach {
                // Own phones 3+w and 7+w; every fifth edit goes to the shared phone 2.
                let phone = i % 5 == 4 ? 2 : (i % 2 == 0 ? 3 + worker : 7 + worker)
                let user = String(101 + (i + worker) % 6)
                let status = runToEnd(["phones", "edit", "\(phone)", "--user", user, "--no-blf", "--data", dir.path])
                log.append((phone, user, status))
            }
            results.withLock { $0[worker] = log }
        }
        let logs = results.withLock { $0 }
        let final = try Store(directory: dir).load().data
        for (worker, log) in logs.enumerated() {
            for phone in [3 + worker, 7 + worker] {
                let committed = log.filter { $0.phone == phone && $0.status == 0 }
                #expect(committed.count == log.filter { $0.phone == phone }.count, "edits of an unshared phone were refused")
                #expect(final.phone(id: phone)?.userExtension == committed.last?.user, "phone \(phone) lost worker \(worker)'s last edit")
            }
        }
        let shared = logs.flatMap { $0.filter { $0.phone == 2 } }
        #expect(shared.allSatisfy { $0.status == 0 || $0.status == 1 })
        #expect(shared.filter { $0.status == 0 }.map { $0.user }.contains(final.phone(id: 2)?.userExtension ?? "?"))
        #expect(logs.flatMap { $0 }.count == workers * editsEach)
    }

    /// kill -9 at 200+ random moments of edits and order placements: every file still parses, each
    /// change is all there or not at all, and the balance matches the orders.
    @Test func killNineNeverLeavesHalfAChange() throws {
        let dir = temporaryDirectory("kill9")
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(runToEnd(["init", dir.path]) == 0)
        var rng = SystemRandomNumberGenerator()
        var kills = 0
        for round in 0..<220 {
            let before = try Store(directory: dir).load().data
            let arguments: [String]
            let newUser = String(101 + round % 6)
            if round % 2 == 0 {
                arguments = ["phones", "edit", "2", "--user", newUser, "--data", dir.path]
            } else {
                arguments = ["orders", "place", "--sku", round % 10 == 1 ? "YEA-T31P" : "GEN-CAT6-3M", "--data", dir.path]
            }
            let pid = spawn(arguments)
            usleep(UInt32.random(in: 0...40_000, using: &rng))
            if kill(pid, SIGKILL) == 0 { kills += 1 }
            _ = ChildProcess.wait(for: pid)

            // The next process to take the lock finishes or forgets what the killed one left.
            let store = try Store.open(directory: dir)
            let after = try store.load().data
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") || $0.hasPrefix(".pending") }
            #expect(leftovers.isEmpty, "temp files left after open: \(leftovers)")
            if round % 2 == 0 {
                let user = after.phone(id: 2)?.userExtension
                #expect(user == before.phone(id: 2)?.userExtension || user == newUser, "round \(round): phone 2 has user \(user ?? "-")")
            } else {
                #expect(after.orders.count == before.orders.count || after.orders.count == before.orders.count + 1)
            }
            // Whole orders only: the balance is the start minus every order, the bought phones match.
            let spent = after.orders.reduce(0) { $0 + $1.total }
            #expect(after.account.balance.cents == 50_000 - spent, "round \(round): balance does not match the orders")
            #expect(after.phones.filter { $0.mac == nil }.count == after.orders.reduce(0) { $0 + $1.phoneIDs.count })
        }
        #expect(kills >= 200)
    }
}

@Suite(.serialized)
struct JournalRobustnessTests {
    /// The journal path (5,000+ phones): kill -9 during appends and compactions never loses a
    /// committed edit nor leaves a state that does not load.
    @Test func killNineDuringJournalAppends() throws {
        let dir = temporaryDirectory("kill9-journal")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store.open(directory: dir, seed: .demo)
        let phones = (0..<PhonesJournal.smallAccount).map {
            NewPhone(name: "Desk \($0)", modelID: "snom-d717", mac: MACAddress(hex: String(format: "02%010x", $0)))
        }
        _ = try store.importPhones(phones).get()
        var rng = SystemRandomNumberGenerator()
        var kills = 0
        for round in 0..<60 {
            let before = try Store(directory: dir).load().data.phone(id: 2)?.userExtension
            let newUser = String(101 + round % 6)
            let pid = spawn(["phones", "edit", "2", "--user", newUser, "--data", dir.path])
            usleep(UInt32.random(in: 0...60_000, using: &rng))
            if kill(pid, SIGKILL) == 0 { kills += 1 }
            _ = ChildProcess.wait(for: pid)
            let fresh = Store(directory: dir)
            let after = try fresh.load().data
            let user = after.phone(id: 2)?.userExtension
            #expect(user == before || user == newUser, "round \(round): \(user ?? "-")")
            #expect(after.phones.count == PhonesJournal.smallAccount + 2)
            if round % 15 == 14 { try fresh.compactPhones() }
        }
        #expect(kills >= 50)
    }
}
