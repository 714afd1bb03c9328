import PhoneDeskCore

/// The phones table's state: which phones the filter shows, the selection and the scroll.
/// Search keys are built once per data change, so a filter keystroke is one scan of bytes.
public struct PhoneTable: Sendable {
    /// Search keys, rebuilt (chunk by chunk) only when the data changes.
    private var index = SearchIndex()
    /// Indices into the phones array, in table order (sorted).
    public private(set) var visible: [Int] = []
    /// What the filter shows, ascending: a narrower filter scans only these.
    private var filtered: [Int] = []
    public private(set) var sort = PhoneSort()
    /// Every position in sort order, computed once per data or sort change; nil while unsorted.
    private var sortedAll: [Int]?
    /// The marked phones' ids: they outlive reloads while the phones exist.
    public private(set) var marks: Set<Int> = []
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
        // A deleted phone drops out of the marks.
        if !marks.isEmpty { marks = marks.filter { data.phones.firstIndex(id: $0) != nil } }
        sortedAll = nil
        resort(phones: data.phones)
        refilter(phones: data.phones, keep: id)
    }

    /// Sorts by another column or direction, keeping the selected phone selected.
    public mutating func setSort(_ new: PhoneSort, phones: PhoneList) {
        guard new != sort else { return }
        let keep = selectedIndex.map { phones.id(at: $0) }
        if new.column == sort.column, new.column != nil, let all = sortedAll {
            sortedAll = all.reversed()  // only the direction changed
        } else {
            sortedAll = nil
        }
        sort = new
        resort(phones: phones)
        project(phones: phones, keep: keep)
    }

    private mutating func resort(phones: PhoneList) {
        guard sortedAll == nil, let column = sort.column else { return }
        let order = index.order(by: column, statusWords: fetchWords, phones: phones)
        sortedAll = sort.descending ? order.reversed() : order
    }

    // MARK: marks

    public func isMarked(_ id: Int) -> Bool { marks.contains(id) }

    /// Space: marks or unmarks the selected phone.
    public mutating func toggleMark(phones: PhoneList) {
        guard let index = selectedIndex else { return }
        let id = phones.id(at: index)
        if marks.remove(id) == nil { marks.insert(id) }
    }

    /// `*`: marks every phone the filter shows.
    public mutating func markShown(phones: PhoneList) {
        marks.formUnion(visible.lazy.map { phones.id(at: $0) })
    }

    public mutating func clearMarks() { marks.removeAll() }

    /// The marked phones, in table order of the whole list (ids ascending).
    public func markedPhones(_ phones: PhoneList) -> [Phone] {
        marks.sorted().compactMap { phones.phone(id: $0) }
    }

    /// New fetch statuses: the filter is applied again.
    public mutating func setFetchWords(_ words: [Int: String], phones: PhoneList) {
        guard words != fetchWords else { return }
        fetchWords = words
        appliedQuery = ""
        if sort.column == .status { sortedAll = nil; resort(phones: phones) }
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
        let candidates: [Int] = narrowing ? filtered : Array(phones.indices)
        if needle.isEmpty {
            filtered = Array(phones.indices)
        } else {
            filtered = index.matches(candidates, needle: needle, macNeedle: macNeedle)
            if !fetchWords.isEmpty {
                let byStatus = candidates.filter { fetchWords[phones.id(at: $0)]?.contains(query) == true }
                if !byStatus.isEmpty { filtered = Array(Set(filtered).union(byStatus)).sorted() }
            }
        }
        appliedQuery = query
        project(phones: phones, keep: id)
    }

    /// `visible`: what the filter shows, in sort order (one pass over the sorted positions).
    private mutating func project(phones: PhoneList, keep id: Int?) {
        if let all = sortedAll {
            if filtered.count == all.count {
                visible = all
            } else {
                var shown = [Bool](repeating: false, count: phones.count)
                for position in filtered { shown[position] = true }
                visible = all.filter { shown[$0] }
            }
        } else {
            visible = filtered
        }
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
