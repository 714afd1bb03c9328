/// One chunk: fixed records, and their text fields as length-prefixed UTF-8 in `text`.
struct PhoneChunk: Sendable {
    struct Record: Sendable {
        var id: Int
        var revision: Int
        // Offsets into `text`; `absent` for nil.
        var name, model, mac, user, blf, blfLabel, background, template, secret: UInt32
        /// The key layout (`KeyCoding`), `absent` for a phone without keys or sidecars.
        var keys: UInt32
    }

    static let absent = UInt32.max

    var records: [Record] = []
    var text: [UInt8] = []
    /// Bytes in `text` no record points at any more (left by replaced phones).
    var garbage = 0
    /// Models, images and templates repeat from phone to phone: each is stored once per chunk.
    private var shared: [String: UInt32] = [:]

    init() {
        records.reserveCapacity(PhoneList.chunkCapacity)
        // About what 1,024 phones need (a name, a MAC, a user): fewer reallocations, less to trim.
        text.reserveCapacity(PhoneList.chunkCapacity * 40)
    }

    func sharedOffset(_ string: String) -> UInt32? { shared[string] }

    /// The first record (other than id `except`) whose text `field` satisfies `matches`.
    func firstIndex(except id: Int?, where field: KeyPath<Record, UInt32>,
                    _ matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int? {
        text.withUnsafeBufferPointer { bytes in
            records.indices.first { k in
                let at = records[k][keyPath: field]
                guard at != Self.absent, records[k].id != id else { return false }
                let (start, length) = Self.entry(bytes, at)
                return matches(UnsafeBufferPointer(rebasing: bytes[start..<start + length]))
            }
        }
    }

    /// The names that satisfy `matches`, tested on their bytes.
    func names(_ matches: (UnsafeBufferPointer<UInt8>) -> Bool) -> [String] {
        text.withUnsafeBufferPointer { bytes in
            records.compactMap { record in
                let (start, length) = Self.entry(bytes, record.name)
                let name = UnsafeBufferPointer(rebasing: bytes[start..<start + length])
                return matches(name) ? String(decoding: name, as: UTF8.self) : nil
            }
        }
    }

    /// Whether a stored name equals the wanted one (trimmed, `folded` = lowercased) ignoring case:
    /// ASCII is compared byte by byte; anything else (or stored spaces) as Unicode strings.
    static func sameName(_ stored: UnsafeBufferPointer<UInt8>, _ wanted: [UInt8], _ folded: String) -> Bool {
        func slow() -> Bool { String(decoding: stored, as: UTF8.self).trimmingSpaces.lowercased() == folded }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        if let first = stored.first, let last = stored.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 {
            return slow()
        }
        var i = 0
        while i < stored.count && i < wanted.count {
            let a = stored[i], b = wanted[i]
            if a >= 0x80 || b >= 0x80 { return slow() }
            if lower(a) != lower(b) { return false }
            i += 1
        }
        return stored.count == wanted.count
    }

    func isSameStorage(as other: PhoneChunk) -> Bool {
        records.withUnsafeBufferPointer { a in other.records.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
            && text.withUnsafeBufferPointer { a in other.text.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    func phone(at offset: Int) -> Phone {
        let r = records[offset]
        return text.withUnsafeBufferPointer { bytes in
            func string(_ at: UInt32) -> String? {
                guard at != Self.absent else { return nil }
                let (start, length) = Self.entry(bytes, at)
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<start + length]), as: UTF8.self)
            }
            var phone = Phone(id: r.id, revision: r.revision, name: string(r.name) ?? "", modelID: string(r.model) ?? "",
                         mac: string(r.mac).map(MACAddress.init(hex:)), userExtension: string(r.user),
                         blfExtension: string(r.blf), background: string(r.background), template: string(r.template),
                         secret: string(r.secret), keys: nil, sidecars: nil, blfLabel: string(r.blfLabel))
            if let packed = string(r.keys) { (phone.keys, phone.sidecars) = KeyCoding.decode(packed) }
            return phone
        }
    }

    mutating func append(_ phone: Phone) {
        records.append(pack(phone))
        // A full chunk keeps its text at its exact size (growing by doubling leaves up to half spare).
        if records.count == PhoneList.chunkCapacity, text.capacity - text.count > 4_096 {
            var exact: [UInt8] = []
            exact.reserveCapacity(text.count)
            exact.append(contentsOf: text)
            text = exact
        }
    }

    mutating func replace(at offset: Int, with phone: Phone) {
        garbage += size(of: records[offset])
        records[offset] = pack(phone)
        if garbage > 4_096 && garbage * 2 > text.count { compact() }
    }

    mutating func remove(at offset: Int) {
        garbage += size(of: records[offset])
        records.remove(at: offset)
        if garbage > 4_096 && garbage * 2 > text.count { compact() }
    }

    private mutating func pack(_ phone: Phone) -> Record {
        Record(id: phone.id, revision: phone.revision, name: put(phone.name), model: putShared(phone.modelID), mac: put(phone.mac?.hex),
               user: put(phone.userExtension), blf: put(phone.blfExtension), blfLabel: put(phone.blfLabel), background: putShared(phone.background),
               template: putShared(phone.template), secret: put(phone.secret),
               keys: phone.keys == nil && phone.sidecars == nil ? Self.absent : putShared(KeyCoding.encode(phone.keys, phone.sidecars)))
    }

    private mutating func putShared(_ string: String?) -> UInt32 {
        guard let string else { return Self.absent }
        if let at = shared[string] { return at }
        let at = put(string)
        shared[string] = at
        return at
    }

    /// Appends a length-prefixed string: one byte of length below 255, else 255 and four bytes.
    private mutating func put(_ string: String?) -> UInt32 {
        guard let string else { return Self.absent }
        let at = UInt32(text.count)
        let length = string.utf8.count
        if length < 255 {
            text.append(UInt8(length))
        } else {
            text.append(255)
            withUnsafeBytes(of: UInt32(length).littleEndian) { text.append(contentsOf: $0) }
        }
        text.append(contentsOf: string.utf8)
        return at
    }

    static func entry(_ bytes: UnsafeBufferPointer<UInt8>, _ at: UInt32) -> (start: Int, length: Int) {
        let i = Int(at)
        if bytes[i] < 255 { return (i + 1, Int(bytes[i])) }
        let length = Int(bytes[i + 1]) | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) << 16 | Int(bytes[i + 4]) << 24
        return (i + 5, length)
    }

    private func size(of record: Record) -> Int {
        text.withUnsafeBufferPointer { bytes in
            // Shared entries stay: other records may point at them.
            [record.name, record.mac, record.user, record.blf, record.blfLabel, record.secret]  // keys are shared: presets repeat
                .reduce(0) { sum, at in
                    guard at != Self.absent else { return sum }
                    let (start, length) = Self.entry(bytes, at)
                    return sum + start - Int(at) + length
                }
        }
    }

    /// Rewrites `text` without the garbage.
    private mutating func compact() {
        let phones = records.indices.map { phone(at: $0) }
        records.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: false)
        shared.removeAll()
        garbage = 0
        for phone in phones { append(phone) }
    }
}

/// A phone's keys and sidecars as one string in a chunk's text: the sidecar count, then per key
/// RS number US type US value US label, where a missing value or label is a lone GS and ESC
/// escapes any of ESC, GS, RS, US inside a value or label (a hand-edited file may hold them).
enum KeyCoding {
    static let esc: Unicode.Scalar = "\u{1B}", gs: Unicode.Scalar = "\u{1D}", rs: Unicode.Scalar = "\u{1E}", us: Unicode.Scalar = "\u{1F}"

    static func encode(_ keys: [PhoneKey]?, _ sidecars: Int?) -> String {
        var out = String.UnicodeScalarView()
        func text(_ value: String?) {
            guard let value else { out.append(gs); return }
            for scalar in value.unicodeScalars {
                if scalar == esc || scalar == gs || scalar == rs || scalar == us { out.append(esc) }
                out.append(scalar)
            }
        }
        out.append(contentsOf: (sidecars.map(String.init) ?? "").unicodeScalars)
        for key in keys ?? [] {
            out.append(rs)
            out.append(contentsOf: String(key.number).unicodeScalars)
            out.append(us)
            out.append(contentsOf: key.type.rawValue.unicodeScalars)
            out.append(us)
            text(key.value)
            out.append(us)
            text(key.label)
        }
        // An empty key list differs from none (nil) only in files; keep it as an RS alone.
        if let keys, keys.isEmpty { out.append(rs) }
        return String(out)
    }

    static func decode(_ packed: String) -> ([PhoneKey]?, Int?) {
        var records: [[String?]] = [[]]
        var field = String.UnicodeScalarView()
        var isNil = false, escaped = false
        func endField() { records[records.count - 1].append(isNil ? nil : String(field)); field = .init(); isNil = false }
        for scalar in packed.unicodeScalars {
            if escaped { field.append(scalar); escaped = false; continue }
            switch scalar {
            case esc: escaped = true
            case gs: isNil = true
            case us: endField()
            case rs: endField(); records.append([])
            default: field.append(scalar)
            }
        }
        endField()
        let sidecars = records[0].first.flatMap { $0 }.flatMap { Int($0) }
        let keyRecords = records.dropFirst()
        if keyRecords.count == 1, keyRecords.first == [""] { return ([], sidecars) }
        guard !keyRecords.isEmpty else { return (nil, sidecars) }
        let keys = keyRecords.compactMap { r -> PhoneKey? in
            guard r.count == 4, let number = r[0].flatMap({ Int($0) }), let type = r[1].flatMap(KeyType.init(rawValue:)) else { return nil }
            return PhoneKey(number: number, type: type, value: r[2], label: r[3])
        }
        return (keys, sidecars)
    }
}
