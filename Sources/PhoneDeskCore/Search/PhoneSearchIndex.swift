import Foundation

/// Each phone's folded fields, packed into bytes once per data change, and the one function that
/// says which phones a `PhoneFilter` lets through (the panel's table and the CLI's `--filter`).
/// Kept per chunk of the phone list: after a save only the changed chunk is folded again, the
/// others are reused when the new list shares their storage (at 100,000 phones: ~2 ms, not ~230).
public struct PhoneSearchIndex: Sendable {
    /// A phone's key: its segments in this order, separated by 0x01.
    enum Segment: Int { case name, user, model, template, image, blf }
    static let separator: UInt8 = 1

    struct Block: Sendable {
        var keys = PackedKeys()
        /// 12 hex digits per phone, zeros without a MAC (zero never matches a hex digit).
        var macs: [UInt8] = []
        /// 5 per phone: where in its key each separator is.
        var separators: [UInt16] = []
    }

    private var blocks: [Block] = []
    private var starts: [Int] = []
    /// What the blocks were built from.
    private var phones = PhoneList()
    private var users: [User] = []
    /// Each phone's fetch word (by position) as an index into `fetchWords`; 0: none.
    private var fetchCodes: [UInt8] = []
    private var fetchByID: [Int: String] = [:]
    static let fetchWords = ["", "fetched", "waiting", "never", "unknown"]

    public init() {}

    /// The phones matching `filter` in `data`, in list order: for a one-off question (the CLI).
    public static func positions(matching filter: PhoneFilter, in data: AccountData, fetchWords: [Int: String] = [:]) -> [Int] {
        var index = PhoneSearchIndex()
        index.update(data)
        index.setFetchWords(fetchWords, phones: data.phones)
        return index.matches(filter, candidates: nil)
    }

    public mutating func update(_ data: AccountData) {
        var folding: Folding?
        blocks = data.phones.chunkBlocks(from: phones, blocks, reuse: data.users == users) { chunk in
            if folding == nil { folding = Folding(data.users) }
            return folding!.block(chunk)
        }
        starts = data.phones.chunkRanges.map(\.lowerBound)
        phones = data.phones
        users = data.users
        fillFetchCodes()
    }

    /// New fetch statuses (by phone id); false when nothing changed.
    @discardableResult
    public mutating func setFetchWords(_ words: [Int: String], phones list: PhoneList) -> Bool {
        guard words != fetchByID else { return false }
        fetchByID = words
        fillFetchCodes()
        return true
    }

    private mutating func fillFetchCodes() {
        guard !fetchByID.isEmpty else { fetchCodes = []; return }
        fetchCodes = phones.indices.map { i in
            fetchByID[phones.id(at: i)].flatMap { Self.fetchWords.firstIndex(of: $0) }.map(UInt8.init) ?? 0
        }
    }

    /// The positions among `candidates` (nil: every phone) that every term matches, in their order.
    /// At 100,000 phones a widening keystroke scans them all, so the loop holds raw pointers per
    /// block and each term is compiled to bytes and flags once.
    public func matches(_ filter: PhoneFilter, candidates: [Int]?) -> [Int] {
        // Longest needles first: they fail soonest, and AND stops at the first failure.
        let terms = filter.terms.filter { !$0.folded.isEmpty }.sorted { $0.folded.utf8.count > $1.folded.utf8.count }.map(CompiledTerm.init)
        defer { terms.forEach { $0.free() } }
        let total = phones.count
        let count = candidates?.count ?? total
        var found: [Int] = []
        found.reserveCapacity(count)
        var i = 0
        var b = 0
        terms.withUnsafeBufferPointer { compiled in fetchCodes.withUnsafeBufferPointer { fetch in
            while i < count {
                let first = candidates?[i] ?? i
                // Candidates in another order (a sorted table) walk the blocks back too.
                if first < starts[b] { b = 0 }
                while b + 1 < starts.count, starts[b + 1] <= first { b += 1 }
                let blockEnd = b + 1 < starts.count ? starts[b + 1] : total
                let start = starts[b]
                let block = blocks[b]
                block.keys.withBuffers { keys, ends in
                    block.macs.withUnsafeBufferPointer { macs in
                        block.separators.withUnsafeBufferPointer { seps in
                            while i < count {
                                let index = candidates?[i] ?? i
                                if index >= blockEnd || index < start { break }
                                let offset = index - start
                                let from = offset == 0 ? 0 : Int(ends[offset - 1])
                                let phone = ScannedPhone(key: UnsafeBufferPointer(rebasing: keys[from ..< Int(ends[offset])]),
                                                         separators: UnsafeBufferPointer(rebasing: seps[offset * 5 ..< offset * 5 + 5]),
                                                         mac: UnsafeBufferPointer(rebasing: macs[offset * 12 ..< offset * 12 + 12]),
                                                         fetch: fetch.isEmpty ? 0 : Int(fetch[index]))
                                var hit = true
                                for k in 0 ..< compiled.count where !compiled[k].matches(phone) { hit = false; break }
                                if hit { found.append(index) }
                                i += 1
                            }
                        }
                    }
                }
            }
        } }
        return found
    }

    /// Byte substring search. A very short segment (an extension, a model) is a plain loop;
    /// longer ones go to `memchr` (vectorised) for the first byte and `memcmp` for the rest.
    @inline(__always)
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard haystack.count >= n, let base = haystack.baseAddress, let wanted = needle.baseAddress else { return false }
        let last = haystack.count - n
        let first = wanted[0]
        if haystack.count < 16 {
            var i = 0
            while i <= last {
                if base[i] == first {
                    var j = 1
                    while j < n, base[i + j] == wanted[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
        var i = 0
        while i <= last {
            guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return false }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if n == 1 || memcmp(base + at + 1, wanted + 1, n - 1) == 0 { return true }
            i = at + 1
        }
        return false
    }

    /// Users and models folded once, not once per phone.
    private struct Folding {
        let userKeys: [String: String]
        var modelKeys: [String: String] = [:]

        init(_ users: [User]) {
            userKeys = Dictionary(users.map { ($0.extensionNumber, $0.extensionNumber + " " + SearchFold.fold($0.name)) },
                                  uniquingKeysWith: { a, _ in a })
            for model in PhoneCatalog.models { modelKeys[model.id] = SearchFold.fold(model.label) }
        }


        func block(_ phones: PhoneList.SubSequence) -> Block {
            var block = Block()
            block.macs.reserveCapacity(phones.count * 12)
            block.separators.reserveCapacity(phones.count * 5)
            for phone in phones {
                let parts = [SearchFold.fold(phone.name), phone.userExtension.map { userKeys[$0] ?? $0 } ?? "",
                             modelKeys[phone.modelID] ?? SearchFold.fold(phone.modelID), phone.template.map(SearchFold.fold) ?? "",
                             phone.background.map(SearchFold.fold) ?? "", phone.blfExtension.map { userKeys[$0] ?? $0 } ?? ""]
                let start = block.keys.bytes.count
                for (k, part) in parts.enumerated() {
                    if k > 0 {
                        block.separators.append(UInt16(clamping: block.keys.bytes.count - start))
                        block.keys.appendByte(separator)
                    }
                    block.keys.appendBytes(part)
                }
                block.keys.endKey()
                let hex = Array((phone.mac?.hex ?? "").utf8.prefix(12))
                block.macs.append(contentsOf: hex + [UInt8](repeating: 0, count: 12 - hex.count))
            }
            return block
        }
    }
}

/// Byte strings end to end in one buffer, found by index.
struct PackedKeys: Sendable {
    private(set) var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    mutating func appendBytes(_ text: String) { bytes.append(contentsOf: text.utf8) }
    mutating func appendByte(_ byte: UInt8) { bytes.append(byte) }
    /// The bytes appended since the last key make the next key.
    mutating func endKey() { ends.append(UInt32(bytes.count)) }

    func withBuffers<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt32>) -> R) -> R {
        bytes.withUnsafeBufferPointer { b in ends.withUnsafeBufferPointer { e in body(b, e) } }
    }
}
