/// The client side of one non-INVITE transaction over UDP (RFC 3261 17.1.2), without sockets:
/// the transport tells it the time and what arrived; it says when to send again and when it is
/// over. Times are milliseconds since the request was first sent.
///
/// RFC 3261 runs a NOTIFY on timers E and F, not INVITE's A and B: E retransmits at T1 and
/// doubles up to T2 (4 s), F gives up at 64·T1 = 32 s. A provisional (1xx) answer stops the
/// doubling (retransmits every T2 from then on) but not timer F; a final answer ends it.
public struct NonInviteTransaction: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case trying, proceeding
        /// A final answer came: its status and reason.
        case completed(status: Int, reason: String)
        /// Timer F fired with no final answer.
        case timedOut
    }

    public static let t1 = 500
    public static let t2 = 4_000

    public private(set) var state: State = .trying
    /// The first provisional answer ("100 Trying"), for a timeout's message.
    public private(set) var provisional: String?
    /// When timer E next fires (nil once completed or timed out).
    public private(set) var nextRetransmit: Int?
    /// Timer F: 64·T1 by default; shorter for tests and `--timeout`.
    public let timeout: Int
    private var interval: Int

    public init(timeout: Int = 64 * NonInviteTransaction.t1) {
        self.timeout = timeout
        interval = Self.t1
        nextRetransmit = Self.t1 < timeout ? Self.t1 : nil
    }

    public var isDone: Bool {
        switch state {
        case .trying, .proceeding: return false
        case .completed, .timedOut: return true
        }
    }

    /// The next moment something is due (a retransmission or timer F); nil when done.
    public var nextDeadline: Int? {
        guard !isDone else { return nil }
        return min(nextRetransmit ?? timeout, timeout)
    }

    /// Advances to `now`: true when the request is to be sent again now.
    public mutating func tick(now: Int) -> Bool {
        guard !isDone else { return false }
        if now >= timeout {
            state = .timedOut
            nextRetransmit = nil
            return false
        }
        guard let due = nextRetransmit, now >= due else { return false }
        // Trying: E doubles up to T2; Proceeding: every T2 (17.1.2.2).
        interval = state == .proceeding ? Self.t2 : min(interval * 2, Self.t2)
        let next = due + interval
        nextRetransmit = next < timeout ? next : nil
        return true
    }

    /// An answer that matched this transaction.
    public mutating func receive(status: Int, reason: String) {
        guard !isDone else { return }
        if status >= 200 {
            // Timer K (T4 for UDP) only absorbs repeats of this answer; nothing is left to do.
            state = .completed(status: status, reason: reason)
            nextRetransmit = nil
        } else if state == .trying {
            provisional = reason.isEmpty ? "\(status)" : "\(status) \(reason)"
            // The pending retransmission stays; from then on E is reset to T2 each time.
            state = .proceeding
        }
    }

    /// When the request goes out, first send included, if nothing answers (for tests and docs).
    public static func schedule(timeout: Int = 64 * t1) -> [Int] {
        var transaction = NonInviteTransaction(timeout: timeout)
        var times = [0]
        while let deadline = transaction.nextDeadline {
            if transaction.tick(now: deadline) { times.append(deadline) }
        }
        return times
    }
}

/// A bulk resync's pace: at most `perSecond` NOTIFYs in any second (FusionPBX refused "reboot
/// all" as a self-inflicted denial of service).
public struct ResyncPacer: Sendable, Equatable {
    public let perSecond: Int
    public init(perSecond: Int = 10) { self.perSecond = max(1, perSecond) }

    /// When the i-th NOTIFY (from 0) first goes out, in ms after the start: evenly spaced, so
    /// no one-second window holds more than `perSecond`.
    public func sendTime(_ index: Int) -> Int { index * 1000 / perSecond }
}
