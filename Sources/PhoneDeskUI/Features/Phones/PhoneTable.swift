import PhoneDeskCore

/// The phones table's state: which phones the filter shows, the selection and the scroll.
/// Search keys are built once per data change, so a filter keystroke is one scan of bytes.
public struct PhoneTable: Sendable {
    /// Search keys, rebuilt (chunk by chunk) only when the data changes.
    private var index = SearchIndex()
    /// Indices into the phones array, in table order.
    public private(set) var visible: [Int] = []
    public private(set) var selected = 0
    public private(set) var top = 0
    public private(set) var filter = ""
    private var appliedQuery = ""
    /// Each phone's fetch status word (by id), which the filter matches too.
    private var fetchWords: [Int: String] = [:]

    public init() {}

    /// Updates the search keys after the phones changed, keeping the selected phone selected.
    public mutating func rebuild(_ data: AccountData, keepSelection id: Int?) {
        index.update(data)
        appliedQuery = ""
        refilter(phones: data.phones, keep: id)
    }

    /// New fetch statuses: the filter is applied again.
    public mutating func setFetchWords(_ words: [Int: String], phones: PhoneList) {
        guard words != fetchWords else { return }
        fetchWords = words
        appliedQuery = ""
        refilter(phones: phones, keep: selectedIndex.map { phones.id(at: $0) })
    }

    /// Sets the filter text; narrowing an existing filter scans only what it already shows.
    public mutating func setFilter(_ text: String, phones: PhoneList) {
        let keep = selectedIndex.map { phones.id(at: $0) }
        filter = text
        refilter(phones: phones, keep: keep)
    }

    private mutating func refilter(phones: PhoneList, keep id: Int?) {
        let query = SearchFold.fold(filter.trimmingSpaces)
        let needle = Array(query.utf8)
        let macNeedle = MACAddress.searchFragment(query).map { Array($0.utf8) }
        let narrowing = !appliedQuery.isEmpty && query.hasPrefix(appliedQuery) && visible.count <= phones.count
        let candidates: [Int] = narrowing ? visible : Array(phones.indices)
        if needle.isEmpty {
            visible = Array(phones.indices)
        } else {
            visible = index.matches(candidates, needle: needle, macNeedle: macNeedle)
            if !fetchWords.isEmpty {
                let byStatus = candidates.filter { fetchWords[phones.id(at: $0)]?.contains(query) == true }
                if !byStatus.isEmpty { visible = Array(Set(visible).union(byStatus)).sorted() }
            }
        }
        appliedQuery = query
        if let id, let at = visible.firstIndex(where: { phones.id(at: $0) == id }) {
            selected = at
        } else {
            selected = min(selected, max(0, visible.count - 1))
        }
    }

    public var selectedIndex: Int? { visible.indices.contains(selected) ? visible[selected] : nil }

    public mutating func select(id: Int, phones: PhoneList) {
        if let at = visible.firstIndex(where: { phones.id(at: $0) == id }) { selected = at }
    }

    /// Moves the selection by `delta` rows (clamped) and scrolls so it stays in `pageSize` rows.
    public mutating func move(by delta: Int, pageSize: Int) {
        guard !visible.isEmpty else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), visible.count - 1)
        scroll(pageSize: pageSize)
    }

    public mutating func scroll(pageSize: Int) {
        let page = max(1, pageSize)
        if selected < top { top = selected }
        if selected >= top + page { top = selected - page + 1 }
        top = min(top, max(0, visible.count - page))
        top = max(0, top)
    }
}
