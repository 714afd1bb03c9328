import Dispatch
import Foundation
import Synchronization
import PhoneDeskCore
import PhoneDeskUI

/// Notices other operators' saves: compares the store's file fingerprints off the main thread
/// and posts the reloaded data. One check runs at a time.
final class StoreWatcher: Sendable {
    private let store: Store
    private let inbox: Inbox
    private let queue = DispatchQueue(label: "phonedesk.watcher")
    private let state: Mutex<(busy: Bool, fingerprint: [Int])>
    /// operators.json as last seen, for an operator's panel: an admin's change of their roles
    /// reaches it within a poll.
    private let operators: Mutex<[Int]>
    /// The access log, read every `fetchEvery` checks on the watcher's queue (never on the
    /// input path): the reader, the data the phones are matched against, what was last posted.
    private let fetches = Mutex<FetchState>(FetchState())
    private let fetchEvery = 4

    struct FetchState: Sendable {
        var tracker: FetchTracker?
        var data: AccountData?
        var posted: [Int: FetchDisplay] = [:]
        var postedProblem: String?
        var checks = 0
    }

    init(store: Store, inbox: Inbox) {
        self.store = store
        self.inbox = inbox
        state = Mutex((false, store.fingerprint()))
        operators = Mutex(store.operatorsFingerprint())
    }

    /// Posts the operator's roles when operators.json changed (nil: they were removed).
    private func checkRights() {
        guard store.actor != .local else { return }
        let now = store.operatorsFingerprint()
        guard operators.withLock({ seen in defer { seen = now }; return seen != now }) else { return }
        do throws(StoreError) {
            inbox.post(.rightsChanged(try store.currentRights()))
        } catch {
            // Unreadable for a moment (being replaced): the next poll reads it again.
            operators.withLock { $0 = [] }
        }
    }

    func check() {
        let start = state.withLock { current -> Bool in
            if current.busy { return false }
            current.busy = true
            return true
        }
        guard start else { return }
        queue.async { [self] in
            var fingerprint = store.fingerprint()
            let previous = state.withLock { $0.fingerprint }
            if fingerprint != previous {
                do throws(StoreError) {
                    let loaded = try store.load()
                    fetches.withLock { $0.data = loaded.data; $0.checks = 0 }
                    inbox.post(.storeChanged(loaded))
                } catch { inbox.post(.storeFailed(error)) }
            } else if store.hasPhonesJournal {
                // Quiet for a poll interval: fold the journal into phones.json, off the input path.
                try? store.compactPhones()
                fingerprint = store.fingerprint()
            }
            readFetches()
            checkRights()
            state.withLock { $0 = (false, fingerprint) }
        }
    }

    /// Reads what nginx added to the access log and posts the phones' statuses when they differ
    /// from the last post. Runs on the watcher's queue, one at a time.
    private func readFetches() {
        fetches.withLock { s in
            s.checks += 1
            guard s.checks % fetchEvery == 1 else { return }
            // Without an access log there is nothing to read: no need to load the phones (a second
            // copy of 100,000 of them, while the panel's own first load runs, was its peak memory).
            guard let path = s.data.map({ $0.account.accessLog }) ?? store.currentAccount()?.accessLog else {
                s.tracker = nil
                if !s.posted.isEmpty || s.postedProblem != nil {
                    s.posted = [:]; s.postedProblem = nil
                    inbox.post(.fetchesRead([:], problem: nil))
                }
                return
            }
            if s.data == nil { s.data = try? store.load().data }
            guard let data = s.data else { return }
            if s.tracker?.path != path { s.tracker = FetchTracker(path: path) }
            let root = try? store.servedDirectory()
            let (statuses, problem) = s.tracker!.update(data, root: root)
            let shown = FetchDisplay.make(statuses, now: Date())
            let message = problem?.message
            if shown != s.posted || message != s.postedProblem {
                s.posted = shown; s.postedProblem = message
                inbox.post(.fetchesRead(shown, problem: message))
            }
        }
    }
}
