import Foundation
import PhoneDeskCore

/// A phone's fetch status as the panel shows it, made by the runtime (it knows the clock and the
/// time zone) from the access log, so `update` stays pure.
public struct FetchDisplay: Hashable, Sendable {
    /// The Status column: "14:02" (or "2026-11-28"), "waiting", "never", "unknown".
    public var cell: String
    /// The details line's addition: "fetched 14:02 from 10.0.0.7 (T46U 108.86.0.45)".
    public var detail: String?
    /// What the filter matches: "fetched", "waiting", "never", "unknown".
    public var word: String

    public init(cell: String, detail: String?, word: String) { self.cell = cell; self.detail = detail; self.word = word }

    /// Nil for a phone awaiting delivery (its column keeps saying so).
    public static func make(_ status: FetchStatus, now: Date, timeZone: TimeZone = .current) -> FetchDisplay? {
        guard let word = status.word else { return nil }
        func from(_ fetch: PhoneFetch) -> String {
            let device = fetch.device
            return "fetched \(FetchStatus.shortTime(fetch.date, now: now, timeZone: timeZone)) from \(fetch.client)"
                + (device.isEmpty ? "" : " (\(device))")
        }
        switch status {
        case .fetched(let fetch): return FetchDisplay(cell: FetchStatus.shortTime(fetch.date, now: now, timeZone: timeZone), detail: from(fetch), word: word)
        case .waiting(let fetch): return FetchDisplay(cell: "waiting", detail: "waiting: changed since " + from(fetch), word: word)
        case .never: return FetchDisplay(cell: "never", detail: "never fetched", word: word)
        case .unknown: return FetchDisplay(cell: "unknown", detail: "fetch status unknown (access log unreadable)", word: word)
        case .noFile: return nil
        }
    }

    public static func make(_ statuses: [Int: FetchStatus], now: Date, timeZone: TimeZone = .current) -> [Int: FetchDisplay] {
        statuses.compactMapValues { make($0, now: now, timeZone: timeZone) }
    }
}
