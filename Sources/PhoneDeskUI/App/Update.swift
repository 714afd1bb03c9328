import PhoneDeskCore

/// The panel's one state transition. Pure: no files, clock or terminal; work goes out as effects.
/// The app only routes: keys to the feature on top, effect results to the feature waiting for
/// them, and what features ask for (`AppCommand`) into shared state and effects.
public func update(_ model: inout AppModel, _ msg: Msg) -> [Effect] {
    switch msg {
    case .resize(let size):
        model.size = size
        model.table.scroll(pageSize: model.pageSize)
        return []
    case .key(let key):
        return handleKey(&model, key)
    case .mouse(let event):
        return handleMouse(&model, event)
    case .storeChanged(let loaded):
        model.loading = false
        // The files read again: a complaint about them is over (it once stayed after the fix).
        if let complaint = model.storeComplaint, model.status?.text == complaint { model.status = nil }
        model.storeComplaint = nil
        guard loaded.data != model.data || loaded.readOnly != model.readOnly else { return [] }
        model.replaceData(loaded.data)
        model.readOnly = loaded.readOnly
        return broadcast(&model, msg)
    case .storeFailed(let error):
        if model.loading {
            // The account could not be read whole: stop, as a damaged file at start does.
            model.fatal = error.description
            model.done = true
            return [.quit]
        }
        model.status = StatusMessage(.error, error.description)
        model.storeComplaint = error.description
        return []
    case .changeFinished(let change, let result):
        if model.saving == change { model.saving = nil }
        if case .saved(let outcome) = result {
            // The files before the save are only known now, from the data about to be replaced.
            if let saved = PhoneFilesChange.saved(change, outcome, previous: model.data) { model.lastSaves[saved.id] = saved.change }
            model.replaceData(outcome.data, select: outcome.phoneID)
        }
        var effects = route(&model, msg)
        // The keys typed meanwhile, now that the list they were meant for is here — unless the
        // save did not happen: they were meant for a list without that change, and running them
        // would repeat it and hide the error (a busy store turned `d y d y d y` into two deletes).
        if case .saved = result {} else { model.typedAhead.removeAll() }
        while model.saving == nil, !model.typedAhead.isEmpty {
            effects += handleKey(&model, model.typedAhead.removeFirst())
        }
        return effects
    case .settingsFinished(_, let result):
        var effects: [Effect] = []
        if case .saved(let outcome) = result {
            let before = model.data.account, after = outcome.data.account
            if after.theme != before.theme, let theme = after.theme {
                effects.append(.useTheme(theme))
                model.run.theme = theme
            }
            if after.mouse != before.mouse { effects.append(.useMouse(after.mouse != false)) }
            model.replaceData(outcome.data)
            if outcome.regenerating { effects.append(.reprovision) }
        }
        return effects + route(&model, msg)
    case .addressAdded(_, let result):
        if case .saved(let data) = result { model.replaceData(data) }
        return route(&model, msg)
    case .checkoutFinished(_, let result):
        if case .saved(let outcome) = result { model.replaceData(outcome.data) }
        return route(&model, msg)
    case .pathCompleted, .templateEdited, .auditRead:
        return route(&model, msg)
    case .editorFailed(let message):
        model.status = StatusMessage(.error, message)
        return []
    case .cartSaved(let error):
        if let error { model.status = StatusMessage(.error, "The cart was not saved: \(error.description)") }
        return []
    case .migratedToPhoneURLs(let legacyOpen):
        model.status = StatusMessage(.warning, legacyOpen
            ? "Every phone has its own URL now; the old account URL moves each phone to its own until `phonedesk settings set legacy-url off`."
            : "Every phone has its own URL now (c on the table shows it).")
        return []
    case .provisioningRecovered(let regenerated, let removed, let error):
        if let error {
            model.status = StatusMessage(.warning, "Provisioning files were not checked: \(error.description)")
        } else if regenerated > 0 || removed > 0 {
            let what = regenerated > 0 ? "Regenerated provisioning files of \(Plural.count(regenerated, "phone", "phones"))"
                : "Removed provisioning files of \(Plural.count(removed, "deleted phone", "deleted phones"))"
            model.status = StatusMessage(.warning, what + " after an interrupted save.")
        }
        return []
    case .reprovisionProgress(let progress):
        model.reprovisioning = progress
        // The save's own message gives way to the progress.
        if model.status?.kind == .info { model.status = nil }
        return []
    case .reprovisioned(let regenerated, let error):
        model.reprovisioning = nil
        model.status = error.map { StatusMessage(.warning, "Saved, but provisioning files were not all written: \($0.description)") }
            ?? StatusMessage(.success, "Provisioning files of \(Plural.count(regenerated, "phone", "phones")) updated.")
        return []
    case .resyncAnswered(let target, let outcome):
        model.status = resyncStatus(&model, target, outcome)
        return []
    case .resyncIgnoredAnswer:
        model.resync?.ignored += 1
        return []
    case .rightsChanged(let rights):
        guard let rights else {
            // Removed: nothing more may be seen or done as them; the panel stops and says why.
            model.fatal = "An admin removed you from this account; the panel has closed."
            model.done = true
            return [.quit]
        }
        guard rights != model.run.rights else { return [] }
        let lost = OperatorRole.allCases.contains { model.run.rights.allows($0) && !rights.allows($0) }
        model.run.rights = rights
        // A role taken away closes what is open (a form that can no longer be saved, secrets
        // shown in the inspector); one given only changes what the keys allow.
        if lost { model.navigation.stack.removeAll() }
        model.status = StatusMessage(.warning, "An admin changed your roles: they are now \(rights.names).")
        return []
    case .fetchesRead(let fetches, let problem):
        model.fetches = fetches
        model.table.setFetchWords(fetches.mapValues(\.word), phones: model.data.phones)
        if let problem, problem != model.fetchComplaint { model.status = StatusMessage(.warning, problem) }
        model.fetchComplaint = problem
        return []
    }
}

/// `Resync "Biuro 12": 200 OK`; in a bulk resync with the count ("… · 3 of 5 answered") and, after the
/// last answer, how many said 200 OK.
private func resyncStatus(_ model: inout AppModel, _ target: ResyncTarget, _ outcome: ResyncOutcome) -> StatusMessage {
    let line = "Resync \"\(target.name)\": \(outcome.text)"
    let kind: StatusMessage.Kind = outcome.isOK ? .success : .warning
    guard var tally = model.resync else { return StatusMessage(kind, line) }
    tally.answered += 1
    if outcome.isOK { tally.ok += 1 } else { tally.notOK.append("\(target.name) (\(outcome.word))") }
    model.resync = tally.answered >= tally.sent ? nil : tally
    // Stray datagrams are told once, with the last answer.
    let done = tally.answered >= tally.sent
    let ignored = !done || tally.ignored == 0 ? "" : " · " + (tally.ignored == 1 ? "1 stray answer ignored" : "\(tally.ignored) stray answers ignored")
    guard tally.sent > 1 else { return StatusMessage(ignored.isEmpty ? kind : .warning, line + ignored) }
    if !done { return StatusMessage(kind, "\(line) · \(tally.answered) of \(tally.sent) answered") }
    if tally.ok == tally.sent && ignored.isEmpty { return StatusMessage(.success, "Resync: all \(tally.sent) phones said 200 OK") }
    // Three names fit a status line; the rest are counted.
    let named = tally.notOK.prefix(3).joined(separator: ", ") + (tally.notOK.count > 3 ? " and \(tally.notOK.count - 3) more" : "")
    let not = tally.notOK.isEmpty ? "" : " · not: " + named
    return StatusMessage(.warning, "Resync: \(tally.ok) of \(tally.sent) said 200 OK\(not)\(ignored)")
}

private func handleKey(_ model: inout AppModel, _ key: Key) -> [Effect] {
    if model.saving != nil {
        // Every key waits for the save, help and quit too: they act on what the save leaves (F10
        // typed after Ctrl-S once asked about a form that was being saved). A second Ctrl-C or
        // F10 quits at once; the runtime still lets the save finish before it exits.
        let quitKeys: [Key] = [.ctrl("c"), .function(10)]
        if quitKeys.contains(key), model.typedAhead.contains(where: quitKeys.contains) {
            return perform(&model, [.quitNow], from: nil)
        }
        if model.typedAhead.count < AppModel.typeAheadLimit { model.typedAhead.append(key) }
        return []
    }
    if model.size.isTooSmall, !(model.navigation.top is QuitQuestion) {
        // Only leaving makes sense until the terminal grows back.
        return GlobalKeys.table.action(for: key) == .quit ? perform(&model, [.quit], from: nil) : []
    }
    // The one rights check: a key whose table row needs a role the operator lacks is refused here.
    if let needed = model.navigation.top.keys(model.context).roles[key], let refusal = model.run.rights.refusal(needed) {
        model.status = StatusMessage(.error, refusal)
        return []
    }
    return withTop(&model, .key(key))
}

/// What the operator did to the feature on top.
enum FocusInput {
    case key(Key)
    case click(x: Int, y: Int)
    case wheel(up: Bool)
}

extension Feature {
    mutating func handle(_ input: FocusInput, _ context: Context) -> [AppCommand] {
        switch input {
        case .key(let key): return handleKey(key, context)
        case .click(let x, let y): return handleClick(x: x, y: y, context)
        case .wheel(let up): return handleWheel(up: up, context)
        }
    }
}

/// Gives the input to the feature on top and carries out what it asked. The table is mutated
/// where it lives, never through a copy: its filter index of a large account is not copied
/// per keystroke.
func withTop(_ model: inout AppModel, _ input: FocusInput) -> [Effect] {
    let context = model.context
    guard let index = model.navigation.stack.indices.last else {
        return perform(&model, model.navigation.root.handle(input, context), from: nil)
    }
    return perform(&model, model.navigation.stack[index].handle(input, context), from: index)
}

/// An effect's result goes to the topmost feature that waits for it.
private func route(_ model: inout AppModel, _ msg: Msg) -> [Effect] {
    let context = model.context
    for index in model.navigation.stack.indices.reversed() {
        if let commands = model.navigation.stack[index].handleResult(msg, context) {
            return perform(&model, commands, from: index)
        }
    }
    if let commands = model.navigation.root.handleResult(msg, context) { return perform(&model, commands, from: nil) }
    // The feature that asked was closed before the result came: the status line still tells.
    model.status = unclaimedStatus(msg, model.data) ?? model.status
    return []
}

/// What the status line says about a result no open feature took.
private func unclaimedStatus(_ msg: Msg, _ data: AccountData) -> StatusMessage? {
    switch msg {
    case .settingsFinished(let change, let result): return SettingsFeature.status(after: change, result, data)
    case .checkoutFinished(_, .saved(let outcome)): return CheckoutFeature.placed(outcome.order)
    case .addressAdded(_, .saved): return CheckoutFeature.addressSaved
    case .checkoutFinished(_, .rejected(let rejection)), .addressAdded(_, .rejected(let rejection)):
        return StatusMessage(.error, rejection.message)
    case .checkoutFinished(_, .failed(let error)), .addressAdded(_, .failed(let error)):
        return StatusMessage(.error, error.description)
    default: return nil
    }
}

/// Store news goes to every open feature, top first.
private func broadcast(_ model: inout AppModel, _ msg: Msg) -> [Effect] {
    var effects: [Effect] = []
    for index in model.navigation.stack.indices.reversed() where index < model.navigation.stack.count {
        let context = model.context
        if let commands = model.navigation.stack[index].handleResult(msg, context) {
            effects += perform(&model, commands, from: index)
        }
    }
    let context = model.context
    effects += perform(&model, model.navigation.root.handleResult(msg, context) ?? [], from: nil)
    return effects
}

/// Carries out what the feature at `index` (nil: the phones table) asked for.
func perform(_ model: inout AppModel, _ commands: [AppCommand], from index: Int?) -> [Effect] {
    var effects: [Effect] = []
    var asking = index
    for command in commands {
        switch command {
        case .perform(let effect):
            if case .resync(let targets, _) = effect {
                // One resync at a time: a second queue would double the pace (10 a second) and
                // send phones still waiting for an answer a second NOTIFY (a Yealink on its
                // defaults reboots on each).
                if let running = model.resync {
                    model.status = StatusMessage(.warning, "A resync is still running (\(running.answered) of \(running.sent) answered): press r again when it has finished.")
                    continue
                }
                model.resync = ResyncTally(sent: targets.count)
            }
            effects.append(effect)
        case .status(let message): model.status = message
        case .setCart(let lines):
            model.setCart(lines)
            effects.append(.saveCart(lines))
        case .savePhone(let change):
            model.saving = change
            effects.append(.apply(change))
        case .open(let feature): model.navigation.stack.append(feature)
        case .close:
            if let at = asking, model.navigation.stack.indices.contains(at) { model.navigation.stack.remove(at: at) }
            asking = nil
        case .replace(let feature):
            if let at = asking, model.navigation.stack.indices.contains(at) { model.navigation.stack[at] = feature }
            else { model.navigation.stack.append(feature) }
        case .help:
            model.navigation.stack.append(HelpFeature(focus: model.navigation.top.keys(model.context).marked(for: model.run.rights)))
        case .quit:
            if model.hasUnsavedEdits {
                model.navigation.stack.append(QuitQuestion())
            } else {
                model.done = true
                effects.append(.quit)
            }
        case .quitNow:
            model.done = true
            effects.append(.quit)
        case .checkoutOpened: model.checkoutsOpened += 1
        case .rememberCheckout(let choice): model.remember(choice)
        }
    }
    return effects
}
