import Foundation
import PhoneDeskCLI
import PhoneDeskCore
import PhoneDeskTerminal
import PhoneDeskUI

let words = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment

/// Messages quote what was typed (an unknown option) or a path: escaped like the CLI's.
func fail(_ message: String, code: Int32 = ExitCode.failure) -> Never {
    FileHandle.standardError.write(Data("phonedesk: \(TerminalText.escaped(message, keepNewlines: false))\n".utf8))
    exit(code)
}

/// The first word that is neither an option nor an option's value.
func commandIndex(_ words: [String]) -> Int? {
    var index = 0
    while index < words.count {
        let word = words[index]
        if ["--data", "--theme", "--lang", "--operator"].contains(word) { index += 2; continue }
        if !word.hasPrefix("-") { return index }
        index += 1
    }
    return nil
}

// Scripting commands: results on stdout, errors on stderr, exit 0/1/2.
if let at = commandIndex(words), CLI.commands.contains(words[at]) {
    // Options given before the command (`--data DIR phones list`) go after it; `--operator`
    // stays in front, where it is the global one (after `audit` it filters the log).
    var lead: [String] = [], pre: [String] = []
    var scan = 0
    while scan < at {
        if words[scan] == "--operator", scan + 1 < at { lead += words[scan...(scan + 1)]; scan += 2; continue }
        if words[scan].hasPrefix("--operator=") { lead.append(words[scan]) } else { pre.append(words[scan]) }
        scan += 1
    }
    let arguments = lead + Array(words[at...]) + pre
    // Standard input is read only if a command is given `-` for its file or reads a PIN.
    var console = Console.standard()
    let status = CLI.run(arguments, environment: environment, console: &console)
    FileHandle.standardOutput.write(Data(console.out.utf8))
    FileHandle.standardError.write(Data(console.err.utf8))
    exit(status)
}

// The panel: the same rules as the commands' options (one value each, never empty, never an
// option), so `--data=$UNSET` cannot open the default account and `--data A --data B` is a typo.
var dataFlag: String?
var themeName: String?
var mouse = true
var languageFlag: String?
var operatorFlag: String?
var index = 0
func set(_ option: String, _ slot: inout String?, _ value: String) {
    guard slot == nil else { fail("\(option) is given twice", code: ExitCode.usage) }
    guard !value.isEmpty else { fail("\(option) needs a value; it is empty", code: ExitCode.usage) }
    slot = value
}
while index < words.count {
    var word = words[index]
    index += 1
    var inline: String?
    if let equals = word.firstIndex(of: "="), word.hasPrefix("--") {
        inline = String(word[word.index(after: equals)...])
        word = String(word[..<equals])
    }
    func value() -> String {
        if let inline { return inline }
        guard index < words.count else { fail("\(word) needs a value", code: ExitCode.usage) }
        index += 1
        // `--data --theme` must not make a directory called "--theme".
        guard !words[index - 1].hasPrefix("--") else {
            fail("\(word) needs a value, not the option \(words[index - 1]) (write \(word)=VALUE for a value starting with --)", code: ExitCode.usage)
        }
        return words[index - 1]
    }
    switch word {
    case "--help", "-h":
        var console = Console()
        _ = CLI.run(["help"], environment: environment, console: &console)
        print(console.out, terminator: "")
        exit(ExitCode.success)
    case "--version": print("phonedesk \(CLI.version)"); exit(ExitCode.success)
    case "--data": set(word, &dataFlag, value())
    case "--theme": set(word, &themeName, value())
    case "--no-mouse": mouse = false
    case "--operator": set(word, &operatorFlag, value())
    case "--lang":
        set(word, &languageFlag, value())
        guard Language(rawValue: languageFlag!.lowercased()) != nil else { fail("--lang takes en or pl", code: ExitCode.usage) }
    default:
        fail("unknown option or command \(word); see phonedesk --help", code: ExitCode.usage)
    }
}

// Before the store is opened: a refused start creates nothing (not even a first account).
guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
    fail("the panel needs a terminal (run it in a terminal or over ssh -t); scripts use `phonedesk phones …`", code: ExitCode.usage)
}
let directory = DataDirectory.resolve(flag: dataFlag, environment: environment)
let store: Store
let loaded: Store.Loaded
let shop: ShopData
var loading = false
var rights = Rights.local
do {
    store = try Store.open(directory: directory)
    // An operator over SSH (authorized_keys' forced command): their roles, their name in the audit log.
    if let operatorFlag {
        switch try store.resolveOperator(operatorFlag) {
        case .success(let person):
            rights = person.rights
            store.actor = AuditActor(name: person.name, client: AuditActor.client(environment))
        case .failure(let problem): fail(problem.message)
        }
    }
    // A large account shows its first screen at once and reads the rest in the background.
    if let first = try store.loadFirstPhones(limit: 200) {
        loaded = first
        loading = true
    } else {
        loaded = try store.load()
    }
    shop = try ShopData.load(directory: directory)
} catch {
    fail("\(error)")
}
// --theme, else the account's theme, else default. A broken theme file is reported and skipped.
var themeWarning: String?
let chosenTheme = themeName ?? loaded.data.account.theme ?? "default"
let theme = ThemeLocator.load(named: chosenTheme) { warning in
    FileHandle.standardError.write(Data("phonedesk: \(TerminalText.escaped(warning, keepNewlines: false))\n".utf8))
    themeWarning = warning
}
let colour = (environment["NO_COLOR"] ?? "").isEmpty
let status = Runtime(store: store, loaded: loaded, shop: shop, theme: theme, themeName: chosenTheme, themes: ThemeLocator.available(), colour: colour, mouse: mouse,
                     language: Language.resolve(flag: languageFlag, environment: environment), loading: loading,
                     notice: themeWarning, rights: rights, loadTheme: { name in
                         var warning: String?
                         let theme = ThemeLocator.load(named: name) { warning = $0 }
                         return (theme, warning)
                     }).run()
exit(status)
