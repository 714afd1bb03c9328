import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The key-layout editor (`k`): add, edit, move, delete, sidecars, the limit named, Esc asks
/// before discarding, Ctrl-S is one phone edit; presets for one phone and for marked phones.
struct KeyLayoutEditorTests {
    var editor: (AppModel) -> KeyLayoutFeature? = { $0.navigation.open(KeyLayoutFeature.self) }

    func saved(_ effects: [Effect]) -> PhoneChange? {
        effects.compactMap { if case .apply(let change) = $0 { return change }; return nil }.last
    }

    @Test func kOpensTheSelectedPhonesLayoutWithTheSeedBLFAsKeyTwo() throws {
        var model = makeModel()
        press(&model, .char("k"))
        let open = try #require(editor(model))
        #expect(open.layout.keys == [PhoneKey(number: 2, type: .blf, value: "102")])
        #expect(view(model).text.contains("Piotr Wiśniewski"))
        press(&model, .escape)
        #expect(editor(model) == nil)  // unchanged: Esc closes without asking
    }

    @Test func addAKeyAndSaveIsOnePhoneEdit() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("a"))
        // The next free number (1) is proposed; make it key 3, a speed dial.
        press(&model, .ctrl("u")); type(&model, "3")
        press(&model, .tab, .enter); type(&model, "speed"); press(&model, .enter, .tab)
        type(&model, "+48221234567"); press(&model, .tab); type(&model, "Biuro")
        press(&model, .ctrl("s"))
        let open = try #require(editor(model))
        #expect(open.mode == .list)
        #expect(open.layout.key(3) == PhoneKey(number: 3, type: .speedDial, value: "+48221234567", label: "Biuro"))
        let change = try #require(saved(press(&model, .ctrl("s"))))
        guard case .update(let id, let revision, let edit) = change else { Issue.record("not a phone edit: \(change)"); return }
        #expect(id == 1 && revision == 1 && edit.blfExtension == "102" && edit.keys == [PhoneKey(number: 3, type: .speedDial, value: "+48221234567", label: "Biuro")])
        var after = model.data
        after.phones[0] = try Store.plan(change, document: PhonesDocument(phones: model.data.phones), data: model.data).get().put[0]
        _ = update(&model, .changeFinished(change, .saved(ChangeOutcome(data: after, phoneID: 1))))
        #expect(editor(model) == nil)
        #expect(model.status?.text == "Saved the keys of \"Recepcja\".")
    }

    /// A label on key 2's BLF keeps it the phone's BLF (the table and the edit form show it).
    @Test func aLabelOnKeyTwoKeepsItThePhonesBLF() throws {
        var model = makeModel()
        press(&model, .char("k"), .enter, .tab, .tab, .tab)
        type(&model, "Anna N")
        press(&model, .ctrl("s"))
        let change = try #require(saved(press(&model, .ctrl("s"))))
        guard case .update(_, _, let edit) = change else { Issue.record("not a phone edit: \(change)"); return }
        #expect(edit.blfExtension == "102" && edit.blfLabel == "Anna N" && edit.keys == [])
        let phone = try Store.plan(change, document: PhonesDocument(phones: model.data.phones), data: model.data).get().put[0]
        #expect(phone.blfExtension == "102" && phone.blfLabel == "Anna N" && phone.keys == nil)
    }

    /// Key 2 made a speed dial (or deleted) turns the phone's BLF off, and the editor says so.
    @Test func keyTwoOfAnotherTypeTurnsTheBLFOffAndSaysSo() throws {
        var model = makeModel()
        press(&model, .char("k"), .enter, .tab, .enter); type(&model, "speed"); press(&model, .enter, .tab)
        press(&model, .ctrl("u")); type(&model, "600"); press(&model, .ctrl("s"))
        #expect(model.status?.text == "Key 2 was the phone's BLF: with this layout the BLF is off. Ctrl-S saves it.")
        guard case .update(_, _, let edit)? = saved(press(&model, .ctrl("s"))) else { Issue.record("no save"); return }
        #expect(edit.blfExtension == nil && edit.keys == [PhoneKey(number: 2, type: .speedDial, value: "600")])
        var other = makeModel()
        press(&other, .char("k"), .char("d"))
        #expect(other.status?.text == "Key 2 was the phone's BLF: with this layout the BLF is off. Ctrl-S saves it.")
    }

    @Test func aBadValueOrLabelIsShownOnItsFieldAndNothingIsLost() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("a"), .tab, .tab)
        type(&model, "12a")
        press(&model, .ctrl("s"))
        guard case .editing(let form)? = editor(model)?.mode else { Issue.record("the key form closed"); return }
        #expect(form.form[.value]?.error == "Key 1: BLF watches a user; 12a is not an extension on the account.")
        #expect(form.form.text(.value) == "12a")
        // A speed dial takes a number, not letters.
        press(&model, .backTab, .enter); type(&model, "speed"); press(&model, .enter, .tab, .ctrl("s"))
        guard case .editing(let speed)? = editor(model)?.mode else { Issue.record("the key form closed"); return }
        #expect(speed.form[.value]?.error?.contains("\"12a\" is neither an extension on the account nor a number") == true)
        // A label with control characters cannot even be pasted: the field refuses it whole.
        press(&model, .ctrl("u")); type(&model, "103"); press(&model, .tab)
        _ = update(&model, .key(.paste("Szef\u{1B}[2J")))
        guard case .editing(let pasted)? = editor(model)?.mode else { Issue.record("the key form closed"); return }
        #expect(pasted.form.text(.label) == "" && pasted.form[.label]?.error != nil)
    }

    @Test func moreKeysThanTheModelHoldsNamesTheLimit() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("a"), .ctrl("u")); type(&model, "28")
        press(&model, .ctrl("s"))
        guard case .editing(let form)? = editor(model)?.mode else { Issue.record("key 28 was taken"); return }
        #expect(form.form[.number]?.error == "Yealink T46U holds 27 keys without sidecars (each EXP50 adds 60, at most 3): key 28 is beyond that.")
        // One sidecar later it fits.
        press(&model, .escape, .char("y"), .char("+"), .char("a"), .ctrl("u")); type(&model, "28")
        press(&model, .tab, .enter); type(&model, "dnd"); press(&model, .enter, .ctrl("s"))
        #expect(editor(model)?.layout.key(28)?.type == .dnd && editor(model)?.layout.sidecars == 1)
        #expect(view(model).text.contains("Sidecar 1 of 1 (EXP50) · page 1 of 3"))
        // With every key of a T31P set, `a` says the limit.
        var small = demoData()
        small.phones[0].modelID = "yealink-t31p"
        small.phones[0].keys = [PhoneKey(number: 1, type: .line)]
        model = makeModel(small)
        press(&model, .char("k"), .char("a"))
        #expect(model.status?.text == "Yealink T31P holds 2 keys with 0 sidecars: every one is set.")
    }

    @Test func moveUpAndDownSwapsNumbersAndDeleteRemoves() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("]"))
        #expect(editor(model)?.layout.keys == [PhoneKey(number: 3, type: .blf, value: "102")])
        press(&model, .char("["), .char("["))
        #expect(editor(model)?.layout.keys == [PhoneKey(number: 1, type: .blf, value: "102")])
        press(&model, .char("["))
        #expect(model.status?.text == "Key 1 cannot move: the keys run from 1 to 27.")
        press(&model, .char("d"))
        #expect(editor(model)?.layout.keys.isEmpty == true)
    }

    @Test func escapeAsksBeforeDiscarding() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("d"), .escape)
        #expect(editor(model)?.mode == .discard)
        #expect(view(model).text.contains("y yes · n no"))
        press(&model, .char("n"))
        #expect(editor(model)?.mode == .list && editor(model)?.layout.keys.isEmpty == true)
        press(&model, .escape, .char("y"))
        #expect(editor(model) == nil && model.data.phones[0].blfExtension == "102")
    }

    @Test func aPresetAppliesToThisPhoneAndToMarkedPhones() throws {
        var data = demoData()
        data.account.keyPresets = [KeyPreset(name: "Recepcja", keys: [PhoneKey(number: 2, type: .blf, value: "103"),
                                                                      PhoneKey(number: 3, type: .callPark, value: "700")])]
        var model = makeModel(data)
        press(&model, .char("k"), .char("p"), .enter)
        #expect(editor(model)?.layout.keys.map(\.number) == [2, 3])
        press(&model, .escape, .char("y"))
        // Both phones marked: `k` offers the presets; Enter is one bulk change.
        press(&model, .char(" "), .char(" "), .char("k"))
        #expect(model.modal == "KeyPresetsFeature")
        let change = try #require(saved(press(&model, .enter)))
        guard case .bulk(let bulk) = change, case .edit(let edit, skipUnfit: false) = bulk.action else { Issue.record("\(change)"); return }
        #expect(bulk.phones.count == 2 && edit.layout == data.account.keyPresets?[0].layout)
    }

    /// A preset the model cannot hold is refused, the list of presets closes, and the layout
    /// is as it was.
    @Test func aRefusedPresetClosesTheListAndSaysWhy() throws {
        var data = demoData()
        data.account.keyPresets = [KeyPreset(name: "Duży", keys: [PhoneKey(number: 40, type: .dnd)])]
        var model = makeModel(data)
        press(&model, .char("k"), .char("p"), .enter)
        let open = try #require(editor(model))
        #expect(open.mode == .list && open.layout == open.saved)
        #expect(model.status?.text.hasPrefix("Preset \"Duży\" does not fit; the layout is unchanged. Yealink T46U holds 27 keys") ?? false)
        #expect(Localizer.tr(model.status.map { $0.text } ?? "", .pl).hasPrefix("Zestaw „Duży” nie pasuje; układ bez zmian. Yealink T46U"))
    }

    @Test func saveAsPresetSendsASettingsChange() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("P"))
        type(&model, "Recepcja")
        let effects = press(&model, .ctrl("s"))
        #expect(effects.contains(.applySettings(.saveKeyPreset(KeyPreset(name: "Recepcja", keys: [PhoneKey(number: 2, type: .blf, value: "102")])))))
    }

    /// The tester's case: this operator deleted key 2 while another added key 5. The stale save
    /// brings their key 5 in, keeps the deletion, and the second Ctrl-S never reverts their key.
    @Test func aStaleSaveMergesAndTheSecondSaveKeepsTheirKey() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("d"))
        let change = try #require(saved(press(&model, .ctrl("s"))))
        var theirs = model.data.phones[0]
        theirs.revision = 2
        theirs.keys = [PhoneKey(number: 5, type: .dnd)]
        _ = update(&model, .changeFinished(change, .rejected(.stale(current: theirs, changes: theirs.differences(from: model.data.phones[0], users: model.data.users)))))
        #expect(editor(model)?.layout.keys == [PhoneKey(number: 5, type: .dnd)] && editor(model)?.base.revision == 2)
        #expect(model.status?.text == "Another operator changed this phone's keys meanwhile: see the list.")
        #expect(Localizer.tr(model.status.map { $0.text } ?? "", .pl) == "Inny operator zmienił w międzyczasie klawisze: zobacz listę.")
        guard case .update(_, let revision, let edit)? = saved(press(&model, .ctrl("s"))) else { Issue.record("no second save"); return }
        #expect(revision == 2 && edit.keys == [PhoneKey(number: 5, type: .dnd)] && edit.blfExtension == nil)
    }

    @Test func ctrlKInTheEditFormOpensTheKeys() throws {
        var model = makeModel()
        press(&model, .char("e"), .ctrl("k"))
        #expect(editor(model) != nil && model.editForm == nil)
        model = makeModel()
        press(&model, .char("e"), .tab, .char(" "), .ctrl("k"))
        #expect(editor(model) == nil && model.status?.text.hasPrefix("Save or cancel this form first") == true)
    }
}

/// Another operator saved the phone's keys while this editor was open: their keys come in, ours
/// stay, the keys both changed are named, and the next save is based on their revision.
struct KeyLayoutStaleMergeTests {
    var editor: (AppModel) -> KeyLayoutFeature? = { $0.navigation.open(KeyLayoutFeature.self) }

    /// Adds key `number` as a speed dial to `value` in the open editor.
    func addSpeedDial(_ model: inout AppModel, _ number: String, _ value: String) {
        press(&model, .char("a"), .ctrl("u")); type(&model, number)
        press(&model, .tab, .enter); type(&model, "speed"); press(&model, .enter, .tab)
        type(&model, value)
        press(&model, .ctrl("s"))
    }

    /// Theirs: key 4 added, key 5 a line; ours: keys 3 and 5 speed dials.
    func theirs(_ model: AppModel) -> Phone {
        var phone = model.data.phones[0]
        var layout = phone.layout
        layout.set(PhoneKey(number: 4, type: .callPark, value: "700"))
        layout.set(PhoneKey(number: 5, type: .line))
        phone.setLayout(layout)
        phone.revision += 1
        return phone
    }

    @Test func aStaleSaveMergesTheirKeysAndNamesTheOnesBothChanged() throws {
        var model = makeModel()
        press(&model, .char("k"))
        addSpeedDial(&model, "3", "600")
        addSpeedDial(&model, "5", "555")
        guard case .apply(let change)? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        let current = theirs(model)
        _ = update(&model, .changeFinished(change, .rejected(.stale(current: current, changes: []))))
        let open = try #require(editor(model))
        #expect(open.layout.keys == [PhoneKey(number: 2, type: .blf, value: "102"), PhoneKey(number: 3, type: .speedDial, value: "600"),
                                     PhoneKey(number: 4, type: .callPark, value: "700"), PhoneKey(number: 5, type: .speedDial, value: "555")])
        #expect(open.merged == KeyLayoutFeature.Merge(keys: [5], sidecars: false))
        #expect(model.status?.text == "Another operator changed this phone's keys meanwhile: see the list.")
        let screen = view(model).text
        #expect(screen.contains("! You and another operator changed keys 5: yours are kept."))
        #expect(screen.contains("700"))
        // The next save is based on their revision and keeps their key 4.
        guard case .apply(.update(_, let base, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("no resave"); return }
        #expect(base == current.revision)
        #expect(edit.keys?.contains(PhoneKey(number: 4, type: .callPark, value: "700")) == true)
        #expect(edit.keys?.contains(PhoneKey(number: 5, type: .speedDial, value: "555")) == true)
    }

    /// Their save arrives while editing: it comes in at once, nothing of theirs is lost.
    @Test func theirSaveWhileEditingComesIntoTheList() throws {
        var model = makeModel()
        press(&model, .char("k"))
        addSpeedDial(&model, "3", "600")
        var data = model.data
        data.phones[0].blfExtension = nil  // they turned the BLF (key 2) off
        data.phones[0].revision = 2
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        let open = try #require(editor(model))
        #expect(open.layout.keys == [PhoneKey(number: 3, type: .speedDial, value: "600")])
        #expect(open.base.revision == 2 && open.merged?.keys == [])
        #expect(view(model).text.contains("! Another operator's key changes are in the list; yours are kept."))
        guard case .apply(.update(_, 2, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        #expect(edit.blfExtension == nil && edit.keys == [PhoneKey(number: 3, type: .speedDial, value: "600")])
    }

    /// Every merge message fits the status line and the editor at 80 columns, in both languages.
    @Test func theMergeTextsFitEightyColumns() {
        var feature = KeyLayoutFeature(phone: demoData().phones[0])
        for merge in [KeyLayoutFeature.Merge(keys: [], sidecars: false), .init(keys: [], sidecars: true),
                      .init(keys: [3, 5, 7, 9, 11, 13, 15], sidecars: false), .init(keys: [3, 5, 7, 9, 11, 13, 15], sidecars: true)] {
            feature.merged = merge
            let note = feature.mergeNote ?? ""
            for language in Language.allCases {
                let text = Localizer.tr(note, language)
                #expect(CellWidth.of(text) <= 76, "\(text)")
            }
        }
        for status in ["Another operator changed this phone's keys meanwhile: see the list.",
                       "Another operator changed this phone, not its keys: Ctrl-S saves yours."] {
            for language in Language.allCases { #expect(CellWidth.of(Localizer.tr(status, language)) <= 80, "\(status)") }
        }
    }
}

/// The editor's header lines are whole at 80×24 for every model, in both languages.
struct KeyLayoutHeaderTests {
    @Test func theSummaryFitsEightyColumnsForEveryModel() {
        let inner = KeyLayoutView.rect(TermSize(width: 80, height: 24)).width - DialogSize.chrome
        for model in PhoneCatalog.models {
            var phone = Phone(id: 1, name: "A", modelID: model.id, mac: nil)
            phone.keys = (1...max(1, min(model.lineKeys, 99))).map { PhoneKey(number: $0, type: .dnd) }
            phone.sidecars = model.maxModules == 0 ? nil : model.maxModules
            let feature = KeyLayoutFeature(phone: phone)
            // Keys shown but never written are named (a GXP2170 writes all 48 of its keys).
            if model.id == "grandstream-grp2614" {
                #expect(KeyLayoutView.summary(feature, { $0 }).last == "Grandstream: only keys 2–8 are written (BLF, speed dial, park).")
            }
            if model.id == "grandstream-gxp2170" { #expect(KeyLayoutView.summary(feature, { $0 }).last == "Takes no sidecars (expansion modules).") }
            for language in Language.allCases {
                for line in KeyLayoutView.summary(feature, { Localizer.tr($0, language) }) {
                    #expect(CellWidth.of(line) <= inner, "\(model.id) \(language): \(line)")
                }
            }
        }
    }
}
