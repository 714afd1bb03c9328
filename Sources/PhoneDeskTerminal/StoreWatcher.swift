import Dispatch
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

    init(store: Store, inbox: Inbox) {
        self.store = store
        self.inbox = inbox
        state = Mutex((false, store.fingerprint()))
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
                do throws(StoreError) { inbox.post(.storeChanged(try store.load())) } catch { inbox.post(.storeFailed(error)) }
            } else if store.hasPhonesJournal {
                // Quiet for a poll interval: fold the journal into phones.json, off the input path.
                try? store.compactPhones()
                fingerprint = store.fingerprint()
            }
            state.withLock { $0 = (false, fingerprint) }
        }
    }
}
