import Foundation
import PhoneDeskCore
import PhoneDeskUI

/// An operator at the running panel: random keys, clicks and resizes — mixed with whole tasks
/// (add a phone, edit, delete, buy, change the PIN) so that real saves happen — go through
/// `update`, and every effect is performed against a real store in a scratch directory, its
/// result fed back as the runtime does. Now and then another process changes the store behind
/// the panel's back. After every step the model must be sound and agree with the files.
public final class OperatorSimulation {
    public let directory: URL
    public let store: Store
    public private(set) var model: AppModel
    private let effects: StoreEffects
    private var rng: SplitMix64
    private let seed: UInt64
    /// Set when another process changed the store and the panel has not been told yet: until
    /// then the model may lag the files.
    private var behind = false
    public private(set) var step = 0
    /// Effects that succeeded against the store, by kind ("add", "edit", "delete", "settings",
    /// "order", "cart"): a simulation whose tasks never reach the store checks nothing.
    public private(set) var performed: [String: Int] = [:]

    /// A new account (the demo one, plus a template) in `directory`, which must not exist yet.
    public init(seed: UInt64, directory: URL) throws {
        self.seed = seed
        self.directory = directory
        rng = SplitMix64(seed: seed)
        store = try Store.open(directory: directory)
        _ = try store.apply(.addTemplate(name: "Base T46U", modelID: "yealink-t46u")).get()
        effects = StoreEffects(store: store, gateway: SandboxGateway(), now: { Date(timeIntervalSince1970: 1_795_000_000) })
        model = AppModel(data: try store.load().data, size: TermSize(width: 80, height: 24))
        model.today = YearMonth(year: 2026, month: 11)
        model.sessionID = "sim-\(seed)"
        model.language = seed % 2 == 0 ? .en : .pl
        // As the runtime does behind the first screen.
        send(effects.recoverProvisioning())
    }

    /// Runs `steps` random steps; returns the first broken rule, or nil.
    public func run(steps: Int) -> String? {
        for _ in 0..<steps {
            if let failure = randomStep() { return failure }
        }
        return nil
    }

    /// One random step: a task, a single input, or another process's change.
    public func randomStep() -> String? {
        switch rng.next() % 100 {
        case 0..<8: send(keys: addPhoneKeys())
        case 8..<13: send(keys: [.escape, .escape, .escape, .home] + Array(repeating: .down, count: pick(6)) + [.char("d"), .char(pick(4) == 0 ? "n" : "y")])
        case 13..<17: send(keys: [.escape, .escape, .escape, .end, .char("d"), .char("y")])
        case 17..<22: send(keys: editKeys())
        case 22..<25: send(keys: buyKeys())
        case 25..<27: send(keys: pinKeys())
        case 27..<30: send(keys: [.escape, .escape, .escape, .char("/")] + Array(filterText()).map(Key.char) + [.enter])
        case 30..<33: otherProcessChanges()
        case 33..<36: send(effects.reload()); behind = false
        default: send(InputFuzzer.message(&rng, size: model.size))
        }
        step += 1
        return check()
    }

    /// Keys one after another, each with its effects performed before the next (as the runtime
    /// does when the operator types slower than a save).
    public func send(keys: [Key]) { for key in keys { send(.key(key)) } }

    public func send(_ msg: Msg) {
        var queue = [msg]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in update(&model, next) {
                if let result = effects.perform(effect) {
                    if let kind = Self.savedKind(result) { performed[kind, default: 0] += 1 }
                    queue.append(result)
                } else {
                    queue.append(contentsOf: terminalResult(effect))
                }
            }
            // Quitting ends one session; the next operator starts on the same files.
            if model.done { model.done = false }
        }
    }

    private static func savedKind(_ result: Msg) -> String? {
        switch result {
        case .changeFinished(.add, .saved): return "add"
        case .changeFinished(.update, .saved): return "edit"
        case .changeFinished(.delete, .saved): return "delete"
        case .settingsFinished(_, .saved): return "settings"
        case .checkoutFinished(_, .saved): return "order"
        case .cartSaved(nil): return "cart"
        default: return nil
        }
    }

    /// What the terminal's effects give back: the editor returns the template with a line added.
    private func terminalResult(_ effect: Effect) -> [Msg] {
        if case .editTemplate(let name, let body, _) = effect {
            return [.templateEdited(name: name, body: body + "# edited \(step)\n")]
        }
        return []
    }

    // MARK: Tasks

    private func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    private func addPhoneKeys() -> [Key] {
        let models = ["t46u", "gxp2170", "d785", "vvx 450", "8851", "x6u"]
        let mac = String(format: "02%010llx", rng.next() & 0xFF_FFFF_FFFF)
        let name = pick(5) == 0 ? "Recepcja" : "Sim \(pick(10_000))"
        return [.escape, .escape, .escape, .char("a")] + Array(models[pick(models.count)]).map(Key.char)
            + [.tab] + Array(mac).map(Key.char) + [.tab] + Array(name).map(Key.char) + [.ctrl("s"), .escape]
    }

    private func editKeys() -> [Key] {
        var keys: [Key] = [.escape, .escape, .escape, .home] + Array(repeating: .down, count: pick(8)) + [.char("e")]
        for _ in 0..<(1 + pick(4)) {
            keys += Array(repeating: .tab, count: pick(5))
            keys.append([.char(" "), .enter, .down, .char("1"), .char("a")][pick(5)])
            keys.append(.enter)
        }
        return keys + [.ctrl("s"), .escape, .escape, .char("y")]
    }

    private func buyKeys() -> [Key] {
        [.escape, .escape, .escape, .char("b"), .right, .enter, .char("c"), .tab, .tab, .tab, .enter, .escape, .escape, .escape]
    }

    private func pinKeys() -> [Key] {
        let pin = String(format: "%06d", pick(1_000_000))
        return [.escape, .escape, .escape, .char("s"), .enter] + Array(pin).map(Key.char) + [.tab] + Array(pin).map(Key.char)
            + [.ctrl("s"), .escape, .escape, .char("y")]
    }

    private func filterText() -> String { ["sim", "recep", "t46", "02:", "anna", "", "zzz"][pick(7)] }

    /// Another panel or a script: deletes, adds or edits a phone straight in the store.
    private func otherProcessChanges() {
        guard let data = try? store.load().data else { return }
        let phones = Array(data.phones)
        let change: PhoneChange
        if !phones.isEmpty, pick(2) == 0 {
            let phone = phones[pick(phones.count)]
            change = .delete(id: phone.id, baseRevision: phone.revision)
        } else if let phone = phones.first, pick(2) == 0 {
            var edit = PhoneEdit(phone)
            edit.name = "Other \(step)"
            change = .update(id: phone.id, baseRevision: phone.revision, edit)
        } else {
            change = .add(NewPhone(name: "Other \(step)", modelID: "yealink-t46u",
                                   mac: MACAddress(hex: String(format: "0a%010llx", rng.next() & 0xFF_FFFF_FFFF))))
        }
        if case .success? = try? store.apply(change) { behind = true }
    }

    // MARK: Rules checked after every step

    /// The first broken rule, or nil.
    public func check() -> String? {
        let table = model.table
        if table.visible.contains(where: { $0 < 0 || $0 >= model.data.phones.count }) {
            return failure("the table shows a row past the end of the phones")
        }
        if !table.visible.isEmpty, !(0..<table.visible.count).contains(table.selected) {
            return failure("selection \(table.selected) outside \(table.visible.count) rows")
        }
        if table.top < 0 || (!table.visible.isEmpty && table.top > table.selected) {
            return failure("scroll top \(table.top) below the selection \(table.selected)")
        }
        if !model.size.isTooSmall, !table.visible.isEmpty, table.selected >= table.top + model.pageSize {
            return failure("selection \(table.selected) scrolled out of view (top \(table.top), page \(model.pageSize))")
        }
        let canvas = view(model)
        if canvas.width != model.size.width || canvas.height != model.size.height {
            return failure("canvas \(canvas.width)×\(canvas.height) for \(model.size)")
        }
        let loaded: AccountData
        do { loaded = try store.load().data } catch { return failure("the store does not load: \(error)") }
        if !behind, loaded != model.data { return failure("the model differs from a fresh load of the files\(difference(loaded))") }
        return provisioningMismatch(loaded).map(failure)
    }

    /// Every phone with a MAC has exactly its current files on disk.
    private func provisioningMismatch(_ data: AccountData) -> String? {
        let root: URL
        do { root = try store.servedDirectory() } catch { return "\(error)" }
        for phone in data.phones {
            for file in ProvisioningRenderer.files(for: phone, in: data) {
                let onDisk = FileManager.default.contents(atPath: root.appendingPathComponent(phone.secret ?? "-").appendingPathComponent(file.name).path)
                if onDisk != Data(file.contents.utf8) {
                    return "phone \(phone.id) \"\(phone.name)\" revision \(phone.revision): \(file.name) "
                        + (onDisk == nil ? "is missing" : "is not what its current revision renders")
                }
            }
        }
        return nil
    }

    private func difference(_ loaded: AccountData) -> String {
        var parts: [String] = []
        if loaded.phones != model.data.phones { parts.append("phones (files \(loaded.phones.count), model \(model.data.phones.count))") }
        if loaded.account != model.data.account { parts.append("account") }
        if loaded.cart != model.data.cart { parts.append("cart") }
        if loaded.orders != model.data.orders { parts.append("orders") }
        if loaded.templates != model.data.templates { parts.append("templates") }
        if loaded.users != model.data.users { parts.append("users") }
        return parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")
    }

    private func failure(_ what: String) -> String { "seed \(seed) step \(step): \(what)" }
}
