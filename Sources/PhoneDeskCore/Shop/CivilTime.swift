import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Calendar fields of a moment from the C library (gmtime_r/localtime_r), not Foundation's
/// Calendar and ISO8601DateFormatter: those load ICU's calendar and time-zone data, ~6 MB of
/// resident pages in a panel that only needs a year, a month and a UTC timestamp.
public enum CivilTime {
    public struct Fields: Hashable, Sendable {
        public var year, month, day, hour, minute, second: Int
    }

    public static func utc(_ date: Date) -> Fields { fields(date, local: false) }
    public static func local(_ date: Date) -> Fields { fields(date, local: true) }

    /// "2026-11-26T20:13:40Z", as ISO8601DateFormatter writes a UTC time.
    public static func iso8601(_ date: Date) -> String { iso8601(utc(date)) }

    /// UTC fields as `iso8601(_: Date)` writes them.
    static func iso8601(_ f: Fields) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(f.year)-\(two(f.month))-\(two(f.day))T\(two(f.hour)):\(two(f.minute)):\(two(f.second))Z"
    }

    private static func fields(_ date: Date, local: Bool) -> Fields {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        if local { localtime_r(&seconds, &parts) } else { gmtime_r(&seconds, &parts) }
        return Fields(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
                      hour: Int(parts.tm_hour), minute: Int(parts.tm_min), second: Int(parts.tm_sec))
    }
}
