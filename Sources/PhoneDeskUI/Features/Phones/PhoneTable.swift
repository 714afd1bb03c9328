import PhoneDeskCore

/// The phones table's state: which phones the filter shows, the selection and the scroll.
/// Search keys are built once per data change, so a filter keystroke is one scan of bytes.
public struct PhoneTable: Sendable {
    /// Search keys, rebuilt (chunk by chunk) only when the data changes.
    private var index = PhoneSearchIndex()
    /// Indices into the phones array, in table order.
    public private(set) var visible: [Int] = []
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

    public init() {}

    /// Updates the search keys after the phones changed, keeping the selected phone selected.
    public mutating func rebuild(_ data: AccountData, keepSelection id: Int?) {
        index.update(data)
        applied = nil
        recent.clear()
        refilter(phones: data.phones, keep: id)
    }

    /// New fetch statuses: the filter is applied again.
    public mutating func setFetchWords(_ words: [Int: String], phones: PhoneList) {
        guard index.setFetchWords(words, phones: phones) else { return }
        applied = nil
        recent.clear()
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
                if applied?.isEmpty != true { visible = Array(phones.indices) }
            } else if let applied, parsed.sameMatches(as: applied) {
                // A space or a closing quote: the same phones (kept for a Backspace to here).
                recent.remember(filter, visible, count: phones.count)
            } else if let known = recent.visible(filter) {
                visible = known
            } else {
                // One more letter typed scans only what is shown already.
                let narrowing = applied.map { parsed.narrows($0) } == true && visible.count <= phones.count
                visible = index.matches(parsed, candidates: narrowing ? visible : nil)
                recent.remember(filter, visible, count: phones.count)
            }
            parsedFilter = parsed
            filterProblem = nil
            applied = parsed
        } catch {
            // Said on the filter line and in the table, never a silent "no match".
            visible = []
            parsedFilter = nil
            filterProblem = error.message
            applied = nil
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
