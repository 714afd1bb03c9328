/// One phone's bytes during a scan of `PhoneSearchIndex`.
struct ScannedPhone {
    let key: UnsafeBufferPointer<UInt8>
    /// Where each segment but the last ends (the position of its separator).
    let separators: UnsafeBufferPointer<UInt16>
    let mac: UnsafeBufferPointer<UInt8>
    let fetch: Int

    func segment(_ which: PhoneSearchIndex.Segment) -> UnsafeBufferPointer<UInt8> {
        let from = which == .name ? 0 : Int(separators[which.rawValue - 1]) + 1
        let to = which == .blf ? key.count : Int(separators[which.rawValue])
        return UnsafeBufferPointer(rebasing: key[from ..< to])
    }

    /// Name, user and model: what a free word searches.
    var free: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: key[0 ..< Int(separators[PhoneSearchIndex.Segment.model.rawValue])]) }
    var hasMAC: Bool { mac[0] != 0 }
}

/// A filter term ready for the scan: its needle bytes and flags, worked out once per keystroke
/// (no string work per phone).
struct CompiledTerm {
    let field: PhoneFilter.Field?
    let isNone: Bool
    let needle: UnsafeMutableBufferPointer<UInt8>
    let macNeedle: UnsafeMutableBufferPointer<UInt8>?
    /// Which fetch words (by code) the term takes, one bit each: a plain value, so a term copied
    /// in the scan costs no reference counting.
    let fetchHits: UInt8
    /// `status:`: whether an active phone, and one awaiting delivery, match.
    let active: Bool, awaiting: Bool

    init(_ term: PhoneFilter.Term) {
        field = term.field
        isNone = term.isNone
        needle = Self.copy(Array(term.folded.utf8))
        macNeedle = MACAddress.searchFragment(term.folded).map { Self.copy(Array($0.utf8)) }
        var hits: UInt8 = 0
        for (code, word) in PhoneSearchIndex.fetchWords.enumerated() where !word.isEmpty {
            if term.field == .status ? word.hasPrefix(term.folded) : word.contains(term.folded) { hits |= 1 << code }
        }
        fetchHits = hits
        active = "active".hasPrefix(term.folded)
        awaiting = "awaiting".hasPrefix(term.folded)
    }

    private static func copy(_ bytes: [UInt8]) -> UnsafeMutableBufferPointer<UInt8> {
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        return buffer
    }

    func free() {
        needle.deallocate()
        macNeedle?.deallocate()
    }

    func matches(_ phone: ScannedPhone) -> Bool {
        let needle = UnsafeBufferPointer(needle)
        guard let field else {
            // A free word: name, user or model, the MAC in any format, or the fetch word.
            return fetchHits & (1 << phone.fetch) != 0 || PhoneSearchIndex.contains(phone.free, needle)
                || macNeedle.map { PhoneSearchIndex.contains(phone.mac, UnsafeBufferPointer($0)) } == true
        }
        switch field {
        case .mac:
            if isNone { return !phone.hasMAC }
            return macNeedle.map { PhoneSearchIndex.contains(phone.mac, UnsafeBufferPointer($0)) } == true
        case .status: return fetchHits & (1 << phone.fetch) != 0 || (phone.hasMAC ? active : awaiting)
        case .name: return PhoneSearchIndex.contains(phone.segment(.name), needle)
        case .model: return PhoneSearchIndex.contains(phone.segment(.model), needle)
        case .user: return set(phone.segment(.user), needle)
        case .template: return set(phone.segment(.template), needle)
        case .image: return set(phone.segment(.image), needle)
        case .blf: return set(phone.segment(.blf), needle)
        }
    }

    /// A field that may be unset: `none` asks for it empty.
    private func set(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        isNone ? bytes.isEmpty : PhoneSearchIndex.contains(bytes, needle)
    }
}
