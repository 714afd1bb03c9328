#if canImport(Glibc)
import Glibc
#endif

/// A schema-specific reader for phones.json: straight from bytes to `Phone` values, with no
/// intermediate tree. Foundation's JSONDecoder takes ~1.5 s and ~170 MiB for 100,000 phones;
/// this takes a small fraction. Anything it does not expect makes it return nil, and the store
/// falls back to JSONDecoder (which also produces the error message with its position) — that
/// includes invalid UTF-8 and a repeated key, which the careful path refuses with their position.
enum PhonesReader {
    /// Reads the open file `fd` through a 1 MiB window, so the file's bytes are never all in
    /// memory at once (phones.json can be 15 MB; the packed phones take 8). Nil for anything it
    /// does not expect.
    static func read(_ fd: Int32, size: Int) -> PhonesDocument? {
        let window = Window(fd: fd)
        defer { window.buffer.deallocate() }
        var reader = Cursor(b: UnsafeBufferPointer(start: window.buffer.baseAddress, count: 0), window: window)
        reader.refill()
        return reader.document(expectedSize: size)
    }

    /// A sliding view of a file: the cursor keeps at least `ahead` bytes in view while it can.
    final class Window {
        static let size = 1 << 20, ahead = 64 << 10
        let fd: Int32
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Window.size)
        var atEnd = false
        var failed = false
        init(fd: Int32) { self.fd = fd }
    }

    /// The first `limit` phones only (for drawing the first screen of a large account at once);
    /// nil when the file does not start the way phonedesk writes it.
    static func prefix(_ bytes: [UInt8], limit: Int) -> [Phone]? {
        bytes.withUnsafeBufferPointer { buffer -> [Phone]? in
            var reader = Cursor(b: buffer)
            guard reader.expect(0x7B) else { return nil }
            repeat {
                guard let key = reader.string(), reader.expect(0x3A) else { return nil }
                switch key {
                case "nextID", "revision", "schemaVersion": guard reader.int() != nil else { return nil }
                case "phones":
                    guard reader.expect(0x5B) else { return nil }
                    var phones: [Phone] = []
                    if reader.peek() == 0x5D { return phones }
                    repeat {
                        guard let phone = reader.phone() else { return nil }
                        phones.append(phone)
                    } while phones.count < limit && reader.expect(0x2C)
                    return phones
                default: return nil
                }
            } while reader.expect(0x2C)
            return nil
        }
    }

    struct Cursor {
        var b: UnsafeBufferPointer<UInt8>
        var i = 0
        var window: Window?

        /// Moves the unread bytes to the front of the window and reads more behind them, when
        /// fewer than `Window.ahead` bytes are left (one phone is a few hundred bytes; one larger
        /// than that makes the parse fail and the careful path take over).
        mutating func refill() {
            guard let window, !window.atEnd, b.count - i < Window.ahead else { return }
            let base = window.buffer.baseAddress!
            let kept = b.count - i
            if kept > 0, i > 0 { memmove(base, base + i, kept) }
            var filled = kept
            while filled < Window.size {
                let n = Glibc.read(window.fd, base + filled, Window.size - filled)
                if n < 0, errno == EINTR { continue }
                if n < 0 { window.failed = true }
                if n <= 0 { window.atEnd = true; break }
                filled += n
            }
            b = UnsafeBufferPointer(start: base, count: filled)
            i = 0
        }

        mutating func space() { while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }

        mutating func expect(_ byte: UInt8) -> Bool {
            space()
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }

        mutating func peek() -> UInt8? { space(); return i < b.count ? b[i] : nil }

        mutating func string() -> String? {
            guard expect(0x22) else { return nil }
            let start = i
            var plain = true
            var high: UInt8 = 0
            while i < b.count, b[i] != 0x22 {
                if b[i] == 0x5C { plain = false; i += 2; continue }
                if b[i] < 0x20 { return nil }
                high |= b[i]
                i += 1
            }
            guard i < b.count else { return nil }
            defer { i += 1 }
            let raw = UnsafeBufferPointer(rebasing: b[start..<i])
            // Invalid UTF-8 is never repaired into U+FFFD here: nil, and the careful path says where.
            if plain { return high < 0x80 ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self) }
            return unescape(start, i)
        }

        func unescape(_ start: Int, _ end: Int) -> String? {
            var out = [UInt8]()
            out.reserveCapacity(end - start)
            var j = start
            while j < end {
                let c = b[j]
                guard c == 0x5C else { out.append(c); j += 1; continue }
                j += 1
                guard j < end else { return nil }
                switch b[j] {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard var value = hex4(after: j, end) else { return nil }
                    j += 4
                    // A high surrogate pairs only with a low one escaped right after it: one
                    // held over other characters ("\uD800x\uDC00") used to pair with a later
                    // low one. A lone half is left to the careful path, which says where.
                    if (0xD800...0xDBFF).contains(value) {
                        guard j + 2 < end, b[j + 1] == 0x5C, b[j + 2] == 0x75, let low = hex4(after: j + 2, end),
                              (0xDC00...0xDFFF).contains(low) else { return nil }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                        j += 6
                    }
                    guard let scalar = Unicode.Scalar(value) else { return nil }  // a lone low half
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
                j += 1
            }
            return String(validating: out, as: UTF8.self)
        }

        /// The four hex digits after the `u` at `u`, when all of them come before `end`.
        func hex4(after u: Int, _ end: Int) -> UInt32? {
            guard u + 4 < end else { return nil }
            var value: UInt32 = 0
            for k in 1...4 {
                guard let digit = hex(b[u + k]) else { return nil }
                value = value << 4 | digit
            }
            return value
        }

        func hex(_ c: UInt8) -> UInt32? {
            switch c {
            case 0x30...0x39: return UInt32(c - 0x30)
            case 0x61...0x66: return UInt32(c - 0x61 + 10)
            case 0x41...0x46: return UInt32(c - 0x41 + 10)
            default: return nil
            }
        }

        mutating func int() -> Int? {
            space()
            var negative = false
            if i < b.count, b[i] == 0x2D { negative = true; i += 1 }
            // JSON has no leading zeros ("0001"): the careful path refuses them with the position.
            if i + 1 < b.count, b[i] == 0x30, b[i + 1] >= 0x30, b[i + 1] <= 0x39 { return nil }
            var value = 0, digits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                value = value &* 10 &+ Int(b[i] - 0x30)
                i += 1
                digits += 1
                if digits > 18 { return nil }
            }
            guard digits > 0, i >= b.count || (b[i] != 0x2E && b[i] | 0x20 != 0x65) else { return nil }
            return negative ? -value : value
        }

        /// A string or null.
        mutating func optionalString() -> String?? {
            if peek() == 0x6E { return literal("null") ? .some(nil) : nil }
            return string().map { .some($0) }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            space()
            let count = word.utf8CodeUnitCount
            guard i + count <= b.count else { return false }
            for k in 0..<count where b[i + k] != word.utf8Start[k] { return false }
            i += count
            return true
        }

        mutating func phone() -> Phone? {
            refill()
            guard expect(0x7B) else { return nil }
            var id: Int?, revision: Int?, name: String?, model: String?
            var mac: MACAddress??, user: String??, blf: String??, background: String??, template: String??, secret: String??
            var keys: [PhoneKey]??, sidecars: Int??, blfLabel: String??
            if peek() == 0x7D { i += 1; return nil }
            // Which keys this phone had: a repeated key lets the careful path refuse it.
            var seen: UInt16 = 0
            func first(_ bit: UInt16) -> Bool { defer { seen |= bit }; return seen & bit == 0 }
            repeat {
                guard let key = string(), expect(0x3A) else { return nil }
                switch key {
                case "id": guard first(1) else { return nil }; id = int()
                case "revision": guard first(2) else { return nil }; revision = int()
                case "name": guard first(4) else { return nil }; name = string()
                case "model": guard first(8) else { return nil }; model = string()
                case "mac":
                    guard first(16) else { return nil }
                    guard let text = optionalString() else { return nil }
                    if let text {
                        guard text.utf8.count == 12, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }),
                              case .success(let parsed) = MACAddress.parse(text) else { return nil }
                        mac = .some(parsed)
                    } else { mac = .some(nil) }
                case "user": guard first(32) else { return nil }; user = optionalString()
                case "blf": guard first(64) else { return nil }; blf = optionalString()
                case "blfLabel": guard first(4096) else { return nil }; blfLabel = optionalString()
                case "background": guard first(128) else { return nil }; background = optionalString()
                case "template": guard first(256) else { return nil }; template = optionalString()
                case "secret": guard first(512) else { return nil }; secret = optionalString()
                case "keys": guard first(1024) else { return nil }; keys = optionalKeys()
                case "sidecars":
                    guard first(2048) else { return nil }
                    if peek() == 0x6E { guard literal("null") else { return nil }; sidecars = .some(nil) } else { sidecars = int().map { .some($0) } }
                default: return nil  // an unknown field: let JSONDecoder decide
                }
            } while expect(0x2C)
            guard expect(0x7D), let id, let revision, let name, let model else { return nil }
            var phone = Phone(id: id, revision: revision, name: name, modelID: model, mac: mac ?? nil, userExtension: user ?? nil,
                              blfExtension: blf ?? nil, background: background ?? nil, template: template ?? nil,
                              secret: secret ?? nil, keys: keys ?? nil, sidecars: sidecars ?? nil, blfLabel: blfLabel ?? nil)
            phone.normalizeKeyTwo()  // as `Phone.init(from:)` does
            return phone
        }

        /// A phone's `keys`: null or an array of `{number, type, value?, label?}`; nil for
        /// anything else (the careful path then says what is wrong).
        mutating func optionalKeys() -> [PhoneKey]?? {
            if peek() == 0x6E { return literal("null") ? .some(nil) : nil }
            guard expect(0x5B) else { return nil }
            var keys: [PhoneKey] = []
            if peek() == 0x5D { i += 1; return .some(keys) }
            repeat {
                guard expect(0x7B) else { return nil }
                var number: Int?, type: KeyType?, value: String??, label: String??
                var seen: UInt8 = 0
                func first(_ bit: UInt8) -> Bool { defer { seen |= bit }; return seen & bit == 0 }
                repeat {
                    guard let key = string(), expect(0x3A) else { return nil }
                    switch key {
                    case "number": guard first(1) else { return nil }; number = int()
                    case "type": guard first(2), let word = string(), let known = KeyType(rawValue: word) else { return nil }; type = known
                    case "value": guard first(4) else { return nil }; value = optionalString()
                    case "label": guard first(8) else { return nil }; label = optionalString()
                    default: return nil
                    }
                } while expect(0x2C)
                guard expect(0x7D), let number, let type else { return nil }
                if seen & 4 != 0, value == nil { return nil }
                if seen & 8 != 0, label == nil { return nil }
                keys.append(PhoneKey(number: number, type: type, value: value ?? nil, label: label ?? nil))
            } while expect(0x2C)
            guard expect(0x5D) else { return nil }
            return .some(keys)
        }

        mutating func document(expectedSize: Int? = nil) -> PhonesDocument? {
            guard expect(0x7B) else { return nil }
            var document = PhonesDocument(phones: [])
            var seen = Set<String>()
            repeat {
                refill()
                guard let key = string(), expect(0x3A), seen.insert(key).inserted else { return nil }
                switch key {
                case "schemaVersion": guard let v = int() else { return nil }; document.schemaVersion = v
                case "revision": guard let v = int() else { return nil }; document.revision = v
                case "nextID": guard let v = int() else { return nil }; document.nextID = v
                case "phones":
                    guard expect(0x5B) else { return nil }
                    var phones = PhoneList()
                    phones.reserveCapacity((expectedSize ?? b.count) / 150)
                    if peek() == 0x5D { i += 1 } else {
                        repeat {
                            guard let phone = phone() else { return nil }
                            phones.append(phone)
                        } while expect(0x2C)
                        guard expect(0x5D) else { return nil }
                    }
                    document.phones = phones
                default: return nil
                }
                refill()
            } while expect(0x2C)
            guard expect(0x7D), seen.isSuperset(of: ["schemaVersion", "revision", "nextID", "phones"]) else { return nil }
            space()
            refill()
            space()
            return i == b.count && window?.atEnd != false && window?.failed != true ? document : nil
        }
    }
}
