/// The phones of an account, packed for large accounts: each phone is a small fixed record whose
/// text fields live in a byte buffer, in chunks of up to 1,024 phones.
///
/// Why: 100,000 `Phone` values with their strings take ~26 MB; packed they take ~10 MB. And
/// chunks are copied on write one at a time, so when the store's copy and the panel's copy share
/// the list, saving one phone copies one chunk, not all of them. Reading an element builds a
/// `Phone`; the hot paths (ids, counts) read the records without building one.
public struct PhoneList: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral, Codable {
    static let chunkCapacity = 1_024

    private(set) var chunks: [PhoneChunk] = []
    /// The index of each chunk's first phone.
    private(set) var starts: [Int] = []
    private var total = 0
    /// Phones are appended with ever larger ids, so ids ascend and `firstIndex(id:)` can bisect;
    /// a hand-edited file out of order turns this off and lookups scan.
    private(set) var idsAscend = true

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

    /// The positions each chunk holds, in order.
    public var chunkRanges: [Range<Int>] { zip(starts, chunks).map { $0 ..< $0 + $1.records.count } }

    /// Whether chunk `k` is chunk `j` of `other` — the same storage, so the same phones: what was
    /// derived from it (search keys) still holds.
    public func sharesChunk(_ k: Int, with other: PhoneList, chunk j: Int) -> Bool {
        k < chunks.count && j < other.chunks.count && chunks[k].isSameStorage(as: other.chunks[j])
    }

    /// Something derived per chunk (an index's block), brought up to this list: a chunk it shares
    /// with `old` keeps its block from `blocks` when `reuse` allows, any other is built again
    /// (after a save, one chunk of 100,000 phones rather than all of them).
    public func chunkBlocks<Block>(from old: PhoneList, _ blocks: [Block], reuse: Bool,
                                   build: (SubSequence) -> Block) -> [Block] {
        chunkRanges.enumerated().map { k, range in
            reuse && k < blocks.count && sharesChunk(k, with: old, chunk: k) ? blocks[k] : build(self[range])
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

    private func locate(_ position: Int) -> (chunk: Int, offset: Int) {
        precondition(position >= 0 && position < total, "phone index \(position) out of range 0..<\(total)")
        // Chunks are full but for removals, so the guess is almost always right.
        var k = Swift.min(position / Self.chunkCapacity, starts.count - 1)
        while starts[k] > position { k -= 1 }
        while k + 1 < starts.count, starts[k + 1] <= position { k += 1 }
        return (k, position - starts[k])
    }

    /// Chunk by chunk where the two are laid out alike, so shared chunks are not compared
    /// phone by phone (after one save, all but one chunk are shared).
    public static func == (a: PhoneList, b: PhoneList) -> Bool {
        guard a.total == b.total else { return false }
        guard a.chunkRanges == b.chunkRanges else { return a.elementsEqual(b) }
        return a.chunks.indices.allSatisfy { k in
            a.chunks[k].isSameStorage(as: b.chunks[k])
                || a.chunks[k].records.indices.allSatisfy { a.chunks[k].phone(at: $0) == b.chunks[k].phone(at: $0) }
        }
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
