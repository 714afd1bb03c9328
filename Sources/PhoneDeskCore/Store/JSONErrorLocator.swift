import Foundation

/// Finds where JSON text stops being valid, because Foundation's decoder on Linux does not say.
/// A small recursive-descent syntax check over UTF-8 bytes; returns nil for valid JSON.
/// Stricter than the decoder where the decoder would lose data silently: invalid UTF-8 (which it
/// turns into U+FFFD), a lone UTF-16 surrogate escape, and a key repeated in one object (where
/// the last wins and the others vanish at the next save) are refused with their position.
public enum JSONErrorLocator {
    public struct Location: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var offset: Int
        public var reason: String
        public var description: String { "line \(line), column \(column): \(reason)" }
    }

    public static func locate(_ bytes: [UInt8]) -> Location? {
        var parser = Parser(bytes: bytes)
        do throws(Failure) {
            parser.skipSpace()
            try parser.value(depth: 0)
            parser.skipSpace()
            if parser.index < bytes.count { throw Failure(offset: parser.index, reason: "unexpected text after the end") }
            return nil
        } catch {
            var line = 1, column = 1
            for byte in bytes[0..<min(error.offset, bytes.count)] {
                if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return Location(line: line, column: column, offset: error.offset, reason: error.reason)
        }
    }

    struct Failure: Error { var offset: Int; var reason: String }

    struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        func fail(_ reason: String) -> Failure { Failure(offset: index, reason: reason) }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < 512 else { throw fail("nested too deeply") }
            guard index < bytes.count else { throw fail("unexpected end of file") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try object(depth: depth)
            case UInt8(ascii: "["): try array(depth: depth)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("unexpected character '\(String(decoding: [bytes[index]], as: UTF8.self))'")
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            for byte in word.utf8 {
                guard index < bytes.count, bytes[index] == byte else { throw fail("expected '\(word)'") }
                index += 1
            }
        }

        mutating func number() throws(Failure) {
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            // RFC 8259: no leading zeros ("0001" is not a number, whatever a decoder makes of it).
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "0"), (0x30...0x39).contains(bytes[index + 1]) {
                throw fail("a number with a leading zero")
            }
            var digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1; digits += 1 }
            if digits == 0 { throw fail("malformed number") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var fraction = 0
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1; fraction += 1 }
                if fraction == 0 { throw fail("malformed number") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                var exponent = 0
                while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1; exponent += 1 }
                if exponent == 0 { throw fail("malformed number") }
            }
        }

        mutating func string() throws(Failure) {
            index += 1
            var pendingHigh = false
            while index < bytes.count {
                let byte = bytes[index]
                if pendingHigh && byte != UInt8(ascii: "\\") { throw fail("a lone UTF-16 surrogate escape is not a character") }
                if byte == UInt8(ascii: "\"") { index += 1; return }
                if byte < 0x20 { throw fail("control character in a string (missing closing quote?)") }
                if byte >= 0x80 { try utf8Sequence(); continue }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    if bytes[index] == UInt8(ascii: "u") {
                        let start = index - 1
                        var value = 0
                        for _ in 0..<4 {
                            index += 1
                            guard index < bytes.count, let digit = Character(UnicodeScalar(bytes[index])).hexDigitValue else { throw fail("bad \\u escape") }
                            value = value << 4 | digit
                        }
                        switch value {
                        case 0xD800...0xDBFF where !pendingHigh: pendingHigh = true
                        case 0xDC00...0xDFFF where pendingHigh: pendingHigh = false
                        case 0xD800...0xDFFF: throw Failure(offset: start, reason: "a lone UTF-16 surrogate escape is not a character")
                        default: if pendingHigh { throw Failure(offset: start, reason: "a lone UTF-16 surrogate escape is not a character") }
                        }
                    } else if pendingHigh {
                        throw fail("a lone UTF-16 surrogate escape is not a character")
                    } else if !"\"\\/bfnrt".utf8.contains(bytes[index]) {
                        throw fail("bad escape")
                    }
                }
                index += 1
            }
            throw fail("unterminated string")
        }

        /// One multi-byte UTF-8 character (RFC 3629: no overlong forms, surrogates or values
        /// above U+10FFFF); leaves `index` after it.
        mutating func utf8Sequence() throws(Failure) {
            let lead = bytes[index]
            let count: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (count, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (count, low, high) = (3, 0xA0, 0xBF)
            case 0xED: (count, low, high) = (3, 0x80, 0x9F)
            case 0xE1...0xEF: (count, low, high) = (3, 0x80, 0xBF)
            case 0xF0: (count, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (count, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (count, low, high) = (4, 0x80, 0x8F)
            default: throw fail("invalid UTF-8 (byte 0x\(String(lead, radix: 16, uppercase: true)))")
            }
            for k in 1..<count {
                let next = index + k < bytes.count ? bytes[index + k] : 0
                let (from, to) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                guard next >= from && next <= to else { throw fail("invalid UTF-8 (byte 0x\(String(lead, radix: 16, uppercase: true)) starts a broken sequence)") }
            }
            index += count
        }

        /// A key as the decoder sees it: its bytes with escapes resolved (keys rarely have any).
        func key(from start: Int, to end: Int) -> [UInt8] {
            let raw = bytes[start + 1 ..< end - 1]
            guard raw.contains(UInt8(ascii: "\\")) else { return Array(raw) }
            let decoded = try? JSONDecoder().decode(String.self, from: Data(bytes[start..<end]))
            return decoded.map { Array($0.utf8) } ?? Array(raw)
        }

        mutating func array(depth: Int) throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
            while true {
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file in an array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return }
                throw fail("expected ',' or ']'")
            }
        }

        mutating func object(depth: Int) throws(Failure) {
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
            var keys = Set<[UInt8]>()
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                let start = index
                try string()
                let key = key(from: start, to: index)
                guard keys.insert(key).inserted else {
                    throw Failure(offset: start, reason: "duplicate key \"\(String(decoding: key, as: UTF8.self))\" in one object")
                }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                index += 1
                skipSpace()
                try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw fail("unexpected end of file in an object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return }
                throw fail("expected ',' or '}'")
            }
        }
    }
}
