import Foundation
import PhoneDeskCore

/// The scripting interface: `phonedesk phones …`, `users …`, `orders …`, `settings …`, `models`,
/// `provision`, `init`.
/// It uses the same rules and store as the panel; there is one implementation of each.
public enum CLI {
    public static let version = PhoneDeskVersion.current

    /// The commands this module handles (anything else opens the panel).
    public static let commands: Set<String> = ["phones", "users", "orders", "settings", "models", "provision", "init", "help", "operators", "audit"]

    /// `--operator NAME` (anywhere; see CommandRights) runs the command as that operator.
    public static func run(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        let (words, name, problem) = CommandRights.split(words)
        if let problem { console.error(problem); return usage(&console, Help.main) }
        let (actor, refused) = CommandRights.check(words, name: name, environment: environment, console: &console)
        if let refused { return refused }
        return CommandRights.$actor.withValue(actor) { dispatch(words, environment: environment, console: &console) }
    }

    static func dispatch(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        guard let command = words.first else { return usage(&console, Help.main) }
        let rest = Array(words.dropFirst())
        switch command {
        case "phones": return PhonesCommand.run(rest, environment: environment, console: &console)
        case "users": return UsersCommand.run(rest, environment: environment, console: &console)
        case "orders": return OrdersCommand.run(rest, environment: environment, console: &console)
        case "settings": return SettingsCommand.run(rest, environment: environment, console: &console)
        case "models": return simple(rest, help: Help.models, &console) { console in
            let widths = [22, 22, 14, 10, 6, 6, 20]
            console.print(pad(["ID", "LABEL", "COLOUR SCREEN", "TEMPLATES", "KEYS", "PAGES", "SIDECAR"], widths))
            for model in PhoneCatalog.models {
                let sidecar = model.expansionModule.map { "\(model.maxModules) × \($0.name) (\($0.keys))" } ?? "-"
                console.print(pad([model.id, model.label, model.colourScreen ? "yes" : "no", model.supportsTemplates ? "yes" : "no",
                                   "\(model.lineKeys)", "\(model.pages)", sidecar], widths))
            }
            return ExitCode.success
        }
        case "provision":
            return withStore(rest, help: Help.provision, environment: environment, .init(switches: ["check"]), recover: false, &console) { store, arguments, console in
                if arguments.flags.contains("check") { return provisionCheck(store, &console) }
                try store.provisionAll()
                let data = try store.load().data
                // Keys a hand-edited phones.json broke are left out of the files: say which.
                for line in ProvisionWarnings.lines(data) { console.error(line) }
                console.print("Regenerated the files of \(Plural.count(data.phones.filter { $0.mac != nil }.count, "phone", "phones")) in \(try store.servedDirectory().path)")
                return ExitCode.success
            }
        case "init": return initCommand(rest, environment: environment, &console)
        case "operators": return OperatorsCommand.run(rest, environment: environment, console: &console)
        case "audit": return AuditCommand.run(rest, environment: environment, console: &console)
        case "help": return usage(&console, Help.main, status: ExitCode.success)
        default:
            console.error("unknown command \(command)")
            return usage(&console, Help.main)
        }
    }

    static func usage(_ console: inout Console, _ text: String, status: Int32 = ExitCode.usage) -> Int32 {
        if status == ExitCode.success { console.printTrusted(text) } else { console.errorTrusted(text) }
        return status
    }

    /// A command that reads no account: takes only --help, and --data (every command takes it,
    /// so a script can pass it everywhere; it is not opened).
    static func simple(_ words: [String], help: String, _ console: inout Console, body: (inout Console) -> Int32) -> Int32 {
        if words == ["-h"] { return usage(&console, help, status: ExitCode.success) }
        do {
            let arguments = try Arguments.parse(words, valued: ["data"], switches: ["help"])
            if arguments.flags.contains("help") { return usage(&console, help, status: ExitCode.success) }
            try Arguments.Shape().check(arguments)
        } catch {
            console.error(error.message)
            return usage(&console, help)
        }
        return body(&console)
    }

    /// `provision --check`: which phones' files are missing or out of date; writes nothing.
    static func provisionCheck(_ store: Store, _ console: inout Console) -> Int32 {
        let check: ProvisioningCheck
        do { check = try store.checkProvisioning() } catch {
            console.error(error.description)
            return ExitCode.failure
        }
        if check.isCurrent {
            console.print("Every phone's provisioning files are current.")
            return ExitCode.success
        }
        if !check.outOfDate.isEmpty {
            let names = check.examples.map { "\($0.id) \"\($0.name)\"" }.joined(separator: ", ")
            let more = check.outOfDate.count > check.examples.count ? ", …" : ""
            console.print("\(Plural.count(check.outOfDate.count, "phone", "phones")) with missing or out-of-date provisioning files: \(names)\(more)")
        }
        if check.filesToRemove > 0 {
            console.print("\(Plural.count(check.filesToRemove, "deleted or MAC-less phone", "deleted or MAC-less phones")) still \(Plural.english(check.filesToRemove) == .one ? "has" : "have") provisioning files")
        }
        console.print("Run `phonedesk provision` to regenerate them.")
        return ExitCode.failure
    }

    /// Recovery at the start of a command: regenerates what a killed save or import left out of
    /// date, with a note on stderr; a failure here is a warning, not the command's failure.
    static func recoverProvisioning(_ store: Store, _ console: inout Console) {
        do {
            let check = try store.recoverProvisioning()
            if check.migrated {
                let open = (try? store.load().data.account.legacyURL) == true
                console.error("migrated the account to one provisioning URL per phone (`phonedesk phones list --json`: provisioningURL)"
                              + (open ? "; the old account URL stays open, moving each phone to its own, until `phonedesk settings set legacy-url off`" : ""))
            } else if !check.outOfDate.isEmpty {
                console.error("regenerated the provisioning files of \(Plural.count(check.outOfDate.count, "phone", "phones")) after an interrupted save")
            }
            if check.filesToRemove > 0 {
                console.error("removed the provisioning files of \(Plural.count(check.filesToRemove, "deleted phone", "deleted phones")) after an interrupted save")
            }
        } catch {
            console.error("warning: provisioning files were not checked: \(error.description)")
        }
    }

    /// Opens the store named by `--data` (or the environment) and runs `body`; store errors → 1.
    /// `recover` first regenerates provisioning files a killed process left out of date.
    /// `before` runs once the command line is checked and before the store is opened: a usage
    /// error it throws exits 2, a status it returns ends the command there (nothing is opened).
    static func withStore(_ words: [String], help: String, environment: [String: String], _ shape: Arguments.Shape = .init(),
                          recover: Bool = true,
                          before: (Arguments, inout Console) throws(Arguments.UsageError) -> Int32? = { _, _ in nil },
                          _ console: inout Console,
                          body: (Store, Arguments, inout Console) throws -> Int32) -> Int32 {
        let arguments: Arguments
        do {
            arguments = try Arguments.parse(words, valued: shape.valued.union(["data"]), switches: shape.switches.union(["help"]))
            if arguments.flags.contains("help") { return usage(&console, help, status: ExitCode.success) }
            try shape.check(arguments)
            if let status = try before(arguments, &console) { return status }
        } catch {
            console.error(error.message)
            return usage(&console, help)
        }
        let directory = DataDirectory.resolve(flag: arguments.values["data"], environment: environment)
        do {
            let store = try Store.open(directory: directory)
            store.actor = CommandRights.actor
            if recover { recoverProvisioning(store, &console) }
            return try body(store, arguments, &console)
        } catch let error as StoreError {
            console.error(error.description)
            return ExitCode.failure
        } catch let error as Arguments.UsageError {
            console.error(error.message)
            return usage(&console, help)
        } catch {
            console.error("\(error)")
            return ExitCode.failure
        }
    }

    static func initCommand(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        let arguments: Arguments
        do { arguments = try Arguments.parse(words, valued: ["provisioning-dir", "data"], switches: ["empty", "help"]) } catch {
            console.error(error.message)
            return usage(&console, Help.initialise)
        }
        if arguments.flags.contains("help") { return usage(&console, Help.initialise, status: ExitCode.success) }
        // Every command takes --data; for init it names the directory to create (DIR may repeat it).
        let named = arguments.positional + [arguments.values["data"]].compactMap { $0 }
        guard let path = named.first, named.count == 1 || (named.count == 2 && named[0] == named[1]) else {
            console.error(named.isEmpty ? "init needs one directory" : "init needs one directory (DIR or --data DIR)")
            return usage(&console, Help.initialise)
        }
        let directory = URL(fileURLWithPath: DataDirectory.expand(path, environment))
        // Checked before anything is created: a refused path leaves no account behind.
        let tree = arguments.values["provisioning-dir"]
        if let tree, let problem = ProvisioningTreeRules.directoryProblem(tree, dataDirectory: directory) {
            console.error("provisioning-dir \(problem)")
            return ExitCode.failure
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path), names.contains(where: { $0.hasSuffix(".json") }) {
            console.error("\(directory.path) already holds an account; nothing changed")
            return ExitCode.failure
        }
        do {
            let store = try Store.open(directory: directory, seed: arguments.flags.contains("empty") ? .empty : .demo)
            if let tree {
                switch try store.apply(.setProvisioningDirectory(tree)) {
                case .success(let outcome):
                    // The seed's tree in the new data directory is the one just made: not left behind.
                    try? FileManager.default.removeItem(at: directory.appendingPathComponent("provisioning"))
                    if let warning = outcome.warning { console.error("warning: \(warning)") }
                case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
                }
            }
            console.print("Created \(arguments.flags.contains("empty") ? "an empty" : "the demo") account in \(directory.path)")
            console.print("Provisioning files: \(try store.servedDirectory().path) (each phone has its own URL: `phonedesk phones list`)")
            return ExitCode.success
        } catch {
            console.error("\(error)")
            return ExitCode.failure
        }
    }

    /// Left-aligned columns for plain-text tables, in terminal columns (a CJK name counts 2).
    static func pad(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            let used = DisplayWidth.of(cell)
            return used >= width ? cell : cell + String(repeating: " ", count: width - used)
        }.joined(separator: " ").trimmingSpaces
    }

    /// JSON for stdout: sorted keys, pretty, and no raw control or invisible character even
    /// where JSON would allow one (see `TerminalText.escapedJSON`).
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return TerminalText.escapedJSON(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

