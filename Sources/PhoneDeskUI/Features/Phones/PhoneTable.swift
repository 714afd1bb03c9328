import PhoneDeskCore

/// The phones table's state: which phones the filter shows, the selection and the scroll.
/// Search keys are built once per data change, so a filter keystroke is one scan of bytes.
public struct PhoneTable: Sendable {
    /// Search keys, rebuilt (chunk by chunk) only when the data changes.
    private var index = PhoneSearchIndex()
    /// The same phones' sort values, built only while the table is sorted (at 100,000 phones
    /// they are ~9 MiB an unsorted table does not need), then kept up to date per data change.
    /// (It folds the names as PhoneSearchIndex does: one index for both is the next step.)
    private var sortIndex = SortIndex()
    /// The data the sort values must describe; nil once they do.
    private var sortIndexSource: AccountData?
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
    /// The filter as understood (nil while it has an unknown field): the rule line shows it.
    public private(set) var parsedFilter: PhoneFilter? = PhoneFilter(terms: [])
    /// Why the filter matches nothing: it names an unknown field.
    public private(set) var filterProblem: String?
    /// What `visible` was computed for; nil: compute from all phones.
    private var applied: PhoneFilter?
    private var recent = RecentFilters()
    /// The fetch status words by phone id (the status sort reads them; the filter has its own).
    private var fetchWords: [Int: String] = [:]

    public init() {}

    /// Updates the search keys after the phones changed, keeping the selected phone selected.
    public mutating func rebuild(_ data: AccountData, keepSelection id: Int?) {
        index.update(data)
        sortIndexSource = data
        if sort.column != nil { refreshSortIndex() }
        applied = nil
        recent.clear()
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

    private mutating func refreshSortIndex() {
        guard let source = sortIndexSource else { return }
        sortIndex.update(source)
        sortIndexSource = nil
    }

    private mutating func resort(phones: PhoneList) {
        guard sortedAll == nil, let column = sort.column else { return }
        refreshSortIndex()
        let order = sortIndex.order(by: column, statusWords: fetchWords, phones: phones)
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
        _ = index.setFetchWords(words, phones: phones)
        applied = nil
        recent.clear()
        if sort.column == .status { sortedAll = nil; resort(phones: phones) }
        refilter(phones: phones, keep: selectedIndex.map { phones.id(at: $0) })
    }

    /// Sets the filter text; narrowing an existing filter scans only what it already shows.
    public mutating func setFilter(_ text: String, phones: PhoneList) {
        let keep = selectedIndex.map { phones.id(at: $0) }
        filter = text
        // The results serve Backspace while one filter is typed; a cleared filter starts afresh.
        if text.isEmpty { recent.clear() }
        refilter(phones: phones, keep: keep)
    }

    private mutating func refilter(phones: PhoneList, keep id: Int?) {
        do {
            let parsed = try PhoneFilter.parse(filter)
            if parsed.isEmpty {
                if applied?.isEmpty != true || filtered.count != phones.count { filtered = Array(phones.indices) }
            } else if let applied, parsed.sameMatches(as: applied) {
                // A space or a closing quote: the same phones (kept for a Backspace to here).
                recent.remember(filter, filtered, count: phones.count)
            } else if let known = recent.visible(filter) {
                filtered = known
            } else {
                // One more letter typed scans only what the filter shows already.
                let narrowing = applied.map { parsed.narrows($0) } == true && filtered.count <= phones.count
                filtered = index.matches(parsed, candidates: narrowing ? filtered : nil)
                recent.remember(filter, filtered, count: phones.count)
            }
            parsedFilter = parsed
            filterProblem = nil
            applied = parsed
        } catch {
            // Said on the filter line and in the table, never a silent "no match".
            filtered = []
            parsedFilter = nil
            filterProblem = error.message
            applied = nil
        }
        project(phones: phones, keep: id)
    }

    /// `visible`: what the filter shows, in sort order (one pass over the sorted positions).
    private mutating func project(phones: PhoneList, keep id: Int?) {
        if let all = sortedAll {
            if filtered.count == all.count {
                visible = all
            } else {
                var shown = [Bool](repeating: false, count: phones.count)
                for position in filtered where position < phones.count { shown[position] = true }
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
