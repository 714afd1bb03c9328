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

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        PresetList.draw(context.data.account.keyPresets ?? [], selected: row,
                        title: context.t("Apply a preset to \(Plural.count(phones.count, "marked phone", "marked phones"))"), context, in: &canvas)
        return []
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("Presets", KeyLayoutKeys.presets) }
}
