/// The rules a loaded phones file must keep, checked on the packed records in one pass, with no
/// `Phone` built per record (a file of 100,000 phones is checked in a few milliseconds).
extension PhoneList {
    /// The first broken rule, as "phones[i] (id N): reason"; nil when the phones are sound.
    /// Ids are positive and unique, `nextID` is above every id, revisions are not negative,
    /// and no two phones share a MAC or a name (trimmed, ignoring case, as `phone(named:)`).
    func firstProblem(nextID: Int) -> String? {
        func at(_ k: Int, _ id: Int) -> String { "phones[\(k)] (id \(id))" }
        var ids: [Int: Int] = [:]
        if !idsAscend { ids.reserveCapacity(count) }
        var macs: [UInt64: Int] = [:]
        macs.reserveCapacity(count)
        var names = Set<Int>()
        names.reserveCapacity(count)
        var maxID = 0
        for (c, chunk) in chunks.enumerated() {
            let problem = chunk.text.withUnsafeBufferPointer { text -> String? in
                for (offset, record) in chunk.records.enumerated() {
                    let k = starts[c] + offset
                    guard record.id > 0 else { return "\(at(k, record.id)): ids must be 1 or more" }
                    guard record.revision >= 0 else { return "\(at(k, record.id)): negative revision \(record.revision)" }
                    maxID = Swift.max(maxID, record.id)
                    // Strictly ascending ids (the file as phonedesk writes it) cannot repeat.
                    if !idsAscend, let other = ids.updateValue(k, forKey: record.id) {
                        return "\(at(k, record.id)): id \(record.id) is also phones[\(other)]'s"
                    }
                    if record.mac != PhoneChunk.absent {
                        let (s, n) = PhoneChunk.entry(text, record.mac)
                        let hex = UnsafeBufferPointer(rebasing: text[s..<s + n])
                        if let other = macs.updateValue(k, forKey: Self.packedMAC(hex)) {
                            let mac = MACAddress(hex: String(decoding: hex, as: UTF8.self))
                            return "\(at(k, record.id)): MAC \(mac.display) is also phones[\(other)]'s"
                        }
                    }
                    let (s, n) = PhoneChunk.entry(text, record.name)
                    let name = UnsafeBufferPointer(rebasing: text[s..<s + n])
                    // Equal hashes are confirmed by the rule itself (a scan, only on a hit).
                    if !names.insert(Self.nameKey(name)).inserted,
                       let other = firstPosition(named: String(decoding: name, as: UTF8.self), before: k) {
                        return "\(at(k, record.id)): name \"\(String(decoding: name, as: UTF8.self))\" is also phones[\(other)]'s (names are compared ignoring case)"
                    }
                }
                return nil
            }
            if let problem { return problem }
        }
        if nextID <= maxID { return "nextID \(nextID) is not above the largest phone id \(maxID) (ids are never reused)" }
        if nextID < 1 { return "nextID \(nextID) must be 1 or more" }
        return nil
    }

    /// The first position before `end` whose name is `name` under the uniqueness rule.
    private func firstPosition(named name: String, before end: Int) -> Int? {
        let wanted = name.trimmingSpaces
        let bytes = Array(wanted.utf8), folded = wanted.lowercased()
        for (c, chunk) in chunks.enumerated() where starts[c] < end {
            if let offset = chunk.firstIndex(except: nil, where: \.name, { PhoneChunk.sameName($0, bytes, folded) }),
               starts[c] + offset < end {
                return starts[c] + offset
            }
        }
        return nil
    }

    /// 12 hex digits as one number (a stored MAC), without building a String.
    private static func packedMAC(_ hex: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hex.reduce(UInt64(0)) { value, c in
            let digit = c <= 0x39 ? c &- 0x30 : (c | 0x20) &- 0x61 &+ 10
            return value << 4 | UInt64(digit & 0xF)
        }
    }

    /// A hash that is equal for names the rule treats as one: the trimmed, lower-cased ASCII
    /// bytes. An ASCII name costs no allocation; any other is folded as the rule folds it
    /// (Unicode case mapping), and hashed as bytes when that leaves only ASCII (a Kelvin sign
    /// lower-cases to "k"; U+037E and U+1FEF are canonically ";" and "`"), else as a String,
    /// whose hash already ignores differences of canonical equivalence.
    static func nameKey(_ stored: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        if stored.allSatisfy({ $0 < 0x80 }) {
            var low = 0, high = stored.count
            while low < high, stored[low] == 0x20 || stored[low] == 0x09 { low += 1 }
            while high > low, stored[high - 1] == 0x20 || stored[high - 1] == 0x09 { high -= 1 }
            for i in low..<high { hasher.combine(stored[i] >= 0x41 && stored[i] <= 0x5A ? stored[i] | 0x20 : stored[i]) }
            return hasher.finalize()
        }
        var folded = String(decoding: stored, as: UTF8.self).trimmingSpaces.lowercased()
        if folded.unicodeScalars.contains(where: { $0.value == 0x37E || $0.value == 0x1FEF }) {
            folded = String(String.UnicodeScalarView(folded.unicodeScalars.map { $0.value == 0x37E ? ";" : $0.value == 0x1FEF ? "`" : $0 }))
        }
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in folded.utf8 { hasher.combine(byte) }
        } else {
            hasher.combine(folded)
        }
        return hasher.finalize()
    }
}
