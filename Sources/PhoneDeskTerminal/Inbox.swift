import Synchronization
import PhoneDeskUI

/// Messages from effect and signal threads, drained by the run loop on the main thread.
final class Inbox: Sendable {
    private let state = Mutex<(messages: [Msg], signal: Int32?)>(([], nil))

    func post(_ msg: Msg) { state.withLock { $0.messages.append(msg) } }

    func signal(_ number: Int32) { state.withLock { $0.signal = $0.signal ?? number } }

    func drain() -> (messages: [Msg], signal: Int32?) {
        state.withLock { current in
            let out = current
            current.messages = []
            return out
        }
    }
}
