import Foundation
import Testing
import PhoneDeskCore
import PhoneDeskEffects
import PhoneDeskUI

/// A scratch account directory, removed when the test ends.
final class Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-sim-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The running loop's seam: `update` with every effect performed against a real store.
struct OperatorSimulationTests {
    /// Each test gets its own instance, so its own directory.
    let scratch = Scratch()

    /// A few hundred random sequences every CI run; the benchmark runs 10,000 (`--simulate`).
    @Test func randomOperatorsAgainstARealStore() throws {
        var performed: [String: Int] = [:]
        for seed in UInt64(1)...UInt64(200) {
            let scratch = Scratch()
            let simulation = try OperatorSimulation(seed: seed, directory: scratch.url)
            if let failure = simulation.run(steps: 40) {
                Issue.record(Comment(rawValue: failure))
                return
            }
            performed.merge(simulation.performed, uniquingKeysWith: +)
        }
        // The tasks must really reach the store, or the rules above checked nothing.
        for kind in ["add", "edit", "delete", "settings", "order", "cart"] {
            #expect(performed[kind, default: 0] >= 10, "\(kind): \(performed)")
        }
    }

    private func simulation(_ name: String = "account") throws -> OperatorSimulation {
        try OperatorSimulation(seed: 7, directory: scratch.url.appendingPathComponent(name))
    }

    private func names(_ sim: OperatorSimulation) -> [String] { sim.model.data.phones.map(\.name) }

    /// `End d y` once killed the panel: the table indexed the new, shorter list.
    @Test func deletingTheLastPhone() throws {
        let sim = try simulation()
        #expect(names(sim) == ["Recepcja", "Magazyn"])
        sim.send(keys: [.end, .char("d"), .char("y")])
        #expect(sim.check() == nil)
        #expect(names(sim) == ["Recepcja"])
        #expect(sim.model.selectedPhone?.name == "Recepcja")
    }

    @Test func deletingTheOnlyAndTheFirstPhone() throws {
        let sim = try simulation()
        sim.send(keys: [.home, .char("d"), .char("y")])
        #expect(sim.check() == nil)
        #expect(names(sim) == ["Magazyn"])
        sim.send(keys: [.char("d"), .char("y")])
        #expect(sim.check() == nil)
        #expect(names(sim).isEmpty)
        #expect(sim.model.selectedPhone == nil)
        sim.send(keys: [.char("d"), .char("e"), .end, .home])
        #expect(sim.check() == nil)
    }

    @Test func deletingWhileFiltered() throws {
        let sim = try simulation()
        sim.send(keys: [.char("/")] + Array("mag").map(Key.char) + [.enter, .char("d"), .char("y")])
        #expect(sim.check() == nil)
        #expect(names(sim) == ["Recepcja"])
        #expect(sim.model.table.visible.isEmpty)
    }

    /// The confirmation is open when another process deletes the same phone.
    @Test func deletingAPhoneAnotherProcessJustDeleted() throws {
        let sim = try simulation()
        sim.send(keys: [.end, .char("d")])
        let magazyn = try #require(sim.model.data.phones.first { $0.name == "Magazyn" })
        _ = try sim.store.apply(.delete(id: magazyn.id, baseRevision: magazyn.revision))
        sim.send(keys: [.char("y")])
        sim.send(.storeChanged(try sim.store.load()))
        #expect(sim.check() == nil)
        #expect(names(sim) == ["Recepcja"])
    }

    @Test func addingUntilTheTableScrolls() throws {
        let sim = try simulation()
        for i in 0..<30 {
            sim.send(keys: [.char("a")] + Array("t46u").map(Key.char) + [.tab] + Array(String(format: "02aabbcc%04x", i)).map(Key.char)
                     + [.tab] + Array("Desk \(i)").map(Key.char) + [.ctrl("s"), .escape])
            if let failure = sim.check() { Issue.record(Comment(rawValue: failure)); return }
        }
        #expect(sim.model.data.phones.count == 32)
        #expect(sim.model.table.top > 0)
        #expect(sim.model.selectedPhone?.name == "Desk 29")
    }

    /// Every window open in turn, the terminal shrunk to 1×1 and grown back.
    @Test func resizingToOneByOneWithEveryWindowOpen() throws {
        let windows: [[Key]] = [[], [.char("a")], [.char("e")], [.char("d")], [.char("?")], [.char("/")], [.char("s")],
                                [.char("s"), .char("2"), .char("a")], [.char("b")], [.char("b"), .char("c")],
                                [.char("b"), .char("c"), .tab, .enter], [.char("o")]]
        for (i, keys) in windows.enumerated() {
            let sim = try simulation("\(i)")
            sim.send(keys: keys)
            for size in [TermSize(width: 1, height: 1), TermSize(width: 80, height: 24), TermSize(width: 2, height: 30),
                         TermSize(width: 200, height: 3), TermSize(width: 80, height: 24)] {
                sim.send(.resize(size))
                if let failure = sim.check() { Issue.record(Comment(rawValue: "after \(keys): \(failure)")); return }
            }
        }
    }
}

/// Keys typed while a save is on its way act on the list the operator will see, not the old one.
struct TypeAheadTests {
    let scratch = Scratch()

    /// The runtime: the delete's result arrives after the keys typed behind it.
    @Test func keysTypedDuringADeleteActOnTheListWithoutIt() throws {
        let store = try Store.open(directory: scratch.url)
        for i in 0..<4 {
            _ = try store.apply(.add(NewPhone(name: "Desk \(i)", modelID: "yealink-t46u", mac: MACAddress(hex: String(format: "0200000000%02x", i)))))
        }
        let effects = StoreEffects(store: store, gateway: SandboxGateway())
        var model = AppModel(data: try store.load().data, size: TermSize(width: 80, height: 24))
        var pending: [Effect] = []
        for key in [Key.end, .char("d"), .char("y"), .char("d"), .char("y"), .char("d"), .char("y")] {
            pending += update(&model, .key(key))
        }
        // Results come back one by one, each letting the keys behind it run.
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            if let result = effects.perform(effect) { pending += update(&model, result) }
        }
        #expect(model.data.phones.map(\.name) == ["Recepcja", "Magazyn", "Desk 0"])
        #expect(try store.load().data.phones.map(\.name) == ["Recepcja", "Magazyn", "Desk 0"])
        #expect(model.selectedPhone?.name == "Desk 0")
    }

    /// A busy store refused the first delete; the queued `d y` then deleted the next phone and
    /// "Deleted." hid the error. Keys typed for a list with that change are dropped instead.
    @Test func keysTypedBehindAFailedSaveAreDropped() throws {
        var model = AppModel(data: try Store.open(directory: scratch.url).load().data, size: TermSize(width: 80, height: 24))
        var effects: [Effect] = []
        for key in [Key.end, .char("d"), .char("y"), .char("d"), .char("y")] { effects += update(&model, .key(key)) }
        guard case .apply(let change)? = effects.first else { Issue.record("no delete asked"); return }
        let busy = StoreError.locked(path: "/x/.lock", holder: "42")
        #expect(update(&model, .changeFinished(change, .failed(busy))).isEmpty)
        #expect(model.typedAhead.isEmpty)
        #expect(model.status?.text == busy.description)
        #expect(model.navigation.stack.isEmpty)
    }
}
