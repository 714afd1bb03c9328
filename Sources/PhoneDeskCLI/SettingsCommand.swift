import Foundation
import PhoneDeskCore

/// `phonedesk settings show` and `settings set` — the panel's Settings › Hot desking tab for
/// scripts: the same rules (`AccountSettingsRules`, `PINRules`) and the same store call as the
/// panel's save, which regenerates the phones' provisioning files. The admin PIN is never
/// printed, and never taken from the command line (ps and shell history would keep it): it is
/// read from standard input.
enum SettingsCommand {
    /// What `settings set` changes, by the name a script gives it.
    enum Setting: String, CaseIterable {
        case sipServer = "sip-server", baseURL = "base-url", pin
        case provisioningDirectory = "provisioning-dir", group
        case accessLog = "access-log"
        case legacyURL = "legacy-url"
        case shopNamePattern = "shop-name-pattern"
    }

    /// The word that turns the access log off (`settings set access-log none`).
    static let noneWord = "none"

    /// The word that puts provisioning-dir or group back to its default (never a valid value:
    /// a path must be absolute, and a group named "default" would be unusual enough to refuse).
    static let defaultWord = "default"

    static let known = Setting.allCases.map(\.rawValue).joined(separator: ", ")

    static func run(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        guard let sub = words.first else { return CLI.usage(&console, Help.settings) }
        let rest = Array(words.dropFirst())
        switch sub {
        case "show": return show(rest, environment: environment, &console)
        case "set": return set(rest, environment: environment, &console)
        case "--help", "-h": return CLI.usage(&console, Help.settings, status: ExitCode.success)
        default:
            console.error("unknown settings command \(sub)")
            return CLI.usage(&console, Help.settings)
        }
    }

    static func show(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        CLI.withStore(words, help: Help.settings, environment: environment, .init(switches: ["json"]), &console) { store, a, console in
            let account = try store.load().data.account
            let shown = SettingsJSON(account, tree: try store.provisioningTree(account))
            if a.flags.contains("json") {
                console.printLines(try CLI.json(shown))
            } else {
                for (label, value) in shown.rows { console.print(CLI.pad([label, value], [18, 0])) }
            }
            return ExitCode.success
        }
    }

    static func set(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        // The setting's name decides how many words follow it, so it is looked at before the
        // command line is checked (a line that does not parse is reported by withStore).
        let given = (try? Arguments.parse(words, valued: ["data"], switches: ["help"]))?.positional ?? []
        let shape: Arguments.Shape
        switch given.first.flatMap(Setting.init(rawValue:)) {
        // Never "unexpected 1357": a PIN typed as an argument is not echoed.
        case .pin?: shape = .init(positional: 1, needs: "settings set pin takes no value: the PIN is read from standard input, "
                                      + "never from the command line (ps and shell history would keep it); pipe it: \(PINInput.example)")
        case let setting?: shape = .init(positional: 2, needs: "settings set \(setting.rawValue) needs one value")
        case nil: shape = .init(positional: max(given.count, 1), needs: "settings set needs a setting: \(known)")
        }
        var pin: String?
        return CLI.withStore(words, help: Help.settings, environment: environment, shape, before: { a, console throws(Arguments.UsageError) in
            // Checked before the store is opened: a refused value creates and changes nothing.
            let setting = try Self.setting(a.positional[0])
            switch setting {
            case .pin:
                switch PINInput.pin(isTerminal: console.inputIsTerminal, read: console.input) {
                case .success(let read): pin = read
                case .failure(.usage(let message)): throw Arguments.UsageError(message: message)
                case .failure(.refused(let message)): console.error(message); return ExitCode.failure
                }
            case .provisioningDirectory:
                let path = a.positional[1]
                if path != defaultWord, let problem = ProvisioningTreeRules.shapeProblem(path) {
                    console.error("provisioning-dir \(problem)"); return ExitCode.failure
                }
            case .group:
                let name = a.positional[1]
                if name != defaultWord, let problem = ProvisioningTreeRules.groupProblem(name) {
                    console.error("group: \(problem)"); return ExitCode.failure
                }
            case .accessLog:
                let path = a.positional[1]
                if path != noneWord, let problem = AccessLogRules.pathProblem(path) {
                    console.error("access-log \(problem)"); return ExitCode.failure
                }
            case .legacyURL:
                guard ["on", "off"].contains(a.positional[1]) else {
                    console.error("legacy-url takes on or off, not \"\(TerminalText.escaped(a.positional[1]))\""); return ExitCode.failure
                }
            case .shopNamePattern:
                let pattern = a.positional[1]
                if pattern != defaultWord, let problem = ShopNamePattern.problem(pattern) {
                    console.error("shop-name-pattern: \(problem)"); return ExitCode.failure
                }
            case .sipServer, .baseURL:
                let rule = setting == .sipServer ? AccountSettingsRules.sipServer : AccountSettingsRules.provisioningBaseURL
                if let problem = rule.run(a.positional[1]) { console.error("\(setting.rawValue): \(problem)"); return ExitCode.failure }
            }
            return nil
        }, &console) { store, a, console in
            let setting = try Self.setting(a.positional[0])
            // Only the setting given: the store keeps the others as the file holds them under its lock.
            let change: SettingsChange
            switch setting {
            case .pin: change = .setAccountSettings(pin: pin, sipServer: nil, provisioningBaseURL: nil)
            case .sipServer: change = .setAccountSettings(pin: nil, sipServer: a.positional[1], provisioningBaseURL: nil)
            case .baseURL: change = .setAccountSettings(pin: nil, sipServer: nil, provisioningBaseURL: a.positional[1])
            case .provisioningDirectory: change = .setProvisioningDirectory(a.positional[1] == defaultWord ? nil : a.positional[1])
            case .group: change = .setProvisioningGroup(a.positional[1] == defaultWord ? nil : a.positional[1])
            case .accessLog: change = .setAccessLog(a.positional[1] == noneWord ? nil : a.positional[1])
            case .legacyURL: change = .setLegacyURL(a.positional[1] == "on")
            case .shopNamePattern:
                // "" is the default pattern to the store.
                change = .setAccountSettings(pin: nil, sipServer: nil, provisioningBaseURL: nil,
                                             shopNamePattern: a.positional[1] == defaultWord ? "" : a.positional[1])
            }
            switch try store.apply(change) {
            case .failure(.invalid(let field, let message)):
                // The tree's messages already name the setting.
                let named = field == .provisioningDirectory || field == .provisioningGroup || field == .accessLog || field == .legacyURL
                console.error(named ? message : "\(setting.rawValue): \(message)"); return ExitCode.failure
            case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
            case .success(let outcome):
                // "Saved, but provisioning files were not all written: …" — saved, as after `phones edit`.
                if let note = outcome.note { console.error("note: \(note)") }
                if let warning = outcome.warning { console.error("warning: \(warning)"); return ExitCode.success }
                console.print(saved(setting, outcome.data))
                if setting == .baseURL { console.print("Phone URLs: \(outcome.data.account.provisioningURL(secret: "<phone secret>"))") }
                return ExitCode.success
            }
        }
    }

    static func setting(_ name: String) throws(Arguments.UsageError) -> Setting {
        if let setting = Setting(rawValue: name) { return setting }
        // `settings set 1357` is a PIN typed where the name goes: not echoed either.
        if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw Arguments.UsageError(message: "unknown setting; the settings are \(known) (the PIN is read from standard input: \(PINInput.example))")
        }
        throw Arguments.UsageError(message: "unknown setting \"\(name)\"; the settings are \(known)")
    }

    /// What the panel's status line says after its save (`SettingsFeature.status(after:)`),
    /// naming the one setting changed.
    static func saved(_ setting: Setting, _ data: AccountData) -> String {
        // Writes no provisioning file: its own line.
        if setting == .accessLog { return "Saved access log \(data.account.accessLog ?? "none (fetch status not shown)")." }
        if setting == .shopNamePattern {
            let pattern = data.account.shopNamePattern ?? ShopNamePattern.standard
            let example = PhoneCatalog.model(id: "yealink-t46u").map { " (e.g. \"\(ShopNamePattern.name(pattern, model: $0, n: 1))\")" } ?? ""
            return "Saved shop name pattern \"\(pattern)\": phones bought from now on are named by it\(example)."
        }
        if setting == .legacyURL {
            return data.account.legacyURL == true
                ? "The old account URL \(data.account.provisioningURL) is open: it serves files that move each phone to its own URL."
                : "The old account URL is closed: it answers 404."
        }
        let count = data.phones.filter { $0.mac != nil }.count
        let what = switch setting {
        case .pin: "the new PIN"
        case .sipServer: "SIP server \(data.account.sipServer)"
        case .baseURL: "provisioning base URL \(data.account.provisioningBaseURL)"
        case .provisioningDirectory: "provisioning directory \(data.account.provisioningDirectory ?? "default (DATA/provisioning)")"
        case .group: "provisioning group \(data.account.provisioningGroup ?? "default (\(ProvisioningTree.defaultGroup))")"
        case .accessLog, .legacyURL, .shopNamePattern: ""
        }
        return "Saved \(what); provisioning files of \(Plural.count(count, "phone", "phones")) updated."
    }
}

/// The new admin PIN, from standard input only: one line, its newline ("\n" or "\r\n")
/// stripped. Never read from a terminal (the typing would show, and the command would wait),
/// never quoted in a message, and read only up to a cap (`yes | …` or a file piped by mistake
/// is refused, not read to the end).
enum PINInput {
    /// Far more than a PIN and its newline.
    static let maxBytes = 1024
    static let example = "echo 1357 | phonedesk settings set pin"

    enum Refusal: Error, Equatable {
        /// How the command was run (standard input is a terminal): exit 2.
        case usage(String)
        /// What was read: exit 1.
        case refused(String)
    }

    /// `read(limit)` gives standard input, at most `limit + 1` bytes (nil: there is none);
    /// it is not called when `isTerminal`.
    static func pin(isTerminal: Bool, read: (Int) -> Data?) -> Result<String, Refusal> {
        if isTerminal { return .failure(.usage("settings set pin reads the PIN from standard input, which is a terminal; pipe it: \(example)")) }
        guard let data = read(maxBytes) else { return .failure(.refused("cannot read standard input; pipe the PIN: \(example)")) }
        guard data.count <= maxBytes else {
            return .failure(.refused("standard input is larger than 1 KiB; give one line with the PIN (\(PINRules.lengths.lowerBound) to \(PINRules.lengths.upperBound) digits)"))
        }
        var bytes = [UInt8](data)
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        }
        if bytes.isEmpty { return .failure(.refused("no PIN on standard input; pipe it: \(example)")) }
        if bytes.contains(0x0A) { return .failure(.refused("standard input holds more than one line; give the PIN alone: \(example)")) }
        // Anything but digits (bytes that are not UTF-8 included) is "Digits only".
        let text = String(decoding: bytes, as: UTF8.self)
        if let problem = PINRules.check.run(text) { return .failure(.refused("pin: \(problem)")) }
        return .success(text)
    }
}

/// `settings show --json`, and the rows of the table: what the Hot desking tab shows, the PIN
/// only as whether one is set.
struct SettingsJSON: Encodable {
    var pinSet: Bool
    var sipServer: String
    var provisioningBaseURL: String
    /// The old account-wide URL while it is open (files that move each phone to its own URL); nil: closed.
    var legacyURL: String?
    var theme: String
    var mouse: Bool
    /// The directory nginx serves (its root), and the group given read access (nil: the default
    /// tree inside the data directory, the operator's only).
    var provisioningDirectory: String
    var provisioningGroup: String?
    /// nginx's access log read for the fetch status; nil: none.
    var accessLog: String?
    /// How phones bought in the shop are named ({brand} {model} {n}).
    var shopNamePattern: String

    init(_ account: Account, tree: ProvisioningTree) {
        pinSet = account.hotDeskPIN != nil
        sipServer = account.sipServer
        provisioningBaseURL = account.provisioningBaseURL
        legacyURL = account.legacyURL == true ? account.provisioningURL : nil
        theme = account.theme ?? "default"
        mouse = account.mouse != false
        provisioningDirectory = tree.directory
        provisioningGroup = tree.group
        accessLog = account.accessLog
        shopNamePattern = account.shopNamePattern ?? ShopNamePattern.standard
    }

    enum CodingKeys: String, CodingKey {
        case pinSet, sipServer, provisioningBaseURL, legacyURL, theme, mouse, provisioningDirectory, provisioningGroup, accessLog
        case shopNamePattern
    }

    /// Every key always present: the group as null for the default tree.
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(pinSet, forKey: .pinSet)
        try c.encode(sipServer, forKey: .sipServer)
        try c.encode(provisioningBaseURL, forKey: .provisioningBaseURL)
        try c.encode(legacyURL, forKey: .legacyURL)
        try c.encode(theme, forKey: .theme)
        try c.encode(mouse, forKey: .mouse)
        try c.encode(provisioningDirectory, forKey: .provisioningDirectory)
        try c.encode(provisioningGroup, forKey: .provisioningGroup)
        try c.encode(accessLog, forKey: .accessLog)
        try c.encode(shopNamePattern, forKey: .shopNamePattern)
    }

    var rows: [(String, String)] {
        [("Admin PIN", pinSet ? "set" : "not set"), ("SIP server", sipServer), ("Provisioning base", provisioningBaseURL),
         ("Phone URLs", provisioningBaseURL + "/<phone secret>/"), ("Old account URL", legacyURL.map { "\($0) (open)" } ?? "closed"), ("Theme", theme), ("Mouse", mouse ? "on" : "off"),
         ("Served from", provisioningDirectory), ("Served to group", provisioningGroup ?? "none (operator only)"),
         ("Access log", accessLog ?? "none (fetch status not shown)"), ("Shop phone names", shopNamePattern)]
    }
}
