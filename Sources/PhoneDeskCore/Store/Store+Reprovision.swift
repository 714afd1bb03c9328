import Foundation

/// How far a re-provisioning has come: phones done of those found out of date.
public struct ReprovisionProgress: Equatable, Sendable {
    public var done: Int
    public var total: Int

    public init(done: Int, total: Int) { self.done = done; self.total = total }
}

extension Store {
    /// A pass over more phones than this shows progress (the panel, the CLI). Chunks themselves
    /// are sized by time (`chunkTarget`), not by count.
    public static let reprovisionChunk = 1_000

    /// How long one chunk holds the lock. A phone's files cost 0.1 to 0.5 ms on a 2-core machine
    /// depending on the disk's other work, so the number of phones per chunk follows the time the
    /// last chunk took; with the pause below, another operator's save waits ~100 ms, far under
    /// 250 ms (docs/performance.md, "Re-provisioning").
    static let chunkTarget = 0.1

    /// A chunk stops writing after this long whatever its size (a disk slower than the last
    /// chunk's pace); the phones it left start the next chunk.
    static let chunkLimit = 0.15

    /// Between chunks a save that waits (`FileLock.someoneWaits`) is let take the lock first,
    /// for up to this long; with nobody waiting the next chunk starts at once.
    static let waiterTurn = 0.25

    /// Regenerates every phone whose files are not what its data makes now — after a setting
    /// every phone depends on (PIN, SIP server, base URL, the tree), a template many phones use,
    /// an interrupted save or import, a migration — a chunk at a time. Each chunk takes the lock,
    /// reads the data as it is at that moment and renders from it, so an older render never
    /// overwrites a newer one (a phone another operator saved meanwhile is rendered from their
    /// save), and their saves wait for one chunk at most, never for the whole account.
    /// `everyPhone` (`phonedesk provision`) rewrites every phone's files whatever the manifest
    /// says, and first removes what interrupted writes left in the tree. `progress` runs after
    /// each chunk, off the lock. Returns what was out of date at the start; a file that could not
    /// be written is thrown once every chunk has been tried.
    ///
    /// One pass at a time per account (`.reprovision.lock`): a pass asked for by a change waits for
    /// one already running (it may have passed phones the change made out of date); the start-up
    /// check (`whenIdle`) does not run at all while another pass runs — that pass finishes the job,
    /// and twenty commands each starting one kept each other's saves waiting past the lock's timeout.
    @discardableResult
    public func reprovision(everyPhone: Bool = false, whenIdle: Bool = false,
                            progress: (ReprovisionProgress) -> Void = { _ in }) throws(StoreError) -> ProvisioningCheck {
        let passLock = FileLock(path: directory.appendingPathComponent(Self.reprovisionLockName).path, timeout: whenIdle ? 0 : 3_600)
        do throws(StoreError) {
            return try passLock.withLock { () throws(StoreError) -> ProvisioningCheck in
                try reprovisionPass(everyPhone: everyPhone, progress: progress)
            }
        } catch {
            if whenIdle, case .locked(let path, _) = error, path == passLock.path {
                return ProvisioningCheck(outOfDate: [], filesToRemove: 0, examples: [])
            }
            throw error
        }
    }

    static let reprovisionLockName = ".reprovision.lock"

    private func reprovisionPass(everyPhone: Bool, progress: (ReprovisionProgress) -> Void) throws(StoreError) -> ProvisioningCheck {
        let (status, data, migration) = try locked { () throws(StoreError) -> (ProvisioningStatus, AccountData, SecretsMigration) in
            let migration = try migrateToPhoneSecrets()
            let data = try load().data
            if everyPhone { removeProvisioningLeftovers(tree: try provisioner.tree(data.account)) }
            return (try provisioner.status(data, lookOnDisk: false), data, migration)
        }
        let migrated = migration != .none
        var check = ProvisioningCheck(outOfDate: status.outOfDate, filesToRemove: status.withoutFiles.count + status.gone.count,
                                      examples: status.outOfDate.prefix(5).compactMap { data.phone(id: $0) })
        check.migrated = migration == .account
        // The old account directory follows the account's state after a migration (and at any
        // pass over everything); otherwise nothing to do when every phone is current.
        let everything = everyPhone || migrated || status.outOfDate.count > data.phones.count / 2
        if status.isCurrent && !everything { return check }
        let ids = everyPhone ? data.phones.map(\.id) : status.outOfDate + status.withoutFiles
        let total = ids.count + status.gone.count
        var records = provisioner.manifest.load(token: data.account.token, reserving: data.phones.count)
        var problem: StoreError?
        // The data as the last chunk read it, and the files' fingerprint then: read again only
        // when another process saved meanwhile (a load checks every phone's rules).
        var known: (fingerprint: [Int], data: AccountData)?
        var done = 0
        var start = 0
        var size = 200
        // Phones a chunk left at its time limit: first in the next chunk.
        var carried: [Int] = []
        let tree = try? servedDirectory()
        progress(ReprovisionProgress(done: 0, total: total))
        repeat {
            if done > 0 { lock.waitForWaiters(limit: Self.waiterTurn) }
            let taken = min(max(size - carried.count, 0), ids.count - start)
            let chunk = carried + ids[start..<start + taken]
            let began = DispatchTime.now().uptimeNanoseconds
            let deadline = began + UInt64(Self.chunkLimit * 1e9)
            let gone = done == 0 ? status.gone : []
            var unfinished: [Int] = []
            do throws(StoreError) {
                try locked { () throws(StoreError) in
                    // The data as it is now: a phone deleted meanwhile is skipped (its delete removed
                    // its files), one changed meanwhile is rendered as it is now.
                    let fingerprint = self.fingerprint()
                    let current = known?.fingerprint == fingerprint ? known!.data : try load().data
                    known = (fingerprint, current)
                    let phones = chunk.compactMap { current.phone(id: $0) }
                    unfinished = try provisioner.update(phones, gone: gone, in: current, records: &records, deadline: deadline)
                }
            } catch {
                if case .locked = error { throw error }  // another phonedesk held the lock for seconds: stop, the next start finishes
                problem = problem ?? error
            }
            // The next chunk as large as fits the target at this chunk's pace (never a jump).
            let written = chunk.count - unfinished.count
            let took = max(Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9, 0.001)
            size = min(max(Int(Double(written) * Self.chunkTarget / took), size / 2, 20), size * 2, 4_000)
            start += taken
            carried = unfinished
            done += written + gone.count
            // The chunk's files flushed now, off the lock: another operator's save then fsyncs
            // its own few files, not behind the write-back of thousands of ours (ext4 commits
            // in order: 300-470 ms saves at 100,000 phones without this, ~130 ms with it).
            if let tree { Provisioner.syncFileSystem(of: tree) }
            progress(ReprovisionProgress(done: done, total: total))
        } while start < ids.count || !carried.isEmpty
        try locked { () throws(StoreError) in
            let current = try load().data
            if everything { try provisioner.finish(current) } else { Provisioner.syncFileSystem(of: try servedDirectory()) }
        }
        if let problem { throw problem }
        return check
    }
}
