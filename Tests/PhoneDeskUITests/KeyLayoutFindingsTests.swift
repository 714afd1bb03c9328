import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// A tester's findings on key layouts (issue 13, second round): each fails without its fix.
struct KeyLayoutFindingsTests {
    var editor: (AppModel) -> KeyLayoutFeature? = { $0.navigation.open(KeyLayoutFeature.self) }

    func saved(_ effects: [Effect]) -> PhoneChange? {
        effects.compactMap { if case .apply(let change) = $0 { return change }; return nil }.last
    }

    /// `change` saved: the store's plan of it, as the runtime would report.
    func finish(_ model: inout AppModel, _ change: PhoneChange) throws {
        var after = model.data
        let put = try Store.plan(change, document: PhonesDocument(phones: model.data.phones), data: model.data).get().put
        for phone in put { if let index = after.phones.firstIndex(where: { $0.id == phone.id }) { after.phones[index] = phone } }
        _ = update(&model, .changeFinished(change, .saved(ChangeOutcome(data: after, phoneID: put.first?.id))))
    }

    func fits(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for language in Language.allCases {
            let shown = Localizer.tr(text, language)
            #expect(CellWidth.of(shown) <= 80, "\(language): \(shown)", sourceLocation: sourceLocation)
        }
    }

    /// Finding 1: key 2 a speed dial, then BLF turned on in the edit form: the form says the
    /// BLF replaces it before the save, and the status says it did.
    @Test func theEditFormSaysTheBLFReplacesKeyTwo() throws {
        var data = demoData()
        data.phones[0].blfExtension = nil
        data.phones[0].keys = [PhoneKey(number: 2, type: .speedDial, value: "103")]
        var model = makeModel(data)
        press(&model, .char("e"))
        let warning = "! Key 2 is a speed dial (103 Katarzyna Wójcik); a BLF replaces it."
        #expect(!view(model).text.contains("Key 2 is"))
        press(&model, .tab, .char(" "), .tab)
        type(&model, "tomasz")
        press(&model, .enter)
        #expect(model.editForm?.note.contains(warning) == true)
        #expect(view(model).text.contains(warning))
        #expect(Localizer.tr(warning, .pl) == "! Klawisz 2 to szybkie wybieranie (103 Katarzyna Wójcik); BLF go zastąpi.")
        fits(warning)
        let change = try #require(saved(press(&model, .ctrl("s"))))
        try finish(&model, change)
        let status = try #require(model.status?.text)
        #expect(status == "Saved \"Recepcja\": the BLF replaced key 2 (speed dial: 103).")
        #expect(Localizer.tr(status, .pl) == "Zapisano „Recepcja”: BLF zastąpił klawisz 2 (szybkie wyb.: 103).")
        fits(status)
        #expect(model.data.phones[0].blfExtension == "104" && model.data.phones[0].keys == nil)
        // BLF turned off again before saving: no warning.
        model = makeModel(data)
        press(&model, .char("e"), .tab, .char(" "), .char(" "))
        #expect(!view(model).text.contains("Key 2 is"))
    }

    /// Finding 2: a key of type none is kept, listed and drawn in the picture.
    @Test func aNoneKeyIsAddedListedAndDrawn() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("a"), .ctrl("u")); type(&model, "12")
        press(&model, .tab, .enter); type(&model, "none"); press(&model, .enter, .ctrl("s"))
        let open = try #require(editor(model))
        #expect(open.mode == .list && open.layout.key(12) == PhoneKey(number: 12, type: .none))
        let screen = view(model).text
        #expect(screen.contains("phone, page 2") && screen.contains("12 N"))
        // The hint names N, whole at 80 columns in both languages.
        #expect(screen.contains("N none · [ ] move · ? help"))
        model.language = .pl
        #expect(view(model).text.contains("N brak · [ ] przesuń · ? pomoc"))
        model.language = .en
        guard case .update(_, _, let edit)? = saved(press(&model, .ctrl("s"))) else { Issue.record("no save"); return }
        #expect(edit.keys == [PhoneKey(number: 12, type: .none)] && edit.blfExtension == "102")
    }

    /// Finding 3: a viewer opens the key layout read-only; every changing key is refused by
    /// the key table, with the reason, and marked in the bar and the help.
    @Test func aViewerSeesTheKeysButCannotChangeThem() throws {
        var model = makeModel()
        model.run.rights = Rights([.view])
        press(&model, .char("k"))
        let open = try #require(editor(model))
        #expect(view(model).text.contains("Piotr Wiśniewski"))
        for key: Key in [.char("a"), .enter, .char("e"), .char("d"), .delete, .char("["), .char("]"), .char("+"), .char("-"),
                         .char("p"), .char("P"), .ctrl("s"), .function(2)] {
            model.status = nil
            let effects = press(&model, key)
            #expect(effects.isEmpty && model.status?.text == "your role is view: editing needs edit", "\(key)")
            #expect(editor(model)?.layout == open.layout && editor(model)?.mode == .list, "\(key)")
        }
        model.status = nil
        press(&model, .down)
        #expect(model.status == nil)
        let bar = footerItems(model)
        #expect(bar.first { $0.key == .char("a") }?.refused == true && bar.first { $0.key == .escape }?.refused == false)
        press(&model, .function(1))
        let help = render(view(model))
        #expect(help.contains("×a") && help.contains("(needs edit)"))
        press(&model, .escape, .escape)
        #expect(editor(model) == nil)
        // Every key of the list that is not a move or Esc needs edit: a new one must say so.
        for binding in KeyLayoutKeys.list.bindings where ![.up, .down, .close].contains(binding.action) {
            #expect(binding.role == .edit, "\(binding.help)")
        }
        #expect(KeyLayoutKeys.presets.bindings.first { $0.action == .apply }?.role == .edit)
    }

    /// Finding 4: the deletion's status goes once the changes are discarded.
    @Test func discardingSaysSoInsteadOfTheDeletion() throws {
        var model = makeModel()
        press(&model, .char("k"), .char("]"), .char("d"))
        #expect(model.status?.text == "Key 3 deleted; Ctrl-S saves the layout.")
        press(&model, .escape, .char("y"))
        #expect(editor(model) == nil)
        let status = try #require(model.status?.text)
        #expect(status == "Discarded the changes to the keys of \"Recepcja\".")
        #expect(Localizer.tr(status, .pl) == "Porzucono zmiany klawiszy „Recepcja”.")
    }

    /// Finding 5: key 2 changed from BLF to another type: the save's status says the BLF is off.
    @Test func theSaveSaysTheBLFIsOff() throws {
        var model = makeModel()
        press(&model, .char("k"), .enter, .tab, .enter); type(&model, "speed"); press(&model, .enter, .tab)
        press(&model, .ctrl("u")); type(&model, "600"); press(&model, .ctrl("s"))
        let change = try #require(saved(press(&model, .ctrl("s"))))
        try finish(&model, change)
        let status = try #require(model.status?.text)
        #expect(status == "Saved \"Recepcja\": key 2 is now speed dial, so the BLF (102) is off.")
        #expect(Localizer.tr(status, .pl) == "Zapisano „Recepcja”: klawisz 2 to teraz szybkie wyb., więc BLF (102) wyłączony.")
        fits(status)
        // Deleted rather than changed.
        model = makeModel()
        press(&model, .char("k"), .char("d"))
        try finish(&model, try #require(saved(press(&model, .ctrl("s")))))
        #expect(model.status?.text == "Saved \"Recepcja\": key 2 is cleared, so the BLF (102) is off.")
        #expect(Localizer.tr(model.status?.text ?? "", .pl) == "Zapisano „Recepcja”: klawisz 2 wyczyszczony, więc BLF (102) wyłączony.")
    }

    /// Finding 6: a preset some marked phones cannot take is refused before anything is sent,
    /// in Polish too, within the status line; the window lists each phone and the fix.
    @Test func aRefusedPresetOnMarkedPhonesSaysWhoAndHowToFix() throws {
        var data = demoData()
        data.phones.append(Phone(id: 3, name: "Hala", modelID: "grandstream-gxp2170", mac: nil))
        data.account.keyPresets = [KeyPreset(name: "Duży", keys: [PhoneKey(number: 3, type: .dnd)], sidecars: 1)]
        var model = makeModel(data)
        press(&model, .char(" "), .char(" "), .char(" "), .char("k"))
        #expect(saved(press(&model, .enter)) == nil)
        let status = try #require(model.status?.text)
        #expect(status == "Nothing saved: 2 phones cannot take \"Duży\" (listed above).")
        #expect(Localizer.tr(status, .pl) == "Nic nie zapisano: 2 telefony nie przyjmą „Duży” (lista powyżej).")
        fits(status)
        let screen = view(model).text
        #expect(screen.contains("! Phone \"Magazyn\" takes no sidecars.") && screen.contains("! Phone \"Hala\" takes no sidecars."))
        #expect(screen.contains("Unmark those phones (Esc, then Space) or choose another preset."))
        model.language = .pl
        let polish = view(model).text
        #expect(polish.contains("! Telefon „Magazyn” nie przyjmuje modułów.") && polish.contains("Odznacz te telefony (Esc, potem Spacja) albo wybierz inny zestaw."))
        // One phone: it is named with why.
        var one = makeModel(data)
        press(&one, .char(" "), .down, .char(" "), .char("k"), .enter)
        #expect(one.status?.text == "Nothing saved: \"Hala\" cannot take \"Duży\": it takes no sidecars.")
        #expect(Localizer.tr(one.status?.text ?? "", .pl) == "Nic nie zapisano: „Hala” nie przyjmie „Duży”: nie przyjmuje modułów.")
    }

    /// Finding 7: Polish names a key preset "zestaw", never "szablon" (a config template).
    @Test func polishCallsAPresetAZestaw() {
        let presetTexts = Polish.exact.filter { $0.key.lowercased().contains("preset") }.map(\.value)
            + Polish.templates.filter { $0.english.contains { if case .literal(let text) = $0 { return text.lowercased().contains("preset") }; return false } }.map(\.polish)
        #expect(presetTexts.count > 15)
        for text in presetTexts {
            #expect(!text.lowercased().contains("szablon"), "\(text)")
        }
        #expect(Localizer.tr("Preset", .pl) != Localizer.tr("Template", .pl))
    }

    /// Finding 8: Esc in the key editor opened from the edit form goes back to the form, and
    /// the form's key bar shows Ctrl-K.
    @Test func escapeFromTheKeysGoesBackToTheEditForm() throws {
        var model = makeModel()
        press(&model, .char("e"))
        #expect(footerItems(model).contains { $0.key == .ctrl("k") && $0.label == "Keys" })
        press(&model, .ctrl("k"))
        #expect(editor(model) != nil)
        press(&model, .escape)
        #expect(editor(model) == nil && model.editForm?.base.id == 1)
        // After a save too, with the saved phone in the form.
        press(&model, .ctrl("k"), .char("d"))
        try finish(&model, try #require(saved(press(&model, .ctrl("s")))))
        #expect(editor(model) == nil && model.editForm?.base.blfExtension == nil && model.editForm?.base.revision == 2)
        // From the table, Esc still closes to the table.
        model = makeModel()
        press(&model, .char("k"), .escape)
        #expect(editor(model) == nil && model.editForm == nil && model.navigation.stack.isEmpty)
    }
}
