import Foundation
import PhoneDeskCore
import PhoneDeskUI
#if canImport(Glibc)
import Glibc
#endif

/// Every sort change through the columns and back, and an invert: `update` + `view` each, the
/// slowest (issue 12: ≤ 50 ms at 100,000 phones).
func sortChanges(_ model: inout AppModel) -> (max: Double, median: Double) {
    let keys: [Key] = Array(repeating: .char(">"), count: SortColumn.allCases.count) + [.char("i"), .char(">")]
    let times = keys.map { key in time { () -> Canvas in _ = update(&model, .key(key)); return view(model) }.1 }
    return (times.max() ?? 0, times.sorted()[times.count / 2])
}

/// `--bulk N`: an account of N Yealink T46U phones and a template for them; in the panel, `*`
/// marks them all, `e` opens the bulk edit, the template is chosen and Ctrl-S saved; the store
/// writes phones.json and every phone's file. Timed from `*` to the table showing the result.
func bulkTemplate(size: Int) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-bench-bulk-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try Store.open(directory: directory, seed: .empty)
    let phones = (0..<size).map { NewPhone(name: "Desk \($0)", modelID: "yealink-t46u", mac: MACAddress(hex: String(format: "02%010x", $0))) }
    // The import writes as many files: the yardstick for the disk at this moment.
    let (_, importSeconds) = try time { try store.importPhones(phones).get() }
    _ = try store.apply(.addTemplate(name: "Bench T46U", modelID: "yealink-t46u")).get()
    _ = try store.apply(.setTemplateBody(name: "Bench T46U", body: "local_time.time_zone = +1\n")).get()
    var model = AppModel(data: try store.load().data, size: TermSize(width: 80, height: 24))
    var storeSeconds = 0.0, storeCPU = 0.0
    let (saved, seconds) = try time { () throws -> Int in
        var effects: [Effect] = []
        for key: Key in [.char("*"), .char("e"), .tab] { effects += update(&model, .key(key)) }
        for c in "Bench" { effects += update(&model, .key(.char(c))) }
        effects += update(&model, .key(.enter))
        effects += update(&model, .key(.ctrl("s")))
        guard case .apply(let change)? = effects.last else { fatalError("the bulk edit sent no change: \(effects)") }
        let cpuBefore = cpuSeconds()
        let (result, applied) = try time { try store.apply(change) }
        storeSeconds = applied
        storeCPU = cpuSeconds() - cpuBefore
        guard case .success(let outcome) = result else { fatalError("the bulk edit was refused: \(result)") }
        _ = update(&model, .changeFinished(change, .saved(outcome)))
        _ = view(model)
        return outcome.data.phones.filter { $0.template == "Bench T46U" }.count
    }
    let file = try String(contentsOf: try store.servedDirectory().appendingPathComponent(model.data.phones[size - 1].secret ?? "")
        .appendingPathComponent(String(format: "02%010x.cfg", size - 1)), encoding: .utf8)
    guard saved == size, file.contains("local_time.time_zone = +1") else { fatalError("not every phone took the template") }
    return "bulk: \(size) phones marked, the template applied and saved (phones.json and \(size) files) in \(String(format: "%.2f", seconds)) s (the store's save \(String(format: "%.2f", storeSeconds)) s, \(String(format: "%.2f", storeCPU)) s of it on the CPU; importing them took \(String(format: "%.2f", importSeconds)) s)"
}

/// User and system CPU time of this process: what is left of a wall time is waiting for the disk.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
