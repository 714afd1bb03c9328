import Foundation
import PhoneDeskProcess
import PhoneDeskCore
import PhoneDeskEffects
import PhoneDeskTerminal
import PhoneDeskUI
#if canImport(Glibc)
import Glibc
import Synchronization
#endif

// The numbers behind docs/performance.md. `swift run -c release phonedesk-bench` runs every size
// (each in its own process, so peak RSS is per size) and prints the table; `--fuzz N` runs the
// full fuzz (N sequences × 500 messages); `--simulate N` the operator simulation (N sequences ×
// 40 steps against real stores); `--paste` times a 100 KB paste into the real panel in tmux.

func now() -> Double { Date().timeIntervalSinceReferenceDate }

func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = now()
    let value = try body()
    return (value, now() - start)
}

/// A field of /proc/self/status in KiB: VmHWM is the peak resident set, VmRSS the current one.
func statusKiB(_ field: String = "VmHWM") -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

func peakRSSKiB() -> Int { statusKiB() }

/// Where the memory goes: peak and current RSS after each stage (printed with PHONEDESK_BENCH_RSS=1).
nonisolated(unsafe) var rssStages: [String] = []
func noteRSS(_ stage: String) {
    rssStages.append("\(stage): peak \(statusKiB() / 1024) MiB, now \(statusKiB("VmRSS") / 1024) MiB "
        + "(heap and stacks \(statusKiB("RssAnon") / 1024), mapped files \(statusKiB("RssFile") / 1024))")
}

/// One size, in this process: prints one JSON line of measurements.
func measure(size: Int, directory: URL) throws {
    // Build the account once (not timed as part of the panel).
    if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("phones.json").path) {
        // The demo account (its users, a saved address and a balance) plus `size` phones.
        let store = try Store.open(directory: directory, seed: .demo)
        let phones = (0..<size).map { i in
            NewPhone(name: "Desk \(i) \(["Łódź", "Kraków", "Gdańsk", "Poznań"][i % 4])", modelID: PhoneCatalog.models[i % 21].id,
                     mac: MACAddress(hex: String(format: "02%010x", i)))
        }
        _ = try store.importPhones(phones).get()
        return  // built; the next process measures
    }
    var results: [String: Double] = [:]
    // First frame: open, load, build the table, draw.
    var stages: [String: Double] = [:]
    var panelStore: Store?
    noteRSS("start")
    let (model0, firstFrame) = try time { () throws -> AppModel in
        // As the panel does: the first 200 phones of a large account, then the rest.
        let (store, open) = try time { try Store.open(directory: directory) }
        panelStore = store
        let (loaded, load) = try time { try store.loadFirstPhones(limit: 200) ?? store.load() }
        let (model, table) = time { AppModel(data: loaded.data, size: TermSize(width: 80, height: 24)) }
        let (_, draw) = time { view(model) }
        stages = ["open": open, "load": load, "table": table, "draw": draw]
        return model
    }
    results["firstFrameRSS"] = Double(peakRSSKiB() * 1024)
    noteRSS("first frame")
    // Then the whole account, as the panel's background load does.
    let (full, fullLoad) = try time { try panelStore!.load() }
    results["fullLoad"] = fullLoad
    var model = model0
    noteRSS("all loaded")
    let (_, rebuild) = time { update(&model, .storeChanged(full)) }
    results["tableRebuild"] = rebuild
    noteRSS("table built")
    for (name, seconds) in stages { results["stage." + name] = seconds }
    results["firstFrame"] = firstFrame
    func keystroke(_ key: Key) -> Double {
        let (_, t) = time { () -> Canvas in
            _ = update(&model, .key(key))
            return view(model)
        }
        return t
    }
    let moves = (0..<200).map { _ in keystroke(.down) }
    results["move"] = moves.sorted()[moves.count / 2]
    results["moveMax"] = moves.max() ?? 0
    let pages = (0..<50).map { _ in keystroke(.pageDown) }
    results["page"] = pages.sorted()[pages.count / 2]
    // Each typing sequence runs three times; a keystroke's time is its median over the runs
    // (so a moment the scheduler gave the core away does not count), the column the slowest.
    func slowestKeystroke(_ run: () -> [Double]) -> (max: Double, mean: Double) {
        let runs = (0..<3).map { _ in run() }
        let medians = runs[0].indices.map { k in runs.map { $0[k] }.sorted()[1] }
        if ProcessInfo.processInfo.environment["PHONEDESK_BENCH_KEYS"] == "1" {
            FileHandle.standardError.write(Data((medians.map { String(format: "%.2f", $0 * 1000) }.joined(separator: " ") + "\n").utf8))
        }
        return (medians.max() ?? 0, medians.reduce(0, +) / Double(max(1, medians.count)))
    }
    _ = keystroke(.home)
    let filter = slowestKeystroke {
        _ = keystroke(.char("/"))
        let typed = "desk 9 łódź".map { keystroke(.char($0)) } + (0..<4).map { _ in keystroke(.backspace) }
        _ = keystroke(.escape)
        return typed
    }
    results["filterMax"] = filter.max
    results["filterAvg"] = filter.mean
    // The qualified filter: field terms, a quoted phrase and a free word, typed and widened.
    let qualified = slowestKeystroke {
        _ = keystroke(.char("/"))
        let typed = "model:yea user:none status:act \"desk 9\" łódź".map { keystroke(.char($0)) }
            + [keystroke(.tab)] + (0..<6).map { _ in keystroke(.backspace) }
        _ = keystroke(.escape)
        return typed
    }
    results["qualifiedFilterMax"] = qualified.max
    results["qualifiedFilterAvg"] = qualified.mean
    // The add form checks the name against every phone on each key.
    let sorts = sortChanges(&model)
    results["sortMax"] = sorts.max
    results["sortMedian"] = sorts.median
    results["formKeyMax"] = slowestKeystroke {
        _ = keystroke(.char("a"))
        _ = keystroke(.tab)
        _ = keystroke(.tab)
        let typed = "Desk 5 ł".map { keystroke(.char($0)) }
        _ = keystroke(.escape)
        _ = keystroke(.char("y"))
        return typed
    }.max
    // One edit saved, by the panel's store (which has read the phones once already).
    let store = panelStore!
    let phone = model.data.phones[size / 2]
    // The everyday edit: give the phone a user (a rename also checks every other name).
    var edit = PhoneEdit(phone)
    edit.userExtension = "102"
    let (_, saveTime) = try time { try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) }
    results["editSaved"] = saveTime
    noteRSS("edit saved")
    // The panel shows the save: it reads the change (one journal line) and updates the table.
    let (_, shown) = try time { _ = update(&model, .storeChanged(try store.load())) }
    results["saveShown"] = shown
    // What the idle panel does next on a large account: fold the journal into phones.json.
    let (_, compaction) = try time { try store.compactPhones() }
    results["compaction"] = compaction
    noteRSS("journal compacted")
    // One order of one phone, paid from the company account: four files and the phone added.
    let account = try store.load().data.account
    let shop = try ShopData.load(directory: directory)
    let cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
    let quote = Pricing.quote(cart, shop: shop, country: account.addresses[0].country)
    let request = CheckoutRequest(idempotencyKey: "bench", cart: cart, address: account.addresses[0],
                                  payment: .companyAccount, expectedTotal: quote.total)
    let (order, orderTime) = try time { try Checkout.run(request, store: store, gateway: SandboxGateway(), now: Date()) }
    guard case .success = order else { fatalError("the bench order was refused: \(order)") }
    results["order"] = orderTime
    noteRSS("order placed")
    // Bytes for one selection move through a pty.
    var a = model
    a.table.move(by: -a.table.selected + 5, pageSize: a.pageSize)
    var b = a
    _ = update(&b, .key(.down))
    results["moveBytes"] = Double(PtyMeter.bytes(first: view(a), second: view(b)) ?? -1)
    results["peakRSS"] = Double(peakRSSKiB() * 1024)
    noteRSS("pty measured")
    if ProcessInfo.processInfo.environment["PHONEDESK_BENCH_RSS"] == "1" {
        FileHandle.standardError.write(Data((rssStages.joined(separator: "\n") + "\n").utf8))
    }
    let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("phones.json").path)
    results["phonesJSON"] = Double((attributes[.size] as? NSNumber)?.intValue ?? 0)
    let data = try JSONSerialization.data(withJSONObject: results)
    print(String(decoding: data, as: UTF8.self))
}

func pythonLoad(_ file: URL) -> Double {
    let text = ChildProcess(["python3", "-c", "import json,time; t=time.perf_counter(); json.load(open('\(file.path)')); print(time.perf_counter()-t)"]).run().output
    return Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
}

/// The real panel's peak RSS: the built `phonedesk` on `directory` in an 80×24 tmux window,
/// loaded, a filter typed and cleared, the add form opened and closed; nil without tmux.
func panelPeakRSS(directory: URL) -> Double? {
    let phonedesk = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("phonedesk").path
    let session = "pdbench-\(getpid())"
    func tmux(_ arguments: [String]) -> String? {
        let result = ChildProcess(["tmux", "-u"] + arguments).run(timeout: 10)
        return result.status == 0 ? result.output : nil
    }
    let command = "exec env LANG=C.UTF-8 TERM=xterm-256color \(phonedesk) --data \(directory.path)"
    guard tmux(["new-session", "-d", "-s", session, "-x", "80", "-y", "24", command]) != nil else { return nil }
    defer { _ = tmux(["kill-session", "-t", session]) }
    guard let pid = tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
    else { return nil }
    func loaded() -> Bool {
        guard let header = tmux(["capture-pane", "-p", "-t", session])?.split(separator: "\n").first else { return false }
        return header.contains(" phones") && !header.contains("loading")
    }
    let deadline = Date().addingTimeInterval(30)
    while !loaded() && Date() < deadline { usleep(50_000) }
    for keys in [["j", "j", "j", "PPage"], ["/"], ["-l", "desk 9 łódź"], ["Escape"], ["a"], ["-l", "Desk 5"], ["Escape", "y"]] {
        _ = tmux(["send-keys", "-t", session] + keys)
        usleep(300_000)
    }
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
    _ = tmux(["send-keys", "-t", session, "q"])
    return kib * 1024
}

/// Directories removed when the run ends, not as it goes: ext4 allocates inodes slowly next to
/// many just-deleted ones, so removing 100,000 files before an import would slow the import.
nonisolated(unsafe) var scratch: [URL] = []

func importTime(size: Int) -> Double {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-bench-import-\(UUID().uuidString)")
    scratch.append(directory)
    let csv = directory.appendingPathExtension("csv")
    defer { try? FileManager.default.removeItem(at: csv) }
    let rows = ["model,mac,name,user"] + (0..<size).map { "Yealink T46U,\(String(format: "02:00:%02x:%02x:%02x:%02x", $0 >> 24 & 255, $0 >> 16 & 255, $0 >> 8 & 255, $0 & 255)),Desk \($0)," }
    try? rows.joined(separator: "\n").write(to: csv, atomically: false, encoding: .utf8)
    let phonedesk = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("phonedesk").path
    _ = ChildProcess([phonedesk, "init", "--empty", directory.path]).run()
    let start = now()
    guard ChildProcess([phonedesk, "phones", "import", csv.path, "--data", directory.path]).run().status == 0 else { return .nan }
    return now() - start
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--size", arguments.count >= 3, let size = Int(arguments[1]) {
    try measure(size: size, directory: URL(fileURLWithPath: arguments[2]))
    exit(0)
}
if arguments.first == "--reprovision", arguments.count >= 2 {
    // A settings change every phone's file depends on (the admin PIN): every file rewritten, in
    // chunks, while another operator (another Store on the same directory, as another process
    // would be) saves a phone or only takes the lock, by turns, every 100 ms: their slowest save
    // and their slowest wait for the lock are what the chunks cost them.
    let directory = URL(fileURLWithPath: arguments[1])
    let store = try Store.open(directory: directory)
    let account = try store.load().data.account
    let pin = account.hotDeskPIN == "8042" ? "9153" : "8042"
    let (outcome, save) = try time {
        try store.apply(.setAccountSettings(pin: pin, sipServer: account.sipServer, provisioningBaseURL: account.provisioningBaseURL,
                                            theme: nil, mouse: nil), regenerate: .later)
    }
    guard case .success = outcome else { print("refused: \(outcome)"); exit(1) }
    let running = Mutex(true)
    let saves = Mutex<[Double]>([])
    let lockWaits = Mutex<[Double]>([])
    let other = Thread {
        let operatorStore = Store(directory: directory)
        let lock = FileLock(path: directory.appendingPathComponent(".lock").path, timeout: 10)
        var turn = 0
        while running.withLock({ $0 }) {
            turn += 1
            // Every other turn only waits for the lock (what a save waits for) and lets it go.
            if turn % 2 == 0 {
                let start = now()
                if (try? lock.withLock { () throws(StoreError) in }) != nil { lockWaits.withLock { $0.append(now() - start) } }
            } else if let phone = try? operatorStore.load().data.phones.first {
                var edit = PhoneEdit(phone)
                edit.name = phone.name.hasSuffix(" ·") ? String(phone.name.dropLast(2)) : phone.name + " ·"
                let start = now()
                _ = try? operatorStore.apply(.update(id: phone.id, baseRevision: phone.revision, edit))
                let took = now() - start
                saves.withLock { $0.append(took) }
            }
            usleep(100_000)
        }
    }
    other.start()
    var chunkTimes: [Double] = []
    var last = now()
    let (check, seconds) = try time {
        try store.reprovision { _ in
            let t = now()
            chunkTimes.append(t - last)
            last = t
        }
    }
    running.withLock { $0 = false }
    usleep(300_000)
    let waits = saves.withLock { $0 }.sorted()
    let lockTimes = lockWaits.withLock { $0 }.sorted()
    func ms(_ s: Double) -> String { String(format: "%.0f ms", s * 1000) }
    print("reprovision: settings saved in \(ms(save)); \(check.outOfDate.count) of \(try store.load().data.phones.count) phones' files "
          + "regenerated in \(String(format: "%.2f", seconds)) s in \(chunkTimes.count - 1) chunks (slowest \(ms(chunkTimes.dropFirst().max() ?? 0))); "
          + "another operator's \(waits.count) saves meanwhile: median \(ms(waits.isEmpty ? 0 : waits[waits.count / 2])), "
          + "slowest \(ms(waits.last ?? 0)); their \(lockTimes.count) waits for the lock alone: median "
          + "\(ms(lockTimes.isEmpty ? 0 : lockTimes[lockTimes.count / 2])), slowest \(ms(lockTimes.last ?? 0)); peak RSS \(peakRSSKiB() / 1024) MiB")
    exit(0)
}
if arguments.first == "--bulk" {
    print(try bulkTemplate(size: arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000))
    exit(0)
}
if arguments.first == "--fuzz" {
    let count = arguments.count > 1 ? UInt64(arguments[1]) ?? 10_000 : 10_000
    let data = AccountData(account: DemoAccount.account(token: "bench"), users: DemoAccount.users(), phones: DemoAccount.phones())
    let start = now()
    for seed in 1...count {
        if let failure = InputFuzzer.run(seed: seed, length: 500, data: data) { print("FAIL \(failure)"); exit(1) }
    }
    print("fuzz: \(count) sequences × 500 messages passed in \(String(format: "%.1f", now() - start)) s")
    exit(0)
}

if arguments.first == "--simulate" {
    let count = arguments.count > 1 ? UInt64(arguments[1]) ?? 10_000 : 10_000
    var performed: [String: Int] = [:]
    let start = now()
    for seed in 1...count {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-sim-\(seed)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let simulation = try OperatorSimulation(seed: seed, directory: directory)
            if let failure = simulation.run(steps: 40) { print("FAIL \(failure)"); exit(1) }
            performed.merge(simulation.performed, uniquingKeysWith: +)
        } catch { print("FAIL seed \(seed): \(error)"); exit(1) }
    }
    let saves = performed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("simulate: \(count) sequences × 40 steps passed in \(String(format: "%.1f", now() - start)) s (saved: \(saves))")
    exit(0)
}
if arguments.first == "--paste" {
    // 100 KB pasted into the add form's Name field of the real panel, as keys (a terminal without
    // bracketed paste) and bracketed: the time until the panel has read it all (its CPU time
    // stops growing) and shows "Too long".
    let phonedesk = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("phonedesk").path
    func tmux(_ arguments: [String]) -> String? {
        let result = ChildProcess(["tmux", "-u"] + arguments).run(timeout: 10)
        return result.status == 0 ? result.output : nil
    }
    var allShown = true
    for bracketed in [false, true] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-paste-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = "pdpaste-\(getpid())-\(bracketed)"
        let text = directory.path + ".txt"
        try String(repeating: "x", count: 100_000).write(toFile: text, atomically: false, encoding: .utf8)
        defer { unlink(text) }
        guard tmux(["new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                    "exec env LANG=C.UTF-8 TERM=xterm-256color \(phonedesk) --data \(directory.path)"]) != nil else { print("no tmux"); exit(1) }
        defer { _ = tmux(["kill-session", "-t", session]) }
        usleep(800_000)
        guard let pid = tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        else { print("no panel"); exit(1) }
        func cpuTicks() -> Int {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            return fields.count > 12 ? (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0) : 0
        }
        _ = tmux(["send-keys", "-t", session, "a", "Tab", "Tab"])
        usleep(300_000)
        _ = tmux(["load-buffer", text])
        let before = cpuTicks()
        let start = now()
        _ = tmux(["paste-buffer"] + (bracketed ? ["-p"] : []) + ["-t", session])
        var shown = false, last = -1, seconds = 0.0
        while now() - start < 60 {
            let ticks = cpuTicks()
            shown = shown || (tmux(["capture-pane", "-p", "-t", session]) ?? "").contains("Too long")
            if shown && ticks == last { break }
            last = ticks
            seconds = now() - start
            usleep(50_000)
        }
        allShown = allShown && shown
        print("paste (\(bracketed ? "bracketed" : "as keys")): 100 KB into a Name field \(shown ? "ended in \"Too long\"" : "showed no message") after "
              + "\(String(format: "%.2f", seconds)) s, \(String(format: "%.2f", Double(cpuTicks() - before) / Double(sysconf(Int32(_SC_CLK_TCK))))) s of the panel's CPU")
    }
    exit(allShown ? 0 : 1)
}
let sizes = arguments.isEmpty ? [1_000, 10_000, 100_000] : arguments.compactMap(Int.init)
func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
print("| phones | phones.json | python json.load | first frame | all loaded | move | page | filter key (max) | qualified filter key (max) | add-form key (max) | edit saved | save shown | compaction | order placed | peak RSS (× phones.json) | panel peak RSS (tmux) | move bytes | import | sort change (max) |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for size in sizes {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-bench-\(size)-\(UUID().uuidString)")
    scratch.append(directory)
    // Build the data in one child, measure in another (so building does not count towards RSS).
    for _ in 0..<2 {
        let output = Data(ChildProcess([CommandLine.arguments[0], "--size", "\(size)", directory.path]).run().output.utf8)
        guard let json = try? JSONSerialization.jsonObject(with: output) as? [String: Double] else { continue }
        let python = pythonLoad(directory.appendingPathComponent("phones.json"))
        let panelRSS = panelPeakRSS(directory: directory)
        let importSeconds = importTime(size: size)
        let r = json
        let rss = r["peakRSS"] ?? 0, file = r["phonesJSON"] ?? 1
        print("| \(size) | \(Int(file) / 1024) KiB | \(ms(python)) | \(ms(r["firstFrame"] ?? 0)) | \(ms(r["fullLoad"] ?? 0)) | \(ms(r["move"] ?? 0)) | \(ms(r["page"] ?? 0)) | \(ms(r["filterMax"] ?? 0)) | \(ms(r["qualifiedFilterMax"] ?? 0)) | \(ms(r["formKeyMax"] ?? 0)) | \(ms(r["editSaved"] ?? 0)) | \(ms(r["saveShown"] ?? 0)) | \(ms(r["compaction"] ?? 0)) | \(ms(r["order"] ?? 0)) | \(String(format: "%.1f MiB (%.1f×)", rss / 1_048_576, rss / file)) | \(panelRSS.map { String(format: "%.1f MiB (%.1f×)", $0 / 1_048_576, $0 / file) } ?? "n/a") | \(Int(r["moveBytes"] ?? 0)) B | \(String(format: "%.2f s", importSeconds)) | \(ms(r["sortMax"] ?? 0)) |")
        FileHandle.standardOutput.synchronizeFile()
    }
}
for directory in scratch { try? FileManager.default.removeItem(at: directory) }
