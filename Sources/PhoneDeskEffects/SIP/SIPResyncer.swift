import Dispatch
import PhoneDeskCore

/// What happens to a resync, as it happens.
public enum ResyncReport: Sendable, Equatable {
    case sent(ResyncTarget)
    case answered(ResyncTarget, ResyncOutcome)
    /// A datagram that was not a SIP response, or a response to no NOTIFY of this resync.
    case ignored
}

/// How a resync ended: each phone's outcome, and the datagrams it ignored.
public struct ResyncSummary: Sendable, Equatable {
    public var outcomes: [Int: ResyncOutcome] = [:]
    /// Datagrams that were not a SIP response (ignored, counted).
    public var malformed = 0
    /// Responses to no NOTIFY of this resync (another Call-ID or branch): ignored, counted.
    public var unmatched = 0
}

/// Sends each phone's NOTIFY over UDP to the account's SIP server, retransmits it on timer E,
/// and matches the answers (RFC 3261 17.1.2). Blocking: the CLI calls it directly, the panel on
/// its own queue. One socket serves the whole resync (every phone shares the SIP server).
public struct SIPResyncer: Sendable {
    /// Timer F in ms: 32 s as RFC 3261 has it; shorter for tests and `--timeout`.
    public var timeout: Int
    public var pacer: ResyncPacer

    public init(timeout: Int = 64 * NonInviteTransaction.t1, perSecond: Int = 10) {
        self.timeout = timeout
        pacer = ResyncPacer(perSecond: perSecond)
    }

    private struct Active {
        var target: ResyncTarget
        var notify: SIPNotify
        var bytes: [UInt8]
        var transaction: NonInviteTransaction
        var started: Int
    }

    public func run(_ targets: [ResyncTarget], serverSetting: String, report: (ResyncReport) -> Void) -> ResyncSummary {
        var summary = ResyncSummary()
        func finish(_ target: ResyncTarget, _ outcome: ResyncOutcome) {
            summary.outcomes[target.phoneID] = outcome
            report(.answered(target, outcome))
        }
        guard !targets.isEmpty else { return summary }
        guard let server = SIPServer(setting: serverSetting) else {
            for target in targets { finish(target, .unreachable("the SIP server setting \"\(serverSetting)\" is not host or host:port")) }
            return summary
        }
        let socket: UDPSocket
        do throws(UDPSocket.Failure) { socket = try UDPSocket(host: server.host, port: server.port) } catch {
            let why: String
            switch error {
            case .resolve(let detail): why = "cannot resolve the SIP server \(server.host): \(detail)"
            case .connect(let detail): why = "cannot reach the SIP server \(server.hostPort): \(detail)"
            }
            for target in targets { finish(target, .unreachable(why)) }
            return summary
        }
        let start = DispatchTime.now().uptimeNanoseconds
        func now() -> Int { Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000) }
        var generator = SystemRandomNumberGenerator()
        var next = 0
        var active: [String: Active] = [:]
        var finished: Set<String> = []

        // The server refused (ICMP port unreachable) or the network is down: every phone not yet
        // answered gets the reason; nothing waits 32 s for an answer that cannot come.
        func refuseRest(_ detail: String) {
            let why = "the SIP server \(server.hostPort) refused the NOTIFY (\(detail)); is a SIP server listening there?"
            for item in active.values.sorted(by: { $0.started < $1.started }) { finish(item.target, .unreachable(why)) }
            active.removeAll()
            for target in targets[next...] { finish(target, .unreachable(why)) }
            next = targets.count
        }

        while next < targets.count || !active.isEmpty {
            let clock = now()
            while next < targets.count, pacer.sendTime(next) <= clock {
                let target = targets[next]
                next += 1
                let ids = SIPIdentifiers.random(host: socket.localHost, using: &generator)
                let notify = SIPNotify(extensionNumber: target.extensionNumber, server: server, event: target.event,
                                       localHost: socket.localHost, localPort: socket.localPort, ids: ids)
                let item = Active(target: target, notify: notify, bytes: Array(notify.text.utf8),
                                  transaction: NonInviteTransaction(timeout: timeout), started: clock)
                if case .refused(let detail) = socket.send(item.bytes) { active[ids.branch] = item; refuseRest(detail); break }
                active[ids.branch] = item
                report(.sent(target))
            }
            for branch in Array(active.keys) {
                guard var item = active[branch] else { continue }
                if item.transaction.tick(now: clock - item.started), case .refused(let detail) = socket.send(item.bytes) {
                    refuseRest(detail)
                    break
                }
                if item.transaction.state == .timedOut {
                    active[branch] = nil
                    finished.insert(branch)
                    finish(item.target, .timedOut(milliseconds: timeout, provisional: item.transaction.provisional))
                } else {
                    active[branch] = item
                }
            }
            guard next < targets.count || !active.isEmpty else { break }
            var deadline = next < targets.count ? pacer.sendTime(next) : Int.max
            for item in active.values { if let due = item.transaction.nextDeadline { deadline = min(deadline, item.started + due) } }
            guard socket.wait(milliseconds: deadline - now()) else { continue }
            reading: while true {
                switch socket.receive() {
                case .nothing: break reading
                case .refused(let detail): refuseRest(detail); break reading
                case .datagram(let bytes):
                    guard let response = SIPResponse.parse(String(decoding: bytes, as: UTF8.self)) else {
                        summary.malformed += 1
                        report(.ignored)
                        continue
                    }
                    guard var item = active[response.branch], response.answers(item.notify) else {
                        // A repeated final answer of a finished NOTIFY is expected over UDP; anything else is not ours.
                        if !finished.contains(response.branch) { summary.unmatched += 1; report(.ignored) }
                        continue
                    }
                    item.transaction.receive(status: response.status, reason: response.reason)
                    if case .completed(let status, let reason) = item.transaction.state {
                        active[response.branch] = nil
                        finished.insert(response.branch)
                        finish(item.target, .answered(status: status, reason: reason))
                    } else {
                        active[response.branch] = item
                    }
                }
            }
        }
        return summary
    }
}
