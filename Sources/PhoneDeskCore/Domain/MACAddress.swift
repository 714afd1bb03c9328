/// A phone's hardware address, stored as 12 lowercase hex digits ("001a4d5c258d").
public struct MACAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    public init(hex: String) { self.hex = hex }

    /// The operator-facing form: "00:1a:4d:5c:25:8d".
    public var display: String {
        var parts: [Substring] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) ?? hex.endIndex
            parts.append(hex[index..<next])
            index = next
        }
        return parts.joined(separator: ":")
    }

    public var description: String { display }

    /// The first three octets (the vendor prefix), as 6 lowercase hex digits.
    public var oui: String { String(hex.prefix(6)) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        switch MACAddress.parse(text) {
        case .success(let mac): self = mac
        case .failure(let problem):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "bad MAC \"\(text)\": \(problem.message)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// Why a typed MAC address was refused; `message` is shown under the field.
public enum MACProblem: Error, Equatable, Sendable {
    case empty
    case mixedSeparators
    case wrongGroupCount(found: Int, separator: Character)
    case wrongGroupLength(group: Int, expected: Int)
    case wrongLength(found: Int)
    case notHex(Character)
    case allZero
    case broadcast
    case multicast

    public var message: String {
        switch self {
        case .empty: return "Enter the MAC address from the label on the back of the phone."
        case .mixedSeparators: return "Mixed separators: use only ':' or only '-' (or '.' in Cisco form)."
        case .wrongGroupCount(let found, let separator):
            let expected = separator == "." ? 3 : 6
            return "A MAC has \(expected) groups separated by '\(separator)'; this one has \(found)."
        case .wrongGroupLength(let group, let expected):
            return "Group \(group) must have \(expected) hex digits."
        case .wrongLength(let found): return "A MAC has 12 hex digits; this one has \(found)."
        case .notHex(let c): return "'\(c)' is not a hex digit (0-9, a-f)."
        case .allZero: return "00:00:00:00:00:00 is not a real device address."
        case .broadcast: return "ff:ff:ff:ff:ff:ff is the broadcast address, not a phone."
        case .multicast: return "The first octet is odd: that is a multicast address, not a phone."
        }
    }
}

extension MACAddress {
    /// Accepts `00:1a:4d:5c:25:8d`, `00-1A-4D-5C-25-8D`, `001a.4d5c.258d` and `001A4D5C258D`,
    /// trimmed of surrounding spaces.
    public static func parse(_ raw: String) -> Result<MACAddress, MACProblem> {
        let text = raw.trimmingSpaces
        if text.isEmpty { return .failure(.empty) }
        let separators = Set(text.filter { $0 == ":" || $0 == "-" || $0 == "." })
        if separators.count > 1 { return .failure(.mixedSeparators) }
        var digits = ""
        if let separator = separators.first {
            let groups = text.split(separator: separator, omittingEmptySubsequences: false)
            let (count, length) = separator == "." ? (3, 4) : (6, 2)
            if groups.count != count { return .failure(.wrongGroupCount(found: groups.count, separator: separator)) }
            for (index, group) in groups.enumerated() {
                if let bad = group.first(where: { !$0.isHexDigit }) { return .failure(.notHex(bad)) }
                if group.count != length { return .failure(.wrongGroupLength(group: index + 1, expected: length)) }
                digits += group
            }
        } else {
            if let bad = text.first(where: { !$0.isHexDigit }) { return .failure(.notHex(bad)) }
            if text.count != 12 { return .failure(.wrongLength(found: text.count)) }
            digits = text
        }
        let hex = digits.lowercased()
        if hex == "000000000000" { return .failure(.allZero) }
        if hex == "ffffffffffff" { return .failure(.broadcast) }
        if let first = UInt8(hex.prefix(2), radix: 16), first & 1 == 1 { return .failure(.multicast) }
        return .success(MACAddress(hex: hex))
    }

    /// Reduces a search fragment typed in any MAC notation to bare lowercase hex,
    /// or nil when it is not MAC-like (so "5C:25:8d" finds "001a4d5c258d").
    public static func searchFragment(_ text: String) -> String? {
        var hex = ""
        for c in text {
            if c.isHexDigit { hex.append(Character(c.lowercased())) }
            else if c == ":" || c == "-" || c == "." || c == " " { continue }
            else { return nil }
        }
        return hex.isEmpty ? nil : hex
    }
}

extension Character {
    var isHexDigit: Bool { isASCII && (isNumber || ("a"..."f").contains(self) || ("A"..."F").contains(self)) }
}
