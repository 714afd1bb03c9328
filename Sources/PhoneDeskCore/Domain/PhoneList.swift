/// The phones of an account, packed for large accounts: each phone is a small fixed record whose
/// text fields live in a byte buffer, in chunks of up to 1,024 phones.
///
/// Why: 100,000 `Phone` values with their strings take ~26 MB; packed they take ~10 MB. And
/// chunks are copied on write one at a time, so when the store's copy and the panel's copy share
/// the list, saving one phone copies one chunk, not all of them. Reading an element builds a
/// `Phone`; the hot paths (ids, counts) read the records without building one.
public struct PhoneList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral, Codable {
    static let chunkCapacity = 1_024

    private var chunks: [PhoneChunk] = []
    /// The index of each chunk's first phone.
    private var starts: [Int] = []
    private var total = 0
    /// Phones are appended with ever larger ids, so ids ascend and `firstIndex(id:)` can bisect;
    /// a hand-edited file out of order turns this off and lookups scan.
    private var idsAscend = true

    public init() {}

    public init<S: Sequence>(_ phones: S) where S.Element == Phone {
        for phone in phones { append(phone) }
    }

    public init(arrayLiteral phones: Phone...) { self.init(phones) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { total }

    public subscript(position: Int) -> Phone {
        get {
            let (chunk, offset) = locate(position)
            return chunks[chunk].phone(at: offset)
        }
        set {
            let (chunk, offset) = locate(position)
            if newValue.id != chunks[chunk].records[offset].id,
               position > 0 && id(at: position - 1) >= newValue.id || position + 1 < total && id(at: position + 1) <= newValue.id {
                idsAscend = false
            }
            chunks[chunk].replace(at: offset, with: newValue)
        }
    }

    /// The id of the phone at `position`, without building the phone.
    public func id(at position: Int) -> Int {
        let (chunk, offset) = locate(position)
        return chunks[chunk].records[offset].id
    }

    /// The position of the phone with `id`.
    public func firstIndex(id: Int) -> Int? {
        if idsAscend {
            var low = 0, high = total
            while low < high {
                let middle = (low + high) / 2
                if self.id(at: middle) < id { low = middle + 1 } else { high = middle }
            }
            return low < total && self.id(at: low) == id ? low : nil
        }
        for (k, chunk) in chunks.enumerated() {
            if let offset = chunk.records.firstIndex(where: { $0.id == id }) { return starts[k] + offset }
        }
        return nil
    }

    public func phone(id: Int) -> Phone? { firstIndex(id: id).map { self[$0] } }

    /// The phone (other than `except`) whose name is `name`, ignoring case and surrounding
    /// spaces — the uniqueness rule — compared in place: the add form checks it on every key.
    public func phone(named name: String, except id: Int? = nil) -> Phone? {
        let wanted = name.trimmingSpaces
        let folded = wanted.lowercased()
        let bytes = Array(wanted.utf8)
        for chunk in chunks {
            if let offset = chunk.firstIndex(except: id, where: \.name, { PhoneChunk.sameName($0, bytes, folded) }) {
                return chunk.phone(at: offset)
            }
        }
        return nil
    }

    /// The names that begin with `prefix`, ignoring case (the names the shop must not reuse
    /// when it names bought phones "Yealink T46U #n"), found without building the other phones.
    public func names(withPrefix prefix: String) -> [String] {
        let wanted = Array(prefix.lowercased().utf8)
        let folded = prefix.lowercased()
        return chunks.flatMap { chunk in
            chunk.names { stored in
                // Names are stored trimmed, but a hand-edited file may not be.
                let skip = stored.prefix { $0 == 0x20 || $0 == 0x09 }.count
                guard stored.count - skip >= wanted.count else { return false }
                for i in 0..<wanted.count {
                    let c = stored[skip + i]
                    if c >= 0x80 || wanted[i] >= 0x80 { return String(decoding: stored, as: UTF8.self).trimmingSpaces.lowercased().hasPrefix(folded) }
                    if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != wanted[i] { return false }
                }
                return true
            }
        }
    }

    /// The phone (other than `except`) with this MAC.
    public func phone(withMAC mac: MACAddress, except id: Int? = nil) -> Phone? {
        let hex = Array(mac.hex.utf8)
        for chunk in chunks {
            if let offset = chunk.firstIndex(except: id, where: \.mac, { $0.elementsEqual(hex) }) { return chunk.phone(at: offset) }
        }
        return nil
    }

    /// The phones showing background image `name`, found without building the others (the
    /// settings screen lists them on every frame).
    public func using(background name: String) -> [Phone] { using(name, \.background) }

    /// The phones whose configuration template is `name`.
    public func using(template name: String) -> [Phone] { using(name, \.template) }

    private func using(_ name: String, _ field: KeyPath<PhoneChunk.Record, UInt32>) -> [Phone] {
        chunks.flatMap { chunk -> [Phone] in
            // Images and templates are stored once per chunk, so a match is an equal offset.
            guard let at = chunk.sharedOffset(name) else { return [] }
            return chunk.records.indices.filter { chunk.records[$0][keyPath: field] == at }.map { chunk.phone(at: $0) }
        }
    }

    public var maxID: Int? { chunks.compactMap { $0.records.lazy.map(\.id).max() }.max() }

    public mutating func reserveCapacity(_ n: Int) {
        chunks.reserveCapacity(n / Self.chunkCapacity + 1)
        starts.reserveCapacity(n / Self.chunkCapacity + 1)
    }

    public mutating func append(_ phone: Phone) {
        if total > 0, id(at: total - 1) >= phone.id { idsAscend = false }
        if chunks.isEmpty || chunks[chunks.count - 1].records.count >= Self.chunkCapacity {
            starts.append(total)
            chunks.append(PhoneChunk())
        }
        chunks[chunks.count - 1].append(phone)
        total += 1
    }

    public mutating func append<S: Sequence>(contentsOf phones: S) where S.Element == Phone {
        for phone in phones { append(phone) }
    }

    /// Removes one phone; only its chunk changes.
    @discardableResult
    public mutating func remove(at position: Int) -> Phone {
        let (chunk, offset) = locate(position)
        let phone = chunks[chunk].phone(at: offset)
        chunks[chunk].remove(at: offset)
        total -= 1
        if chunks[chunk].records.isEmpty {
            chunks.remove(at: chunk)
            starts.remove(at: chunk)
        }
        // Every chunk from the changed one on starts one phone earlier.
        for k in Swift.min(chunk, starts.count)..<starts.count {
            starts[k] = k == 0 ? 0 : starts[k - 1] + chunks[k - 1].records.count
        }
        return phone
    }

    public mutating func removeAll(where shouldRemove: (Phone) -> Bool) {
        self = PhoneList(filter { !shouldRemove($0) })
    }

    private func locate(_ position: Int) -> (chunk: Int, offset: Int) {
        precondition(position >= 0 && position < total, "phone index \(position) out of range 0..<\(total)")
        // Chunks are full but for removals, so the guess is almost always right.
        var k = Swift.min(position / Self.chunkCapacity, starts.count - 1)
        while starts[k] > position { k -= 1 }
        while k + 1 < starts.count, starts[k + 1] <= position { k += 1 }
        return (k, position - starts[k])
    }

    public static func == (a: PhoneList, b: PhoneList) -> Bool {
        guard a.total == b.total else { return false }
        if a.chunks.count == b.chunks.count, zip(a.chunks, b.chunks).allSatisfy({ $0.isSameStorage(as: $1) }) { return true }
        return a.elementsEqual(b)
    }

    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        while !container.isAtEnd { append(try container.decode(Phone.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        for phone in self { try container.encode(phone) }
    }
}

/// One chunk: fixed records, and their text fields as length-prefixed UTF-8 in `text`.
struct PhoneChunk: Sendable {
    struct Record: Sendable {
        var id: Int
        var revision: Int
        // Offsets into `text`; `absent` for nil.
        var name, model, mac, user, blf, background, template: UInt32
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
            return Phone(id: r.id, revision: r.revision, name: string(r.name) ?? "", modelID: string(r.model) ?? "",
                         mac: string(r.mac).map(MACAddress.init(hex:)), userExtension: string(r.user),
                         blfExtension: string(r.blf), background: string(r.background), template: string(r.template))
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
               user: put(phone.userExtension), blf: put(phone.blfExtension), background: putShared(phone.background),
               template: putShared(phone.template))
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
            [record.name, record.mac, record.user, record.blf]
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
