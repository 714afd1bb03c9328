import Foundation

/// A moment to the second in UTC, as orders.json keeps an order's date: "2026-11-26T20:13:40Z",
/// the text `CivilTime.iso8601` writes. Held as its calendar fields, so it encodes to exactly the
/// text it was decoded from; a string of any other form is refused when decoding (the store then
/// reports the file as corrupt, naming the file and `orders[i].date`).
public struct UTCTimestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let fields: CivilTime.Fields

    /// The moment `date` is in, to the second (rounded down, as `CivilTime` does).
    public init(_ date: Date) { fields = CivilTime.utc(date) }

    /// "2026-11-26T20:13:40Z"; nil for any other text. The year is written as `CivilTime` writes
    /// it (no sign, no leading zeros), so that every accepted text is re-encoded unchanged.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        // After the year: "-MM-DDTHH:MM:SSZ".
        let tail = 16
        guard bytes.count > tail else { return nil }
        let yearText = String(decoding: bytes[..<(bytes.count - tail)], as: UTF8.self)
        guard let year = Int(yearText), String(year) == yearText else { return nil }
        var index = bytes.count - tail
        func separator(_ character: Unicode.Scalar) -> Bool {
            defer { index += 1 }
            return bytes[index] == UInt8(ascii: character)
        }
        func twoDigits() -> Int? {
            defer { index += 2 }
            let (a, b) = (bytes[index], bytes[index + 1])
            guard (0x30...0x39).contains(a), (0x30...0x39).contains(b) else { return nil }
            return Int(a - 0x30) * 10 + Int(b - 0x30)
        }
        guard separator("-"), let month = twoDigits(), separator("-"), let day = twoDigits(), separator("T"),
              let hour = twoDigits(), separator(":"), let minute = twoDigits(), separator(":"), let second = twoDigits(),
              separator("Z") else { return nil }
        // A second of 60 is ISO 8601's leap second: phonedesk never writes one, but it is a real time.
        guard (1...12).contains(month), (1...Self.days(inMonth: month, of: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        fields = CivilTime.Fields(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// "2026-11-26T20:13:40Z", as stored.
    public var iso8601: String { CivilTime.iso8601(fields) }

    /// "2026-11-26 20:13": the date and the time to the minute, as the shop's order list shows it.
    public var minuteText: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(fields.year)-\(two(fields.month))-\(two(fields.day)) \(two(fields.hour)):\(two(fields.minute))"
    }

    public var year: Int { fields.year }

    public var description: String { iso8601 }

    public static func < (a: UTCTimestamp, b: UTCTimestamp) -> Bool {
        let (x, y) = (a.fields, b.fields)
        return (x.year, x.month, x.day, x.hour, x.minute, x.second) < (y.year, y.month, y.day, y.hour, y.minute, y.second)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = UTCTimestamp(iso8601: text) else {
            // The value is quoted only when short: a hand-edited file may hold anything there.
            let shown = text.count <= 40 ? PhonesWriter.quoted(text) + " is " : ""
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "\(shown)not a UTC date and time of the form 2026-11-26T20:13:40Z")
        }
        self = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
