import Foundation
import PhoneDeskCore
import PhoneDeskUI

enum PhonesCommand {
    static func run(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        guard let sub = words.first else { return CLI.usage(&console, Help.phones) }
        let rest = Array(words.dropFirst())
        switch sub {
        case "list": return list(rest, environment: environment, &console, help: Help.phonesList, defaultFormat: "table")
        case "export": return list(rest, environment: environment, &console, help: Help.phonesExport, defaultFormat: "csv-import")
        case "add": return add(rest, environment: environment, &console)
        case "edit": return edit(rest, environment: environment, &console)
        case "remove": return remove(rest, environment: environment, &console)
        case "rotate": return rotate(rest, environment: environment, &console)
        case "import": return importFile(rest, environment: environment, &console)
        case "resync": return ResyncCommand.run(rest, environment: environment, &console)
        case "keys": return KeysCommand.run(rest, environment: environment, &console)
        case "presets": return KeysCommand.presets(rest, environment: environment, &console)
        case "--help", "-h": return CLI.usage(&console, Help.phones, status: ExitCode.success)
        default:
            console.error("unknown phones command \(sub)")
            return CLI.usage(&console, Help.phones)
        }
    }

    /// Each phone's fetch status from the access log, read now (nil: no log configured). A log
    /// that cannot be read is a warning, not a failure: every phone with a file is "unknown".
    static func fetchStatuses(_ data: AccountData, store: Store, console: inout Console) -> [Int: FetchStatus]? {
        guard let path = data.account.accessLog else { return nil }
        var tracker = FetchTracker(path: path)
        let root = try? store.servedDirectory()
        let (statuses, problem) = tracker.update(data, root: root)
        if let problem { console.error("warning: \(problem.message)") }
        if tracker.skipped > 0 {
            console.error("note: \(Plural.count(tracker.skipped, "line", "lines")) of \(path) not in the phonedesk log format (docs/provisioning.md) skipped")
        }
        return statuses
    }

    static func list(_ words: [String], environment: [String: String], _ console: inout Console, help: String, defaultFormat: String) -> Int32 {
        CLI.withStore(words, help: help, environment: environment, .init(switches: ["json", "csv"], exclusive: [["json", "csv"]]), &console) { store, arguments, console in
            let data = try store.load().data
            let format = arguments.flags.contains("json") ? "json" : arguments.flags.contains("csv") ? (defaultFormat == "table" ? "csv" : "csv-import") : defaultFormat
            let users = Dictionary(data.users.map { ($0.extensionNumber, $0) }, uniquingKeysWith: { a, _ in a })
            switch format {
            case "json":
                let fetches = fetchStatuses(data, store: store, console: &console)
                let rows = data.phones.map { phone in
                    let fetch = fetches?[phone.id]
                    return PhoneJSON(id: phone.id, name: phone.name, model: phone.modelID, modelLabel: phone.model?.label,
                              mac: phone.mac?.display, user: phone.userExtension, userName: phone.userExtension.flatMap { users[$0]?.name },
                              blf: phone.blfExtension, background: phone.background, template: phone.template,
                              status: phone.status.rawValue,
                              fetchStatus: fetch?.word, lastFetch: fetch?.fetch.map { UTCTimestamp($0.date).description },
                              client: fetch?.fetch?.client, agent: fetch?.fetch?.agent, device: fetch?.fetch?.device,
                              provisioningURL: data.account.provisioningURL(of: phone))
                }
                console.printLines(try CLI.json(rows))
            case "csv":
                console.print(CSV.line(["id", "name", "model", "mac", "user", "blf", "background", "template", "status"]))
                for p in data.phones {
                    console.print(CSV.line(["\(p.id)", p.name, p.modelID, p.mac?.display ?? "", p.userExtension ?? "", p.blfExtension ?? "",
                                            p.background ?? "", p.template ?? "", p.status.rawValue]))
                }
            case "csv-import":
                console.print(CSV.line(BulkImport.phonesHeader))
                for p in data.phones {
                    console.print(CSV.line([p.model?.label ?? p.modelID, p.mac?.display ?? "", p.name, p.userExtension ?? ""]))
                }
            default:
                let widths = [6, 20, 20, 17, 24, 5, 17]
                console.print(CLI.pad(["ID", "NAME", "MODEL", "MAC", "USER", "BLF", "STATUS"], widths))
                for p in data.phones {
                    let user = p.userExtension.map { ext in users[ext]?.label ?? ext } ?? "-"
                    console.print(CLI.pad(["\(p.id)", p.name, p.model?.label ?? p.modelID, p.mac?.display ?? "-", user,
                                           p.blfExtension ?? "-", p.status.rawValue], widths))
                }
            }
            return ExitCode.success
        }
    }

    static func add(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        CLI.withStore(words, help: Help.phonesAdd, environment: environment,
                      .init(valued: ["model", "mac", "name", "user"], required: ["model", "mac", "name"],
                            needs: "phones add needs --model, --mac and --name"), &console) { store, a, console in
            guard let modelText = a.values["model"], let mac = a.values["mac"], let name = a.values["name"] else {
                throw Arguments.UsageError(message: "phones add needs --model, --mac and --name")
            }
            guard let model = PhoneCatalog.model(named: modelText) else {
                console.error("unknown model \"\(modelText)\"; `phonedesk models` lists them")
                return ExitCode.failure
            }
            let data = try store.load().data
            switch PhoneRules.validateNew(modelID: model.id, macText: mac, name: name, phones: data.phones) {
            case .failure(let errors):
                for (field, message) in errors.errors.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { console.error("\(field.rawValue): \(message)") }
                return ExitCode.failure
            case .success(var new):
                new.userExtension = a.values["user"]
                if let parsed = new.mac, let warning = PhoneRules.vendorWarning(mac: parsed, model: model) { console.error("warning: \(warning)") }
                switch try store.apply(.add(new)) {
                case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
                case .success(let outcome):
                    if let warning = outcome.warning { console.error("warning: \(warning)") }
                    if let added = outcome.phoneID.flatMap({ outcome.data.phone(id: $0) }), let url = outcome.data.account.provisioningURL(of: added) {
                        console.print(url)
                    }
                    return ExitCode.success
                }
            }
        }
    }

    /// A phone by id or by MAC in any notation.
    static func find(_ key: String, in data: AccountData) -> Phone? {
        if let id = Int(key), let phone = data.phone(id: id) { return phone }
        if case .success(let mac) = MACAddress.parse(key) { return data.phones.first { $0.mac == mac } }
        return nil
    }

    static func edit(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        CLI.withStore(words, help: Help.phonesEdit, environment: environment,
                      .init(valued: ["name", "mac", "user", "blf", "background", "template", "filter"],
                            switches: ["no-user", "no-blf", "no-background", "no-template"],
                            exclusive: [["user", "no-user"], ["blf", "no-blf"], ["background", "no-background"], ["template", "no-template"]],
                            anyPositional: true), &console) { store, a, console in
            try checkNamed(a, "edit")
            // A name and a MAC are each one phone's: never given to several at once.
            let own = ["name", "mac"].filter { a.values[$0] != nil }
            if !own.isEmpty, a.values["filter"] != nil || a.positional.count != 1 {
                throw Arguments.UsageError(message: "phones edit " + own.map { "--" + $0 }.joined(separator: " and ")
                                           + " edits one phone: give exactly one ID or MAC, not several or --filter")
            }
            let bulkEdit = Self.bulkEdit(a)
            let data = try store.load().data
            guard let phones = try named(a, in: data, "edit", &console) else { return ExitCode.failure }
            // A BLF set where key 2 holds another key takes that key: said once saved.
            let replaced: [(Phone, String)] = if case .set = bulkEdit.blf {
                phones.compactMap { phone in KeysText.replacedByBLF(on: phone, in: data).map { (phone, $0) } }
            } else { [] }
            if a.values["filter"] == nil, phones.count == 1 {
                return try editOne(phones[0], bulkEdit, name: a.values["name"], mac: a.values["mac"], store: store, &console,
                                   note: replaced.first.map { "Key 2 was \($0.1); the BLF replaced it." })
            }
            return try applyBulk(bulkEdit, to: phones, store: store, &console, saved: "Saved",
                                 notes: replaced.map { "\"\($0.0.name)\": key 2 was \($0.1); the BLF replaced it." })
        }
    }

    /// The word that clears a field (`--user none`); `--no-user` says the same.
    static let noneWord = "none"

    /// The phones named by IDs or MACs, or by --filter (not both); nil after saying which
    /// one is not there.
    static func named(_ a: Arguments, in data: AccountData, _ command: String, _ console: inout Console) throws(Arguments.UsageError) -> [Phone]? {
        try checkNamed(a, command)
        var phones: [Phone] = []
        if let filter = a.values["filter"] {
            phones = PhoneTable.matching(filter, in: data).map { data.phones[$0] }
            if phones.isEmpty { console.error("no phone matches \"\(filter)\""); return nil }
        } else {
            for key in a.positional {
                guard let phone = find(key, in: data) else { console.error("no phone with id or MAC \(key)"); return nil }
                if !phones.contains(where: { $0.id == phone.id }) { phones.append(phone) }
            }
        }
        return phones
    }

    /// IDs or MACs, or --filter: one of the two (a usage error before anything is read).
    static func checkNamed(_ a: Arguments, _ command: String) throws(Arguments.UsageError) {
        guard a.positional.isEmpty != (a.values["filter"] == nil) else {
            throw Arguments.UsageError(message: "phones \(command) needs one or more IDs or MACs, or --filter EXPR (not both)")
        }
    }

    /// The edit options as one edit for every phone named (what is not given is left alone).
    private static func bulkEdit(_ a: Arguments) -> BulkEdit {
        func change(_ name: String) -> FieldChange {
            if let value = a.values[name] { return value == noneWord ? .clear : .set(value) }
            return a.flags.contains("no-" + name) ? .clear : .keep
        }
        return BulkEdit(user: change("user"), blf: change("blf"), background: change("background"), template: change("template"))
    }

    /// One phone: the single-phone save, with its errors by field. A new `name`, and a new `mac`
    /// (the hardware replaced: the phone keeps its id, user, keys and URL; the old MAC's files go).
    /// One bulk edit of `phones` — all or none; each phone a rule refuses is named — then
    /// "<saved> N phones." (`phones edit`, `phones keys --preset`).
    static func applyBulk(_ bulkEdit: BulkEdit, to phones: [Phone], store: Store, _ console: inout Console,
                          saved: String, notes: [String] = []) throws(StoreError) -> Int32 {
        switch try store.apply(.bulk(BulkChange(phones: phones.map(PhoneRef.init), action: .edit(bulkEdit, skipUnfit: false)))) {
        case .failure(.several(let problems)):
            for problem in problems { console.error(problem.message) }
            console.error("\(Plural.count(problems.count, "phone", "phones")) refused; nothing was saved")
            return ExitCode.failure
        case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
        case .success(let outcome):
            if let warning = outcome.warning { console.error("warning: \(warning)") }
            console.print("\(saved) \(Plural.count(phones.count, "phone", "phones")).")
            for note in notes { console.print(note) }
            return ExitCode.success
        }
    }

    private static func editOne(_ phone: Phone, _ bulkEdit: BulkEdit, name: String?, mac: String?, store: Store,
                                _ console: inout Console, note: String? = nil) throws(StoreError) -> Int32 {
        var edit = bulkEdit.edit(of: phone)
        var vendorWarning: String?
        if let name { edit.name = name }
        if let mac {
            switch MACAddress.parse(mac) {
            case .failure(let problem): console.error("mac: \(problem.message)"); return ExitCode.failure
            case .success(let parsed):
                edit.mac = parsed
                if parsed != phone.mac, let model = phone.model { vendorWarning = PhoneRules.vendorWarning(mac: parsed, model: model) }
            }
        }
        switch try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) {
        case .failure(.invalid(let errors)):
            for (field, message) in errors.sorted(by: { $0.key.rawValue < $1.key.rawValue }) { console.error("\(field.rawValue): \(message)") }
            return ExitCode.failure
        case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
        case .success(let outcome):
            // Said once saved: a refused MAC needs no second opinion on its vendor.
            for warning in [vendorWarning, outcome.warning].compactMap({ $0 }) { console.error("warning: \(warning)") }
            let saved = outcome.data.phone(id: phone.id) ?? phone
            if let old = phone.mac, let new = saved.mac, old != new {
                console.print("Replaced the hardware of \"\(saved.name)\": \(old.display) → \(new.display); "
                              + "its URL is unchanged and the old MAC's files were removed.")
            } else {
                console.print("Saved \"\(saved.name)\".")
            }
            if let note { console.print(note) }
            return ExitCode.success
        }
    }

    /// A command on one phone named by id or MAC (`phones remove`, `phones rotate`).
    static func withOnePhone(_ words: [String], _ command: String, help: String, environment: [String: String], _ console: inout Console,
                             _ body: (Store, Phone, inout Console) throws -> Int32) -> Int32 {
        CLI.withStore(words, help: help, environment: environment,
                      .init(positional: 1, needs: "phones \(command) needs one ID or MAC"), &console) { store, a, console in
            guard let phone = find(a.positional[0], in: try store.load().data) else {
                console.error("no phone with id or MAC \(a.positional[0])")
                return ExitCode.failure
            }
            return try body(store, phone, &console)
        }
    }

    static func remove(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        withOnePhone(words, "remove", help: Help.phonesRemove, environment: environment, &console) { store, phone, console in
            switch try store.apply(.delete(id: phone.id, baseRevision: phone.revision)) {
            case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
            case .success: console.print("Removed \"\(phone.name)\"."); return ExitCode.success
            }
        }
    }

    /// A new secret for the phone: prints its new URL; the old one answers 404 from now on.
    static func rotate(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        withOnePhone(words, "rotate", help: Help.phonesRotate, environment: environment, &console) { store, phone, console in
            switch try store.apply(.rotateSecret(id: phone.id, baseRevision: phone.revision)) {
            case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
            case .success(let outcome):
                if let warning = outcome.warning { console.error("warning: \(warning)") }
                guard let rotated = outcome.data.phone(id: phone.id), let url = outcome.data.account.provisioningURL(of: rotated) else {
                    return ExitCode.failure
                }
                console.print(url)
                return ExitCode.success
            }
        }
    }

    static func importFile(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        CLI.withStore(words, help: Help.phonesImport, environment: environment,
                      .init(positional: 1, needs: "phones import needs one CSV file"), &console) { store, a, console in
            guard let rows = ImportSource.rows(a.positional[0], environment: environment, &console) else { return ExitCode.failure }
            let data = try store.load().data
            switch BulkImport.phones(rows, existing: data) {
            case .failure(let failure):
                report(failure, file: ImportSource.name(a.positional[0]), &console)
                return ExitCode.failure
            case .success(let phones):
                switch try store.importPhones(phones, lines: BulkImport.lines(rows)) {
                case .failure(let failure): report(failure, file: ImportSource.name(a.positional[0]), &console); return ExitCode.failure
                case .success: console.print("Imported \(Plural.count(phones.count, "phone", "phones"))."); return ExitCode.success
                }
            }
        }
    }

    static func report(_ failure: ImportFailure, file: String, _ console: inout Console) {
        for problem in failure.problems.prefix(200) { console.error("\(file): \(problem)") }
        if failure.problems.count > 200 { console.error("… and \(failure.problems.count - 200) more bad rows") }
        console.error("\(Plural.count(failure.problems.count, "bad row", "bad rows")); nothing was imported")
    }
}

/// One phone in `phones list --json` (absent values are null, so every object has every key).
struct PhoneJSON: Encodable {
    var id: Int
    var name: String
    var model: String
    var modelLabel: String?
    var mac: String?
    var user: String?
    var userName: String?
    var blf: String?
    var background: String?
    var template: String?
    var status: String
    /// From the access log: "never", "waiting", "fetched", "unknown"; nil with no log configured
    /// or no MAC yet (awaiting delivery).
    var fetchStatus: String?
    /// The last successful fetch ("2026-11-28T14:02:05Z"), its client address and User-Agent,
    /// and the model and firmware read from the agent.
    var lastFetch: String?
    var client: String?
    var agent: String?
    var device: String?
    /// `<base>/<phone secret>/`: where this phone fetches its files.
    var provisioningURL: String?

    enum CodingKeys: String, CodingKey {
        case id, name, model, modelLabel, mac, user, userName, blf, background, template, status
        case fetchStatus, lastFetch, client, agent, device, provisioningURL
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(model, forKey: .model)
        try c.encode(modelLabel, forKey: .modelLabel)
        try c.encode(mac, forKey: .mac)
        try c.encode(user, forKey: .user)
        try c.encode(userName, forKey: .userName)
        try c.encode(blf, forKey: .blf)
        try c.encode(background, forKey: .background)
        try c.encode(provisioningURL, forKey: .provisioningURL)
        try c.encode(template, forKey: .template)
        try c.encode(status, forKey: .status)
        try c.encode(fetchStatus, forKey: .fetchStatus)
        try c.encode(lastFetch, forKey: .lastFetch)
        try c.encode(client, forKey: .client)
        try c.encode(agent, forKey: .agent)
        try c.encode(device, forKey: .device)
    }
}

enum UsersCommand {
    static func run(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        guard let sub = words.first else { return CLI.usage(&console, Help.users) }
        let rest = Array(words.dropFirst())
        switch sub {
        case "list":
            return CLI.withStore(rest, help: Help.users, environment: environment, .init(switches: ["json", "csv"], exclusive: [["json", "csv"]]), &console) { store, a, console in
                let users = try store.load().data.users
                if a.flags.contains("json") {
                    let rows = users.map { ["extension": $0.extensionNumber, "name": $0.name, "email": $0.email ?? ""] }
                    console.printLines(try CLI.json(rows))
                } else if a.flags.contains("csv") {
                    console.print(CSV.line(BulkImport.usersHeader))
                    for user in users { console.print(CSV.line([user.extensionNumber, user.name, user.email ?? ""])) }
                } else {
                    console.print(CLI.pad(["EXT", "NAME", "EMAIL"], [8, 28, 30]))
                    for user in users { console.print(CLI.pad([user.extensionNumber, user.name, user.email ?? "-"], [8, 28, 30])) }
                }
                return ExitCode.success
            }
        case "import":
            return CLI.withStore(rest, help: Help.users, environment: environment,
                                 .init(positional: 1, needs: "users import needs one CSV file"), &console) { store, a, console in
                guard let rows = ImportSource.rows(a.positional[0], environment: environment, &console) else { return ExitCode.failure }
                switch BulkImport.users(rows, existing: try store.load().data.users) {
                case .failure(let failure):
                    PhonesCommand.report(failure, file: ImportSource.name(a.positional[0]), &console)
                    return ExitCode.failure
                case .success(let users):
                    switch try store.importUsers(users, lines: BulkImport.lines(rows)) {
                    case .failure(let failure): PhonesCommand.report(failure, file: ImportSource.name(a.positional[0]), &console); return ExitCode.failure
                    case .success: console.print("Imported \(Plural.count(users.count, "user", "users"))."); return ExitCode.success
                    }
                }
            }
        case "--help", "-h": return CLI.usage(&console, Help.users, status: ExitCode.success)
        default:
            console.error("unknown users command \(sub)")
            return CLI.usage(&console, Help.users)
        }
    }
}
