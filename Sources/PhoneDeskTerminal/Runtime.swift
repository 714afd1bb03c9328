import Dispatch
import Foundation
import PhoneDeskCore
import PhoneDeskEffects
import PhoneDeskUI

/// The run loop: keys and effect results become `Msg`s, `update` runs, `view` is drawn.
/// Effects run on a background queue, so saving never blocks typing.
public final class Runtime {
    private let store: Store
    private var model: AppModel
    private let terminal: Terminal
    private let inbox = Inbox()
    private let effects = DispatchQueue(label: "phonedesk.effects")
    /// Re-provisioning runs apart from `effects`: the operator's next save must not wait for
    /// 100,000 phones' files (each chunk takes the store lock only briefly).
    private let reprovisioning = DispatchQueue(label: "phonedesk.reprovision")
    /// Resyncs wait on the network (up to 32 s each), so they run apart from saves, and apart
    /// from each other: a second `r` does not queue behind a first one's timeouts.
    private let resyncing = DispatchQueue(label: "phonedesk.resync", attributes: .concurrent)
    private var signalSources: [DispatchSourceSignal] = []
    /// How often the store is checked for other operators' saves.
    private let pollInterval: TimeInterval = 0.5

    private let storeEffects: StoreEffects

    private let loadTheme: (String) -> (Theme, String?)
    /// False with --no-mouse: the account's setting cannot turn it on.
    private let mouse: Bool

    /// `loadTheme` finds a theme by name (and says what was wrong with its file, if anything).
    public init(store: Store, loaded: Store.Loaded, shop: ShopData, theme: Theme, themeName: String = "default", themes: [String] = ["default"],
                colour: Bool = true, mouse: Bool = true, language: Language = .en, loading: Bool = false, notice: String? = nil,
                gateway: PaymentGateway = SandboxGateway(), rights: Rights = .local,
                loadTheme: @escaping (String) -> (Theme, String?) = { _ in (.builtIn, nil) }) {
        self.loadTheme = loadTheme
        self.mouse = mouse
        self.store = store
        storeEffects = StoreEffects(store: store, gateway: gateway)
        terminal = Terminal(theme: theme, colour: colour)
        model = AppModel(data: loaded.data, readOnly: loaded.readOnly, size: TermSize(width: 80, height: 24))
        // The clock and randomness are read here, once, so update and view stay pure.
        model.shopData = shop
        let now = CivilTime.local(Date())
        model.today = YearMonth(year: now.year, month: now.month)
        model.sessionID = "\(Int(Date().timeIntervalSince1970))-\(UInt32.random(in: 0 ... .max))"
        if let notice { model.status = StatusMessage(.warning, notice) }
        model.themes = themes
        model.language = language
        model.run = RunFacts(dataDirectory: store.directory.path, theme: themeName, rights: rights, isOperator: store.actor != .local)
        model.loading = loading
    }

    /// Runs until quit or a terminating signal; returns the exit status.
    public func run() -> Int32 {
        let status = loop()
        finishEffects()
        if let fatal = model.fatal {
            FileHandle.standardError.write(Data("phonedesk: \(fatal)\n".utf8))
            return 1
        }
        return status
    }

    /// A save, an order or a provisioning rewrite still running is finished before the process
    /// exits (quit or signal alike): leaving mid-way lost a delete the operator had confirmed.
    /// The terminal is already restored; the wait is bounded so a hung store cannot keep the
    /// process alive.
    private func finishEffects() {
        finish(effects, "a save", limit: 60)
        // A re-provisioning left half done would leave phones fetching the old PIN or SIP server
        // until some phonedesk starts again: it is finished too (it is resumable, so the wait is
        // bounded, and whatever is left the next start finishes).
        finish(reprovisioning, "re-provisioning the phones' files", limit: 600)
    }

    private func finish(_ queue: DispatchQueue, _ what: String, limit: Double) {
        let drained = DispatchSemaphore(value: 0)
        queue.async { drained.signal() }
        if drained.wait(timeout: .now() + 0.05) == .success { return }
        FileHandle.standardError.write(Data("phonedesk: finishing \(what) before exiting…\n".utf8))
        if drained.wait(timeout: .now() + limit) == .timedOut {
            FileHandle.standardError.write(Data("phonedesk: \(what) did not finish within \(Int(limit)) s; exiting anyway (the next start finishes it).\n".utf8))
        }
    }

    private func loop() -> Int32 {
        installSignalHandlers()
        terminal.start()
        defer { terminal.stop() }
        terminal.setMouse(mouse && model.data.account.mouse != false)
        model.size = terminal.size
        terminal.draw(view(model))
        // The first screen is up; now read the whole account (if only its start was read), and
        // regenerate provisioning files a killed process left out of date.
        if model.loading { inBackground { $0.reload() } }
        // After that read: two full reads of a large account at once (the check reads the phones
        // and the manifest too) were the panel's peak memory.
        inReprovisioning(afterLoad: model.loading) { effects, progress in effects.recoverProvisioning(progress: progress) }
        let watcher = StoreWatcher(store: store, inbox: inbox)
        var lastPoll = Date()
        while !model.done {
            var dirty = false
            // Everything already typed or pasted is handled before one draw: drawing after
            // every key of a 100 KB paste froze the panel. An endless stream still gets a
            // frame every 100 ms.
            var input = terminal.read()
            let batchStart = DispatchTime.now().uptimeNanoseconds
            while let next = input, !model.done {
                switch next {
                case .key(let key): dirty = dispatch(.key(key)) || dirty
                case .mouse(let event): dirty = dispatch(.mouse(event)) || dirty
                case .resize(let size): dirty = dispatch(.resize(size)) || dirty
                }
                if DispatchTime.now().uptimeNanoseconds - batchStart > 100_000_000 { break }
                input = terminal.readPending()
            }
            let (messages, signal) = inbox.drain()
            if let signal { return 128 + signal }
            for msg in messages { dirty = dispatch(msg) || dirty }
            if Date().timeIntervalSince(lastPoll) >= pollInterval {
                lastPoll = Date()
                watcher.check()
            }
            if dirty { terminal.draw(view(model)) }
        }
        return 0
    }

    /// Runs `update`, then the effects it asked for. Returns true (the screen needs a redraw).
    private func dispatch(_ msg: Msg) -> Bool {
        for effect in update(&model, msg) { perform(effect) }
        return true
    }

    private func perform(_ effect: Effect) {
        if case .reprovision = effect {
            inReprovisioning { effects, progress in effects.reprovision(progress: progress) }
            return
        }
        if StoreEffects.handles(effect) {
            inBackground { $0.perform(effect) }
            return
        }
        switch effect {
        case .editTemplate(let name, let body, let fileExtension):
            // Never for an operator over SSH (update refuses first; this is the second lock).
            guard !model.run.isOperator else { _ = dispatch(.editorFailed(SettingsFeature.operatorEditorRefusal)); return }
            // The editor owns the terminal until it exits; curses is suspended meanwhile.
            terminal.suspend()
            let outcome = ExternalEditor.edit(body, fileExtension: fileExtension)
            terminal.resume()
            // Handled before any key typed ahead of the editor (an Esc once closed the screen
            // waiting for this result, and the edit vanished).
            switch outcome {
            case .success(let edited): _ = dispatch(.templateEdited(name: name, body: edited))
            case .failure(let error): _ = dispatch(.editorFailed(error.message))
            }
        case .useMouse(let on):
            terminal.setMouse(mouse && on)
        case .useTheme(let name):
            let (theme, warning) = loadTheme(name)
            terminal.use(theme)
            if let warning { inbox.post(.editorFailed(warning)) }
        case .copyToClipboard(let text):
            terminal.copyToClipboard(text)
        case .resync(let targets, let server):
            let inbox = self.inbox
            let store = self.store
            resyncing.async {
                _ = SIPResyncer().run(targets, serverSetting: store.currentAccount()?.sipServer ?? server) { report in
                    switch report {
                    case .answered(let target, let outcome): inbox.post(.resyncAnswered(target, outcome))
                    case .ignored: inbox.post(.resyncIgnoredAnswer)
                    case .sent: break
                    }
                }
            }
        case .apply, .applySettings, .completePath, .saveCart, .addAddress, .checkout, .reprovision, .readAudit, .quit:
            break
        }
    }

    /// Runs store work on the effects queue (never on the input path) and posts its message.
    private func inBackground(_ work: @escaping @Sendable (StoreEffects) -> Msg?) {
        let effects = storeEffects, inbox = self.inbox
        self.effects.async { if let msg = work(effects) { inbox.post(msg) } }
    }

    /// Runs a re-provisioning on its own queue; its progress is posted at most ten times a second
    /// (a 100,000-phone pass has 100 chunks) and once at the end.
    private func inReprovisioning(afterLoad: Bool = false, _ work: @escaping @Sendable (StoreEffects, (ReprovisionProgress) -> Void) -> Msg) {
        let effects = storeEffects, inbox = self.inbox, effectsQueue = self.effects
        reprovisioning.async {
            // The effects queue runs the first full read: waiting for it to drain starts this after.
            if afterLoad { effectsQueue.sync {} }
            var posted = Date.distantPast
            let msg = work(effects) { progress in
                guard progress.total > Store.reprovisionChunk else { return }  // a few phones: no progress to show
                let now = Date()
                if now.timeIntervalSince(posted) >= 0.1 || progress.done == progress.total {
                    posted = now
                    inbox.post(.reprovisionProgress(progress))
                }
            }
            inbox.post(msg)
        }
    }

    /// SIGINT/SIGTERM/SIGHUP end the loop normally, so `endwin` restores the terminal.
    private func installSignalHandlers() {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            let inbox = self.inbox
            source.setEventHandler { inbox.signal(number) }
            source.resume()
            signalSources.append(source)
        }
    }
}
