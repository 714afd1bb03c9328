import PhoneDeskCore

/// `k` with marked phones: choose a key preset and apply it to every marked phone in one store
/// operation, all or nothing (a phone whose model cannot hold it is named and nothing is saved).
struct KeyPresetsFeature: Feature {
    enum Action: Sendable {
        case key(Key)
        case changeFinished(PhoneChange, ChangeResult)
    }

    let phones: [Phone]
    var row = 0
    var sent: PhoneChange?
    var appliedName = ""
    /// The marked phones the chosen preset does not fit, with why (shown under the presets
    /// with how to fix it, until another preset is chosen).
    var refused: [(name: String, why: String)] = []

    static func key(_ key: Key) -> Action { .key(key) }
    static func result(_ msg: Msg) -> Action? {
        if case .changeFinished(let change, let result) = msg { return .changeFinished(change, result) }
        return nil
    }

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { .key(up ? .up : .down) }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        let presets = context.data.account.keyPresets ?? []
        switch action {
        case .key(let key):
            guard let action = KeyLayoutKeys.presets.action(for: key) else { return GlobalKeys.commands(for: key) }
            switch action {
            case .up: row = max(0, row - 1)
            case .down: row = min(max(0, presets.count - 1), row + 1)
            case .close: return [.close]
            case .apply:
                guard presets.indices.contains(row), !context.savingPhone else { return [] }
                let preset = presets[row]
                let extensions = Set(context.data.users.map(\.extensionNumber))
                if let problem = KeyRules.problem(with: preset.layout, extensions: extensions) {
                    refused = []
                    return [.status(StatusMessage(.error, "Nothing saved: preset \"\(preset.name)\" does not fit. \(problem)"))]
                }
                refused = phones.compactMap { phone in KeyRules.misfit(preset.layout, model: phone.model).map { (phone.name, $0) } }
                if let first = refused.first { return [.status(StatusMessage(.error, Self.refusal(preset.name, first, count: refused.count)))] }
                appliedName = preset.name
                let change = PhoneChange.bulk(BulkChange(phones: phones.map(PhoneRef.init), action: .edit(BulkEdit(layout: preset.layout), skipUnfit: false)))
                sent = change
                return [.app(.savePhone(change)), .status(StatusMessage(.info, "Applying \"\(preset.name)\"…"))]
            }
            return []
        case .changeFinished(let change, let result):
            guard change == sent else { return [] }
            sent = nil
            if case .saved = result {
                return [.close, .status(StatusMessage(.success, "Applied \"\(appliedName)\" to \(Plural.count(phones.count, "phone", "phones"))."))]
            }
            return [.status(PhoneFormFeature.status(after: change, result))]
        }
    }

    /// The status line's refusal, short enough for it: the one phone and why, or how many (the
    /// window lists each with why, and how to fix it: `refusalLines`).
    static func refusal(_ preset: String, _ first: (name: String, why: String), count: Int) -> String {
        guard count > 1 else { return "Nothing saved: \"\(first.name)\" cannot take \"\(preset)\": it \(first.why)." }
        return "Nothing saved: \(count) phones cannot take \"\(preset)\" (listed above)."
    }

    /// Under the presets, after a refusal: each phone that cannot take it, and what to do.
    var refusalLines: [String] {
        guard !refused.isEmpty else { return [] }
        let shown = refused.prefix(4).map { "! Phone \"\($0.name)\" \($0.why)." }
        let more = refused.count > 4 ? ["… \(Plural.count(refused.count - 4, "more phone", "more phones"))"] : []
        return shown + more + ["Unmark those phones (Esc, then Space) or choose another preset."]
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        PresetList.draw(context.data.account.keyPresets ?? [], selected: row,
                        title: context.t("Apply a preset to \(Plural.count(phones.count, "marked phone", "marked phones"))"), context,
                        notes: refusalLines, in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("Presets", KeyLayoutKeys.presets) }
}
