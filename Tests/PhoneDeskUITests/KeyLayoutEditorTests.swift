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

    @Test func saveAsPresetSendsASettingsChange() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("P"))
        type(&model, "Recepcja")
        let effects = press(&model, .ctrl("s"))
        #expect(effects.contains(.applySettings(.saveKeyPreset(KeyPreset(name: "Recepcja", keys: [PhoneKey(number: 2, type: .blf, value: "102")])))))
    }

    /// Another operator saved the phone meanwhile: the save is refused and says what changed;
    /// the layout typed is kept, and the next Ctrl-S is based on their revision.
    @Test func aStaleSaveKeepsTheLayoutAndSaysWhatChanged() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("d"))
        let change = try #require(saved(press(&model, .ctrl("s"))))
        var theirs = model.data.phones[0]
        theirs.revision = 2
        theirs.keys = [PhoneKey(number: 5, type: .dnd)]
        _ = update(&model, .changeFinished(change, .rejected(.stale(current: theirs, changes: theirs.differences(from: model.data.phones[0], users: model.data.users)))))
        #expect(editor(model)?.layout.keys.isEmpty == true && editor(model)?.base.revision == 2)
        #expect(model.status?.text.contains("keys 1 → 2, sidecars 0 → 0") == true)
        #expect(model.status?.text.hasSuffix("Save again to save yours over it, Esc to keep theirs.") == true)
        #expect(Localizer.tr(model.status.map { $0.text } ?? "", .pl).hasPrefix("Nie zapisano: inny operator zmienił w międzyczasie „Recepcja” (klawisze 1 → 2, moduły 0 → 0)"))
        guard case .update(_, let revision, _)? = saved(press(&model, .ctrl("s"))) else { Issue.record("no second save"); return }
        #expect(revision == 2)
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
