import Foundation
import PhoneDeskCore
import PhoneDeskTerminal
import PhoneDeskUI

let version = "0.1.0"

let usage = """
usage: phonedesk [--data DIR]          open the panel (the demo account on first run)
       phonedesk init [--empty] DIR    create an account directory (demo data unless --empty)
       phonedesk --help | --version

The data directory is --data DIR, else $PHONEDESK_DATA, else $XDG_DATA_HOME/phonedesk,
else ~/.local/share/phonedesk. Keys: press ? in the panel.
"""

func fail(_ message: String, code: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("phonedesk: \(message)\n".utf8))
    exit(code)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var dataFlag: String?
var positional: [String] = []
var empty = false
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--help", "-h": print(usage); exit(0)
    case "--version": print("phonedesk \(version)"); exit(0)
    case "--data":
        guard !arguments.isEmpty else { fail("--data needs a directory\n\(usage)", code: 2) }
        dataFlag = arguments.removeFirst()
    case "--empty": empty = true
    default:
        if argument.hasPrefix("--data=") { dataFlag = String(argument.dropFirst(7)); continue }
        if argument.hasPrefix("-") { fail("unknown option \(argument)\n\(usage)", code: 2) }
        positional.append(argument)
    }
}

let environment = ProcessInfo.processInfo.environment

if positional.first == "init" {
    guard positional.count == 2 else { fail("init needs one directory\n\(usage)", code: 2) }
    let directory = URL(fileURLWithPath: DataDirectory.expand(positional[1], environment))
    if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path), names.contains(where: { $0.hasSuffix(".json") }) {
        fail("\(directory.path) already holds an account; nothing changed")
    }
    do {
        let store = try Store.open(directory: directory, seed: empty ? .empty : .demo)
        let loaded = try store.load()
        print("Created \(empty ? "an empty" : "the demo") account in \(directory.path)")
        print("Provisioning URL: \(loaded.data.account.provisioningURL)")
        exit(0)
    } catch { fail("\(error)") }
}
if !positional.isEmpty { fail("unknown command \(positional[0])\n\(usage)", code: 2) }

let directory = DataDirectory.resolve(flag: dataFlag, environment: environment)
let store: Store
let loaded: Store.Loaded
let shop: ShopData
do {
    store = try Store.open(directory: directory)
    loaded = try store.load()
    shop = try ShopData.load(directory: directory)
} catch {
    fail("\(error)")
}
guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
    fail("the panel needs a terminal (run it in a terminal or over ssh -t)", code: 2)
}
let theme = ThemeLocator.load(named: "default") { FileHandle.standardError.write(Data("phonedesk: \($0)\n".utf8)) }
let status = Runtime(store: store, loaded: loaded, shop: shop, theme: theme).run()
exit(status)
