import Foundation

/// Each phone's folded fields, packed into bytes once per data change, and the one function that
/// says which phones a `PhoneFilter` lets through (the panel's table and the CLI's `--filter`).
/// Kept per chunk of the phone list: after a save only the changed chunk is folded again, the
/// others are reused when the new list shares their storage (at 100,000 phones: ~2 ms, not ~230).
public struct PhoneSearchIndex: Sendable {
    /// A phone's key: its segments in this order, separated by 0x01.
    enum Segment: Int { case name, user, model, template, image, blf }
    static let separator: UInt8 = 1

    private struct Block: Sendable {
        var keys = PackedKeys()
        /// 12 hex digits per phone, zeros without a MAC (zero never matches a hex digit).
        var macs: [UInt8] = []
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
        let sameUsers = data.users == users
        let ranges = data.phones.chunkRanges
        var folding: Folding?
        var next: [Block] = []
        next.reserveCapacity(ranges.count)
        for (k, range) in ranges.enumerated() {
            if sameUsers, k < blocks.count, data.phones.sharesChunk(k, with: phones, chunk: k) {
                next.append(blocks[k])
                continue
            }
            if folding == nil { folding = Folding(data.users) }
            next.append(folding!.block(data.phones[range]))
        }
        blocks = next
        starts = ranges.map(\.lowerBound)
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

    /// The positions among `candidates` (ascending; nil: every phone) that every term matches.
    public func matches(_ filter: PhoneFilter, candidates: [Int]?) -> [Int] {
        // Longest needles first: they fail soonest, and AND stops at the first failure.
        let terms = filter.terms.filter { !$0.folded.isEmpty }.sorted { $0.folded.utf8.count > $1.folded.utf8.count }.map(Compiled.init)
        var found: [Int] = []
        var b = 0
        func check(_ index: Int) {
            while b + 1 < starts.count, starts[b + 1] <= index { b += 1 }
            let block = blocks[b], offset = index - starts[b]
            let fetch = fetchCodes.isEmpty ? 0 : Int(fetchCodes[index])
            let hit = block.keys.bytes.withUnsafeBufferPointer { keys in
                block.macs.withUnsafeBufferPointer { macs in
                    let key = UnsafeBufferPointer(rebasing: keys[block.keys.range(offset)])
                    let mac = UnsafeBufferPointer(rebasing: macs[offset * 12 ..< offset * 12 + 12])
                    return terms.allSatisfy { $0.matches(key: key, mac: mac, fetch: fetch) }
                }
            }
            if hit { found.append(index) }
        }
        if let candidates { candidates.forEach(check) } else { phones.indices.forEach(check) }
        return found
    }

    /// A term ready for the scan: its needle bytes and what it looks at.
    private struct Compiled {
        let term: PhoneFilter.Term
        let needle: [UInt8]
        let macNeedle: [UInt8]?
        /// Which fetch words (by code) the term takes.
        let fetchHits: [Bool]

        init(_ term: PhoneFilter.Term) {
            self.term = term
            needle = Array(term.folded.utf8)
            macNeedle = MACAddress.searchFragment(term.folded).map { Array($0.utf8) }
            fetchHits = PhoneSearchIndex.fetchWords.map { word in
                !word.isEmpty && (term.field == .status ? word.hasPrefix(term.folded) : word.contains(term.folded))
            }
        }

        func matches(key: UnsafeBufferPointer<UInt8>, mac: UnsafeBufferPointer<UInt8>, fetch: Int) -> Bool {
            let hasMAC = mac[0] != 0
            guard let field = term.field else {
                // A free word: name, user or model, the MAC in any format, or the fetch word.
                return fetchHits[fetch] || contains(segments(key, to: .model), needle)
                    || macNeedle.map { contains(mac, $0) } == true
            }
            switch field {
            case .mac:
                if term.isNone { return !hasMAC }
                return macNeedle.map { contains(mac, $0) } == true
            case .status:
                return fetchHits[fetch] || (hasMAC ? "active" : "awaiting").hasPrefix(term.folded)
            case .name: return contains(segment(key, .name), needle)
            case .user: return setField(key, .user)
            case .model: return contains(segment(key, .model), needle)
            case .template: return setField(key, .template)
            case .image: return setField(key, .image)
            case .blf: return setField(key, .blf)
            }
        }

        private func setField(_ key: UnsafeBufferPointer<UInt8>, _ which: Segment) -> Bool {
            let bytes = segment(key, which)
            return term.isNone ? bytes.isEmpty : contains(bytes, needle)
        }

        private func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
            needle.withUnsafeBufferPointer { PhoneSearchIndex.contains(haystack, $0) }
        }
    }

    /// One segment of a key.
    static func segment(_ key: UnsafeBufferPointer<UInt8>, _ which: Segment) -> UnsafeBufferPointer<UInt8> {
        let range = bounds(key, which)
        return UnsafeBufferPointer(rebasing: key[range])
    }

    /// The key from its start through the end of segment `last` (free words search name, user
    /// and model at once).
    static func segments(_ key: UnsafeBufferPointer<UInt8>, to last: Segment) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: key[0 ..< bounds(key, last).upperBound])
    }

    private static func bounds(_ key: UnsafeBufferPointer<UInt8>, _ which: Segment) -> Range<Int> {
        var start = 0
        for _ in 0..<which.rawValue {
            guard let at = key[start...].firstIndex(of: separator) else { return key.count ..< key.count }
            start = at + 1
        }
        return start ..< (key[start...].firstIndex(of: separator) ?? key.count)
    }

    /// Byte substring search: `memchr` finds the first byte, `memcmp` checks the rest.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard haystack.count >= n, let base = haystack.baseAddress, let wanted = needle.baseAddress else { return false }
        let last = haystack.count - n
        var i = 0
        while i <= last {
            guard let hit = memchr(base + i, Int32(wanted[0]), last - i + 1) else { return false }
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
            let sep = "\u{1}"
            for phone in phones {
                var key = SearchFold.fold(phone.name)
                key += sep + (phone.userExtension.map { userKeys[$0] ?? $0 } ?? "")
                key += sep + (modelKeys[phone.modelID] ?? SearchFold.fold(phone.modelID))
                key += sep + (phone.template.map(SearchFold.fold) ?? "")
                key += sep + (phone.background.map(SearchFold.fold) ?? "")
                key += sep + (phone.blfExtension.map { userKeys[$0] ?? $0 } ?? "")
                block.keys.append(key)
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

    mutating func append(_ key: String) {
        bytes.append(contentsOf: key.utf8)
        ends.append(UInt32(bytes.count))
    }

    func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : Int(ends[index - 1])) ..< Int(ends[index]) }
}
