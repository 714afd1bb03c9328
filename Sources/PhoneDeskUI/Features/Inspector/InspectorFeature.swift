import PhoneDeskCore

/// `v` on the table: the selected phone's files exactly as nginx serves them, rendered from the
/// current data, and below them what its last save in this session changed. The SIP password
/// and PIN are masked until `s`: operators work over SSH, often with someone watching the screen
/// or a session recorded, and the files are rarely read for the secrets themselves.
struct InspectorFeature: Feature {
    enum Action: Sendable { case key(Key) }
    static func key(_ key: Key) -> Action { .key(key) }

    let phoneID: Int
    let phoneName: String
    /// The first line shown.
    var top = 0
    var query = ""
    /// Typing the text to find.
    var finding = false
    /// The line of the current match.
    var match: Int?
    var reveal = false

    init(phone: Phone) { phoneID = phone.id; phoneName = phone.name }

    var isWindow: Bool { true }
    var coversStatus: Bool { false }
    func wheel(up: Bool) -> Action? { .key(up ? .up : .down) }

    func document(_ context: Context) -> InspectorDocument? {
        context.data.phone(id: phoneID).map {
            InspectorDocument(phone: $0, data: context.data, save: context.lastSaves[phoneID], reveal: reveal,
                              width: InspectorView.rect(context.size).width - DialogSize.chrome, t: context.t)
        }
    }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        let lines = document(context)?.lines ?? []
        let page = InspectorView.page(context.size)
        if finding { return findKey(key, lines: lines, page: page) }
        guard let action = InspectorKeys.table.action(for: key) else { return GlobalKeys.commands(for: key) }
        switch action {
        case .scroll(let move): top = ScrollText.moved(top, move, total: lines.count, page: page)
        case .find:
            finding = true
            query = ""
            match = nil
        case .next: jump(lines, forward: true, from: (match ?? top - 1) + 1, page: page)
        case .previous: jump(lines, forward: false, from: (match ?? top + 1) - 1, page: page)
        case .secrets: reveal.toggle()
        case .copyURL:
            guard let phone = context.data.phone(id: phoneID), let url = context.data.account.provisioningURL(of: phone) else {
                return [.status(StatusMessage(.info, "\"\(phoneName)\" has no URL yet: it gets one when the account is next opened."))]
            }
            return [.status(StatusMessage(.info, "Copied: \(url)")), .perform(.copyToClipboard(url))]
        case .close: return [.close]
        }
        return []
    }

    private mutating func findKey(_ key: Key, lines: [InspectorDocument.Line], page: Int) -> [Command<Action>] {
        if let typed = key.typedText {
            query = String((query + typed).prefix(InputLimit.filter))
        } else {
            switch InspectorKeys.find.action(for: key) {
            case .keep?: finding = false; return []
            case .cancel?:
                finding = false
                query = ""
                match = nil
                return []
            case .erase?: if !query.isEmpty { query.removeLast() }
            case nil: return GlobalKeys.commands(for: key, in: GlobalKeys.whileTyping)
            }
        }
        // As the text grows the view follows its first match from where the operator was.
        match = nil
        jump(lines, forward: true, from: top, page: page)
        return []
    }

    /// Moves to the next (or previous) line holding the text, wrapping round, and scrolls to it.
    private mutating func jump(_ lines: [InspectorDocument.Line], forward: Bool, from start: Int, page: Int) {
        let hits = lines.indices.filter { InspectorDocument.range(of: query, in: lines[$0].text) != nil }
        guard !query.isEmpty, !hits.isEmpty else { match = nil; return }
        let found = forward ? hits.first { $0 >= start } ?? hits[0] : hits.last { $0 <= start } ?? hits[hits.count - 1]
        match = found
        if found < top || found >= top + page { top = ScrollText.clamp(found - page / 3, total: lines.count, page: page) }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        InspectorView.draw(self, context, in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys {
        finding ? FocusKeys("Find", [HelpSection("Find", InspectorKeys.find.helpRows), .globalWhileTyping], footer: InspectorKeys.find.footerItems)
            : FocusKeys("Phone's files", InspectorKeys.table)
    }
}
