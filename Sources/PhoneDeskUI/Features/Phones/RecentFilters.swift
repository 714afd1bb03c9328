/// The table's last results by filter text, each a bitset over the phone list (12.5 KB at
/// 100,000 phones): Backspace returns to a filter already computed without scanning again,
/// where scanning would be a full scan (widening cannot reuse what is shown).
struct RecentFilters: Sendable {
    static let limit = 32
    private var entries: [(text: String, bits: [UInt64])] = []

    /// Forgets every result (the phones or their fetch words changed).
    mutating func clear() { entries.removeAll() }

    mutating func remember(_ text: String, _ visible: [Int], count: Int) {
        var bits = [UInt64](repeating: 0, count: (count + 63) / 64)
        for index in visible { bits[index >> 6] |= 1 << UInt64(index & 63) }
        entries.removeAll { $0.text == text }
        entries.append((text, bits))
        if entries.count > Self.limit { entries.removeFirst() }
    }

    /// The positions the filter showed, ascending, or nil when it was not computed lately.
    func visible(_ text: String) -> [Int]? {
        guard let bits = entries.last(where: { $0.text == text })?.bits else { return nil }
        var out: [Int] = []
        for (w, word) in bits.enumerated() {
            var rest = word
            while rest != 0 {
                out.append(w << 6 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return out
    }
}
