import Foundation

/// The rules a loaded phones file must keep, checked on the packed records in one pass, with no
/// `Phone` built and no allocation per ASCII or Latin name (100,000 phones: ~14 ms in release).
extension PhoneList {
    /// The first broken rule, as "phones[i] (id N): reason"; nil when the phones are sound.
    /// Ids are positive and unique, `nextID` is above every id, revisions are not negative,
    /// no two phones share a MAC or a name (trimmed, ignoring case, as `phone(named:)`), and a
    /// secret, where there is one, is 32 hex digits no other phone has (it names a directory).
    ///
    /// Repeats are found by sorting each kind's values (8 or 16 bytes a phone) and, only on a
    /// repeat, scanning for where it is: hash tables of 100,000 MACs, secrets and names took
    /// 12 MiB at every full load, a third of the panel's memory.
    func firstProblem(nextID: Int) -> String? {
        func at(_ k: Int, _ id: Int) -> String { "phones[\(k)] (id \(id))" }
        var ids: [Int: Int] = [:]
        if !idsAscend { ids.reserveCapacity(count) }
        var macs: [UInt64] = [], secrets: [SecretBits] = [], names: [Int] = []
        macs.reserveCapacity(count); secrets.reserveCapacity(count); names.reserveCapacity(count)
        var maxID = 0
        // The first problem a record shows by itself (or by its id), and where: repeats of a
        // MAC before it, at the same record, still come first, as the rules are checked in order.
        var fault: (k: Int, message: String)?
        records: for (c, chunk) in chunks.enumerated() {
            fault = chunk.text.withUnsafeBufferPointer { text -> (Int, String)? in
                for (offset, record) in chunk.records.enumerated() {
                    let k = starts[c] + offset
                    guard record.id > 0 else { return (k, "\(at(k, record.id)): ids must be 1 or more") }
                    guard record.revision >= 0 else { return (k, "\(at(k, record.id)): negative revision \(record.revision)") }
                    maxID = Swift.max(maxID, record.id)
                    // Strictly ascending ids (the file as phonedesk writes it) cannot repeat.
                    if !idsAscend, let other = ids.updateValue(k, forKey: record.id) {
                        return (k, "\(at(k, record.id)): id \(record.id) is also phones[\(other)]'s")
                    }
                    if let mac = Self.macKey(record, text) { macs.append(mac) }
                    if record.secret != PhoneChunk.absent {
                        guard let packed = Self.secretKey(record, text), !packed.isNone else {
                            return (k, "\(at(k, record.id)): secret must be 32 digits 0-9 a-f (it names the phone's provisioning directory)")
                        }
                        secrets.append(packed)
                    }
                    names.append(Self.nameKey(record, text))
                }
                return nil
            }
            if fault != nil { break records }
        }
        ids = [:]
        let end = fault.map { $0.k + 1 } ?? count
        // The earliest repeat of each kind; at one record a MAC comes before the record's own
        // fault, a secret and a name after it.
        var found: [(k: Int, rank: Int, message: String)] = fault.map { [($0.k, 1, $0.message)] } ?? []
        if let (k, other, id) = firstRepeat(&macs, end: end, key: { Self.macKey($0, $1) }) {
            let mac = MACAddress(hex: String(decoding: macHex(at: k), as: UTF8.self))
            found.append((k, 0, "\(at(k, id)): MAC \(mac.display) is also phones[\(other)]'s"))
        }
        if let (k, other, id) = firstRepeat(&secrets, end: end, key: { Self.secretKey($0, $1) }) {
            found.append((k, 2, "\(at(k, id)): secret is also phones[\(other)]'s (each phone's URL is its own)"))
        }
        // Equal hashes are confirmed by the rule itself (a scan, only on a hit).
        if let (k, other, id) = firstRepeat(&names, end: end, key: { Self.nameKey($0, $1) }, confirm: { k, _ in
            self.firstPosition(named: self.name(at: k), before: k)
        }) {
            found.append((k, 3, "\(at(k, id)): name \"\(name(at: k))\" is also phones[\(other)]'s (names are compared ignoring case)"))
        }
        if let first = found.min(by: { ($0.k, $0.rank) < ($1.k, $1.rank) }) { return first.message }
        if nextID <= maxID { return "nextID \(nextID) is not above the largest phone id \(maxID) (ids are never reused)" }
        if nextID < 1 { return "nextID \(nextID) must be 1 or more" }
        return nil
    }

    /// Where the first value of `values` (in record order, records before `end`) repeats an
    /// earlier one: its position, the earlier one's (or `confirm`'s, which may reject a hash
    /// match), and its id. `values` is sorted in place.
    private func firstRepeat<Key: Hashable & Comparable>(
        _ values: inout [Key], end: Int, key: (PhoneChunk.Record, UnsafeBufferPointer<UInt8>) -> Key?,
        confirm: ((Int, Int) -> Int?)? = nil
    ) -> (k: Int, other: Int, id: Int)? {
        values.sort()
        var repeated = Set<Key>()
        var i = 1
        while i < values.count {
            if values[i] == values[i - 1] { repeated.insert(values[i]) }
            i += 1
        }
        values = []
        guard !repeated.isEmpty else { return nil }
        var first: [Key: Int] = [:]
        for (c, chunk) in chunks.enumerated() where starts[c] < end {
            let hit = chunk.text.withUnsafeBufferPointer { text -> (Int, Int, Int)? in
                for (offset, record) in chunk.records.enumerated() where starts[c] + offset < end {
                    let k = starts[c] + offset
                    guard let value = key(record, text), repeated.contains(value) else { continue }
                    if let earlier = first[value] {
                        if let confirm {
                            if let other = confirm(k, earlier) { return (k, other, record.id) }
                        } else {
                            return (k, earlier, record.id)
                        }
                    } else {
                        first[value] = k
                    }
                }
                return nil
            }
            if let hit { return hit }
        }
        return nil
    }

    private static func macKey(_ record: PhoneChunk.Record, _ text: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard record.mac != PhoneChunk.absent else { return nil }
        let (s, n) = PhoneChunk.entry(text, record.mac)
        return packedMAC(UnsafeBufferPointer(rebasing: text[s..<s + n]))
    }

    private static func secretKey(_ record: PhoneChunk.Record, _ text: UnsafeBufferPointer<UInt8>) -> SecretBits? {
        guard record.secret != PhoneChunk.absent else { return nil }
        let (s, n) = PhoneChunk.entry(text, record.secret)
        return SecretBits(hexBytes: UnsafeBufferPointer(rebasing: text[s..<s + n]))
    }

    private static func nameKey(_ record: PhoneChunk.Record, _ text: UnsafeBufferPointer<UInt8>) -> Int {
        let (s, n) = PhoneChunk.entry(text, record.name)
        return nameKey(UnsafeBufferPointer(rebasing: text[s..<s + n]))
    }

    /// The stored name and MAC digits of position `k` (for a message).
    private func name(at k: Int) -> String { self[k].name }
    private func macHex(at k: Int) -> [UInt8] { Array((self[k].mac?.hex ?? "").utf8) }

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

    /// A hash equal for names the rule treats as one: the scalars of
    /// NFC(lowercased(trimmed name)) — what `String ==` compares after `phone(named:)` folds.
    /// Names of ASCII and precomposed Latin letters (U+00C0–U+017F: Polish, German, French…)
    /// are NFC already and lower-case scalar by scalar, so they are hashed straight from their
    /// bytes with no allocation; any other name takes the general (allocating) path.
    static func nameKey(_ stored: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0, high = stored.count
        while low < high, stored[low] == 0x20 || stored[low] == 0x09 { low += 1 }
        while high > low, stored[high - 1] == 0x20 || stored[high - 1] == 0x09 { high -= 1 }
        var hash = NameHash()
        var i = low
        while i < high {
            let lead = stored[i]
            if lead < 0x80 {
                hash.add(UInt32(lead >= 0x41 && lead <= 0x5A ? lead | 0x20 : lead))
                i += 1
                continue
            }
            guard lead >= 0xC3, lead <= 0xC5, i + 1 < high else { return generalNameKey(stored) }
            let scalar = Int(lead & 0x1F) << 6 | Int(stored[i + 1] & 0x3F)
            let folded = latinLowercase[scalar - 0xC0]
            guard folded != 0 else { return generalNameKey(stored) }
            hash.add(folded)
            i += 2
        }
        return hash.value
    }

    /// A multiply-xorshift hash of scalar values, seeded per process (so a crafted file cannot
    /// aim at collisions, which would each cost a scan): ~1 ns a scalar where Hasher takes ~10.
    struct NameHash {
        static let seed = UInt64(bitPattern: Int64(Int.random(in: .min ... .max)))
        var state = NameHash.seed
        mutating func add(_ value: UInt32) {
            state = (state ^ UInt64(value)) &* 0x9E37_79B9_7F4A_7C15
            state ^= state >> 29
        }
        var value: Int { Int(truncatingIfNeeded: state) }
    }

    /// The same hash for any name, through String folding and Foundation's NFC.
    private static func generalNameKey(_ stored: UnsafeBufferPointer<UInt8>) -> Int {
        let folded = String(decoding: stored, as: UTF8.self).trimmingSpaces.lowercased().precomposedStringWithCanonicalMapping
        var hash = NameHash()
        for scalar in folded.unicodeScalars { hash.add(scalar.value) }
        return hash.value
    }

    /// Lower case of U+00C0–U+017F where it is one scalar that is ASCII or in that range itself
    /// (so the fast path stays in NFC); 0 where it is not (İ becomes "i̇": the general path).
    private static let latinLowercase: [UInt32] = (0xC0...0x17F).map { value in
        let mapped = Array(Unicode.Scalar(UInt32(value))!.properties.lowercaseMapping.unicodeScalars)
        guard mapped.count == 1, mapped[0].value < 0x80 || (0xC0...0x17F).contains(mapped[0].value) else { return 0 }
        return mapped[0].value
    }
}

extension PhoneList {
    /// Whether the phones with these ids keep the rules of `firstProblem` against every other
    /// phone — the check after replaying a few journal lines on phones already found sound
    /// (only a changed phone can break a rule then). A few scans of the packed records instead
    /// of hashing 100,000 phones: at that size the full check costs ~100 ms, and a long
    /// re-provisioning reads the phones again after every other operator's save.
    func changedPhonesAreSound<C: Collection>(_ ids: C, nextID: Int) -> Bool where C.Element == Int {
        guard nextID >= 1 else { return false }
        for id in Set(ids) {
            guard let phone = phone(id: id) else { continue }  // deleted
            guard id > 0, id < nextID, phone.revision >= 0 else { return false }
            if let mac = phone.mac, self.phone(withMAC: mac, except: id) != nil { return false }
            if let secret = phone.secret {
                guard let bits = SecretBits(secret), !bits.isNone, !hasSecret(Array(secret.utf8), except: id) else { return false }
            }
            if self.phone(named: phone.name, except: id) != nil { return false }
        }
        return true
    }

    /// Whether a phone other than `except` has this secret (compared as stored: 32 lowercase hex digits).
    private func hasSecret(_ secret: [UInt8], except id: Int) -> Bool {
        chunks.contains { $0.firstIndex(except: id, where: \.secret, { $0.elementsEqual(secret) }) != nil }
    }
}
