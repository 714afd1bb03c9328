import Foundation
import PhoneDeskCore

/// `phonedesk phones keys` and `phonedesk phones presets`: a phone's key layout, and the named
/// layouts saved on the account (docs/cli.md "Keys").
enum KeysCommand {
    static func run(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        CLI.withStore(words, help: Help.phonesKeys, environment: environment,
                      .init(valued: ["label", "preset", "save-preset"], switches: ["json"],
                            exclusive: [["preset", "save-preset"], ["json", "preset"], ["json", "save-preset"]], anyPositional: true),
                      &console) { store, a, console in
            guard let first = a.positional.first else {
                throw Arguments.UsageError(message: "phones keys needs an ID or MAC")
            }
            let data = try store.load().data
            let action = a.positional.count > 1 && ["set", "clear", "sidecars"].contains(a.positional[1]) ? a.positional[1] : nil
            if let name = a.values["preset"] {
                guard action == nil, a.values["label"] == nil else {
                    throw Arguments.UsageError(message: "--preset applies a whole layout; give only IDs or MACs with it")
                }
                return try applyPreset(name, to: a.positional, data: data, store: store, &console)
            }
            guard let phone = PhonesCommand.find(first, in: data) else {
                console.error("no phone with id or MAC \(first)")
                return ExitCode.failure
            }
            if let name = a.values["save-preset"] {
                guard a.positional.count == 1, a.values["label"] == nil else {
                    throw Arguments.UsageError(message: "--save-preset saves one phone's layout; give one ID or MAC")
                }
                return try savePreset(name, from: phone, store: store, &console)
            }
            guard let action else {
                guard a.positional.count == 1, a.values["label"] == nil else {
                    throw Arguments.UsageError(message: "unexpected \(a.positional.dropFirst().joined(separator: " ")); `set`, `clear` or `sidecars` follows the ID")
                }
                return try list(phone, data: data, json: a.flags.contains("json"), &console)
            }
            guard !a.flags.contains("json") else { throw Arguments.UsageError(message: "--json only lists") }
            var layout = phone.layout
            let args = Array(a.positional.dropFirst(2))
            switch action {
            case "set":
                guard (2...3).contains(args.count), let number = Int(args[0]) else {
                    throw Arguments.UsageError(message: "phones keys ID set needs N TYPE [VALUE] [--label L]; TYPE is one of \(typeWords)")
                }
                guard let type = KeyType.named(args[1]) else {
                    console.error("unknown key type \"\(args[1])\"; use one of \(typeWords)")
                    return ExitCode.failure
                }
                layout.set(PhoneKey(number: number, type: type, value: args.count == 3 ? args[2] : nil, label: a.values["label"]))
            case "clear":
                guard args.count == 1, let number = Int(args[0]), a.values["label"] == nil else {
                    throw Arguments.UsageError(message: "phones keys ID clear needs one key number")
                }
                guard layout.key(number) != nil else {
                    console.error("key \(number) of \"\(phone.name)\" is not set; nothing to clear")
                    return ExitCode.failure
                }
                layout.clear(number)
            default:
                guard args.count == 1, let count = Int(args[0]), a.values["label"] == nil else {
                    throw Arguments.UsageError(message: "phones keys ID sidecars needs a number (0 for none)")
                }
                layout.sidecars = count
            }
            return try save(layout, on: phone, store: store, &console, note: blfNote(before: phone, after: layout, data: data))
        }
    }

    /// Key 2 is the phone's BLF field: says so when a change of key 2 turns that BLF off.
    static func blfNote(before phone: Phone, after layout: KeyLayout, data: AccountData) -> String? {
        guard let blf = phone.blfExtension, layout.stored.blf == nil else { return nil }
        let who = data.user(blf).map { "\(blf) \($0.name)" } ?? blf
        guard let key = layout.key(KeyLayout.seedBLFKey) else { return "Key 2 was the phone's BLF on \(who); the BLF is now off." }
        return "Key 2 was the phone's BLF on \(who); it is now \(key.type.word), so the BLF is off."
    }

    static let typeWords = KeyType.allCases.map(\.word).joined(separator: ", ")

    static func list(_ phone: Phone, data: AccountData, json: Bool, _ console: inout Console) throws -> Int32 {
        let layout = phone.layout
        if json {
            let keys = layout.keys.map { key in
                KeyJSON(number: key.number, type: key.type.word, value: key.value, label: key.label,
                        place: phone.model.map { KeysText.place(key.number, model: $0) })
            }
            console.printLines(try CLI.json(LayoutJSON(phone: phone.id, model: phone.modelID, capacity: phone.model.map { KeyRules.capacity(of: $0, sidecars: layout.sidecars) },
                                                       sidecars: layout.sidecars, keys: keys)))
            return ExitCode.success
        }
        if let model = phone.model { console.print(KeysText.summary(model: model, layout: layout)) }
        let widths = [5, 16, 11, 16, 24]
        console.print(CLI.pad(["KEY", "PLACE", "TYPE", "VALUE", "LABEL"], widths))
        for key in layout.keys {
            let label = key.label ?? (key.type == .blf ? data.user(key.value)?.name ?? "-" : "-")
            console.print(CLI.pad(["\(key.number)", phone.model.map { KeysText.place(key.number, model: $0) } ?? "-", key.type.word,
                                   key.value ?? "-", label], widths))
        }
        return ExitCode.success
    }

    /// One phone's new layout: a phone edit (revision, stale check, files regenerated).
    static func save(_ layout: KeyLayout, on phone: Phone, store: Store, _ console: inout Console, note: String? = nil) throws(StoreError) -> Int32 {
        var edit = PhoneEdit(phone)
        edit.setLayout(layout)
        switch try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) {
        case .failure(.invalid(let errors)):
            for (_, message) in errors.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { console.error(message) }
            console.error("nothing was saved")
            return ExitCode.failure
        case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
        case .success(let outcome):
            if let warning = outcome.warning { console.error("warning: \(warning)") }
            console.print("Saved the keys of \"\(phone.name)\".")
            if let note { console.print(note) }
            return ExitCode.success
        }
    }

    static func applyPreset(_ name: String, to keys: [String], data: AccountData, store: Store, _ console: inout Console) throws -> Int32 {
        guard let preset = data.account.keyPresets?.first(where: { $0.name == name }) else {
            console.error("there is no key preset \"\(name)\"; `phonedesk phones presets` lists them")
            return ExitCode.failure
        }
        var phones: [Phone] = []
        for key in keys {
            guard let phone = PhonesCommand.find(key, in: data) else { console.error("no phone with id or MAC \(key)"); return ExitCode.failure }
            if !phones.contains(where: { $0.id == phone.id }) { phones.append(phone) }
        }
        if phones.count == 1 { return try save(preset.layout, on: phones[0], store: store, &console) }
        // Many phones: one save, all of them or none; a model that cannot hold it refuses it.
        return try PhonesCommand.applyBulk(BulkEdit(layout: preset.layout), to: phones, store: store, &console,
                                           saved: "Applied \"\(preset.name)\" to")
    }

    static func savePreset(_ name: String, from phone: Phone, store: Store, _ console: inout Console) throws(StoreError) -> Int32 {
        let layout = phone.layout
        let preset = KeyPreset(name: name, keys: layout.keys, sidecars: layout.sidecars == 0 ? nil : layout.sidecars)
        switch try store.apply(.saveKeyPreset(preset)) {
        case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
        case .success:
            console.print("Saved key preset \"\(name.trimmingSpaces)\" (\(Plural.count(layout.keys.count, "key", "keys"))).")
            return ExitCode.success
        }
    }

    /// `phonedesk phones presets [list] [--json]` and `phonedesk phones presets remove NAME`.
    static func presets(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        CLI.withStore(words, help: Help.phonesPresets, environment: environment, .init(switches: ["json"], anyPositional: true), &console) { store, a, console in
            switch a.positional.first {
            case nil, "list"?:
                guard a.positional.count <= 1 else { throw Arguments.UsageError(message: "unexpected \(a.positional.dropFirst().joined(separator: " "))") }
                let presets = try store.load().data.account.keyPresets ?? []
                if a.flags.contains("json") {
                    console.printLines(try CLI.json(presets.map { PresetJSON(name: $0.name, sidecars: $0.sidecars ?? 0,
                                                                              keys: $0.keys.map { KeyJSON(number: $0.number, type: $0.type.word, value: $0.value, label: $0.label, place: nil) }) }))
                } else {
                    console.print(CLI.pad(["NAME", "KEYS", "SIDECARS"], [24, 6, 8]))
                    for preset in presets { console.print(CLI.pad([preset.name, "\(preset.keys.count)", "\(preset.sidecars ?? 0)"], [24, 6, 8])) }
                }
                return ExitCode.success
            case "remove"?:
                guard a.positional.count == 2, !a.flags.contains("json") else { throw Arguments.UsageError(message: "phones presets remove needs one NAME") }
                switch try store.apply(.deleteKeyPreset(name: a.positional[1])) {
                case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
                case .success: console.print("Removed key preset \"\(a.positional[1])\"."); return ExitCode.success
                }
            case let other?:
                throw Arguments.UsageError(message: "unknown presets command \(other); use list or remove NAME")
            }
        }
    }
}

struct KeyJSON: Encodable {
    var number: Int
    var type: String
    var value: String?
    var label: String?
    var place: String?
}

struct LayoutJSON: Encodable {
    var phone: Int
    var model: String
    var capacity: Int?
    var sidecars: Int
    var keys: [KeyJSON]
}

struct PresetJSON: Encodable {
    var name: String
    var sidecars: Int
    var keys: [KeyJSON]
}
