import PhoneDeskCore

/// Figure 15.1, the phones table: the screen under every other. Its filter is kept while other
/// screens are open.
public struct PhonesFeature: Feature {
    public enum Action: Sendable {
        case key(Key)
        /// A click on a row (its position in the filtered list): selects it, a second one opens it.
        case clickRow(Int)
        /// A phone change the phone form did not take (a delete).
        case changeFinished(PhoneChange, ChangeResult)
    }

    public var table = PhoneTable()
    /// Typing into the filter line (after `/`).
    public var filtering = false

    init(data: AccountData) { table.rebuild(data, keepSelection: nil) }

    /// A table of no phones: enough to list its keys (the key catalogue) without indexing an account.
    init() {}

    public static func key(_ key: Key) -> Action { .key(key) }

    public static func result(_ msg: Msg) -> Action? {
        if case .changeFinished(let change, let result) = msg { return .changeFinished(change, result) }
        return nil
    }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .key(let key): return filtering ? filterKey(key, context) : tableKey(key, context)
        case .clickRow(let row):
            let again = table.selected == row
            table.move(by: row - table.selected, pageSize: PhonesView.pageSize(context.size))
            return again ? [.send(.key(.enter))] : []
        case .changeFinished(let change, let result):
            var commands: [Command<Action>] = [.status(PhoneFormFeature.status(after: change, result))]
            if case .rotateSecret(let id, _) = change, case .saved(let outcome) = result, let phone = outcome.data.phone(id: id) {
                commands.append(.open(AddedPhoneNotice(phone: phone, kind: .rotated)))
            }
            return commands
        }
    }

    private func selectedPhone(_ data: AccountData) -> Phone? { table.selectedIndex.map { data.phones[$0] } }

    private mutating func tableKey(_ key: Key, _ context: Context) -> [Command<Action>] {
        guard let action = PhonesKeys.table.action(for: key) else { return [] }
        let page = PhonesView.pageSize(context.size)
        var commands: [Command<Action>] = [.status(nil)]
        switch action {
        case .up: table.move(by: -1, pageSize: page)
        case .down: table.move(by: 1, pageSize: page)
        case .pageUp: table.move(by: -page, pageSize: page)
        case .pageDown: table.move(by: page, pageSize: page)
        case .first: table.move(by: -table.visible.count, pageSize: page)
        case .last: table.move(by: table.visible.count, pageSize: page)
        case .add:
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            commands.append(.open(PhoneFormFeature(adding: ())))
        case .edit where !table.marks.isEmpty:
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            commands.append(.open(BulkEditFeature(phones: table.markedPhones(context.data.phones), data: context.data)))
        case .delete where !table.marks.isEmpty:
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            commands.append(.open(BulkDeleteQuestion(phones: table.markedPhones(context.data.phones))))
        case .edit:
            guard let phone = selectedPhone(context.data) else { return [.status(StatusMessage(.info, "No phone selected."))] }
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            commands.append(.open(PhoneFormFeature(editing: phone, data: context.data)))
        case .delete:
            guard let phone = selectedPhone(context.data) else { return [.status(StatusMessage(.info, "No phone selected."))] }
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            commands.append(.open(PhoneQuestion(kind: .delete, phone: phone)))
        case .filter:
            filtering = true
        case .clearFilter:
            guard !table.filter.isEmpty else { return [] }
            table.setFilter("", phones: context.data.phones)
            table.scroll(pageSize: page)
        case .settings: commands.append(.open(SettingsFeature()))
        case .buy: commands.append(.open(ShopFeature()))
        case .orders: commands.append(.open(OrdersFeature()))
        case .audit: commands += [.open(AuditFeature()), .perform(.readAudit)]
        case .copyURL:
            guard let phone = selectedPhone(context.data) else { return [.status(StatusMessage(.info, "No phone selected."))] }
            let notice = AddedPhoneNotice(phone: phone, kind: .shown)
            guard let url = notice.url(context.data) else {
                return [.status(StatusMessage(.info, "\"\(phone.name)\" has no URL yet: it gets one when the account is next opened."))]
            }
            return [.status(StatusMessage(.info, "Copied: \(url)")), .perform(.copyToClipboard(url)), .open(notice)]
        case .rotateURL:
            guard let phone = selectedPhone(context.data) else { return [.status(StatusMessage(.info, "No phone selected."))] }
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            commands.append(.open(PhoneQuestion(kind: .newURL, phone: phone)))
        case .mark:
            table.toggleMark(phones: context.data.phones)
            table.move(by: 1, pageSize: page)
        case .markShown: table.markShown(phones: context.data.phones)
        case .clearMarks: table.clearMarks()
        case .sortNext, .sortPrevious, .invertSort:
            var sort = table.sort
            if action == .invertSort { sort.descending.toggle() } else { sort.move(by: action == .sortNext ? 1 : -1) }
            table.setSort(sort, phones: context.data.phones)
            table.scroll(pageSize: page)
        case .help: commands.append(.help)
        case .quit: commands.append(.quit)
        case .keys where !table.marks.isEmpty:
            if let refusal = context.writeRefusal { return [.status(refusal)] }
            guard context.data.account.keyPresets?.isEmpty == false else {
                return [.status(StatusMessage(.info, "No key presets yet: k on one phone, then P saves its layout as one."))]
            }
            commands.append(.open(KeyPresetsFeature(phones: table.markedPhones(context.data.phones))))
        case .keys:
            // Looking needs no write: the editor's save checks it.
            guard let phone = selectedPhone(context.data) else { return [.status(StatusMessage(.info, "No phone selected."))] }
            commands.append(.open(KeyLayoutFeature(phone: phone)))
        case .inspect:
            guard let phone = selectedPhone(context.data) else { return [.status(StatusMessage(.info, "No phone selected."))] }
            commands.append(.open(InspectorFeature(phone: phone)))
        case .resync:
            let phones = table.marks.isEmpty ? selectedPhone(context.data).map { [$0] } ?? [] : table.markedPhones(context.data.phones)
            guard !phones.isEmpty else { return [.status(StatusMessage(.info, "No phone selected."))] }
            return Self.resync(ResyncPlan(phones: phones), server: context.data.account.sipServer)
        }
        return commands
    }

    /// The NOTIFYs go out off the input path; the status line says what went and what was
    /// refused (a phone without a user, one awaiting delivery), then each answer as it comes.
    static func resync(_ plan: ResyncPlan, server: String) -> [Command<Action>] {
        let refusal = plan.refused.first.map { ResyncPlan.refusal($0.phone, $0.reason) + "." }
        guard !plan.targets.isEmpty else {
            let more = plan.refused.count > 1 ? " (and \(Plural.count(plan.refused.count - 1, "other phone", "other phones")))" : ""
            return [.status(StatusMessage(.error, (refusal ?? "") + more))]
        }
        var text = "Resync sent to \(Plural.count(plan.targets.count, "phone", "phones"))."
        if let refusal {
            text += plan.refused.count == 1 ? " Not sent: \(refusal)"
                : " Not sent to \(Plural.count(plan.refused.count, "phone", "phones")), e.g. \(refusal)"
        }
        return [.status(StatusMessage(plan.refused.isEmpty ? .info : .warning, text)), .perform(.resync(plan.targets, server: server))]
    }

    private mutating func filterKey(_ key: Key, _ context: Context) -> [Command<Action>] {
        var text = table.filter
        var commands: [Command<Action>] = []
        let page = PhonesView.pageSize(context.size)
        if PhonesKeys.filter.action(for: key) == .complete {
            let completion = PhoneFilter.complete(text)
            text = completion.text
            // Several fields fit: say which, so the next letter is obvious.
            if completion.choices.count > 1 {
                commands.append(.status(StatusMessage(.info, "Fields: " + completion.choices.map { $0.rawValue + ":" }.joined(separator: " "))))
            }
        } else {
            commands += filterLineKey(key, text: &text, page: page)
        }
        if text != table.filter {
            table.setFilter(text, phones: context.data.phones)
            table.scroll(pageSize: page)
        }
        return commands
    }

    private mutating func filterLineKey(_ key: Key, text: inout String, page: Int) -> [Command<Action>] {
        var commands: [Command<Action>] = []
        switch FilterLine.handle(key, text: &text) {
        case .edited(let message): if let message { commands.append(.status(StatusMessage(.error, message))) }
        case .keep, .clear: filtering = false
        case .up: table.move(by: -1, pageSize: page)
        case .down: table.move(by: 1, pageSize: page)
        case .ignored:
            commands += GlobalKeys.commands(for: key, in: GlobalKeys.whileTyping)
        }
        return commands
    }

    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        PhonesView.draw(self, context, in: &canvas)
    }

    public func keys(_ context: Context) -> FocusKeys {
        guard filtering else {
            return FocusKeys("Phones", [HelpSection("Phones", PhonesKeys.table.helpRows), PhonesKeys.syntax], footer: PhonesKeys.table.footerItems)
        }
        let line = FilterLine.focus
        return FocusKeys(line.title, [HelpSection("Filter", FilterLine.keys.helpRows + PhonesKeys.filter.helpRows), PhonesKeys.syntax]
                         + line.sections.dropFirst(), footer: line.footer + PhonesKeys.filter.footerItems)
    }
}
