import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// Opens Add phone and fills Model (typed filter, Enter), MAC and Name with keys.
func fillAddForm(_ model: inout AppModel, model filter: String, mac: String, name: String) {
    press(&model, .char("a"))
    type(&model, filter)
    press(&model, .enter, .tab)
    type(&model, mac)
    press(&model, .tab)
    type(&model, name)
}

struct AddPhoneTests {
    @Test func addsAPhoneWithKeysOnly() {
        var model = makeModel()
        fillAddForm(&model, model: "yea t46", mac: "00-1A-4D-5C-25-8D", name: "Biuro Łódź")
        let effects = press(&model, .ctrl("s"))
        #expect(effects == [.apply(.add(NewPhone(name: "Biuro Łódź", modelID: "yealink-t46u",
                                                  mac: MACAddress(hex: "001a4d5c258d"))))])
        #expect(model.saving != nil)
        #expect(view(model).text.contains("Saving…"))
    }

    @Test func aWrongMACIsExplainedUnderTheFieldAndKept() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "00:1a:4d:5c:25")
        press(&model, .tab)
        #expect(model.addForm?.form[.mac]?.error == "A MAC has 6 groups separated by ':'; this one has 5.")
        #expect(model.addForm?.form.text(.mac) == "00:1a:4d:5c:25")
        // Submitting does not send anything and lands on the first wrong field.
        #expect(press(&model, .ctrl("s")).isEmpty)
        #expect(model.addForm?.form.focusedField?.id == .model)
        #expect(model.addForm?.form[.model]?.error == "Choose the phone's model.")
    }

    @Test func aDuplicateMACNamesThePhoneThatHasIt() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "805ec0112233")
        press(&model, .tab)
        #expect(model.addForm?.form[.mac]?.error == "80:5e:c0:11:22:33 is already on the account: phone \"Recepcja\".")
    }

    @Test func aForeignVendorPrefixWarnsButAllows() {
        var model = makeModel()
        fillAddForm(&model, model: "t46u", mac: "00:0b:82:01:02:03", name: "Hall")
        #expect(model.addForm?.form[.mac]?.warning?.contains("Grandstream") == true)
        #expect(press(&model, .ctrl("s")).count == 1)
    }

    @Test func afterSubmitTheProvisioningURLIsShown() {
        var model = makeModel()
        press(&model, .char("a"))
        let new = NewPhone(name: "Biuro", modelID: "yealink-t46u", mac: MACAddress(hex: "001a4d5c258d"))
        var data = model.data
        data.phones.append(Phone(id: 3, name: "Biuro", modelID: "yealink-t46u", mac: new.mac, secret: String(repeating: "c", count: 32)))
        _ = update(&model, .changeFinished(.add(new), .saved(ChangeOutcome(data: data, phoneID: 3))))
        let url = "https://provisioning.phonedesk.example/\(String(repeating: "c", count: 32))/"
        #expect(model.addedNotice?.phone.name == "Biuro" && model.addedNotice?.url(model.data) == url)
        #expect(model.selectedPhone?.id == 3)
        #expect(press(&model, .char("c")) == [.copyToClipboard(url)])
        press(&model, .escape)
        #expect(model.modal == nil)
    }

    @Test func aRejectedAddKeepsTheFormAndShowsWhy() {
        var model = makeModel()
        fillAddForm(&model, model: "t46u", mac: "001a4d5c258d", name: "Biuro")
        let effects = press(&model, .ctrl("s"))
        guard case .apply(let change)? = effects.first else { Issue.record("no save"); return }
        _ = update(&model, .changeFinished(change, .rejected(.invalid([.mac: "00:1a:4d:5c:25:8d is already on the account: phone \"Other\"."]))))
        #expect(model.addForm?.form[.mac]?.error?.contains("Other") == true)
        #expect(model.addForm?.form.text(.name) == "Biuro")
        #expect(model.saving == nil)
    }

    @Test func aLockedStoreKeepsTheForm() {
        var model = makeModel()
        fillAddForm(&model, model: "t46u", mac: "001a4d5c258d", name: "Biuro")
        guard case .apply(let change)? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        _ = update(&model, .changeFinished(change, .failed(.locked(path: "/d/.lock", holder: "77"))))
        #expect(model.status?.text.contains("locked (held by process 77)") == true)
        #expect(model.addForm?.form.text(.name) == "Biuro")
    }

    @Test func escOnAChangedFormAsksBeforeDiscarding() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "00")
        press(&model, .escape)
        #expect(model.addForm?.form.confirmingDiscard == true)
        press(&model, .char("n"))
        #expect(model.addForm?.form.text(.mac) == "00")
        press(&model, .escape, .char("y"))
        #expect(model.modal == nil)
        // An untouched form closes at once.
        press(&model, .char("a"), .escape)
        #expect(model.modal == nil)
    }

    @Test func quitWithUnsavedEditsAsksFirst() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "q")  // q is typed text in a text field
        #expect(model.addForm?.form.text(.mac) == "q")
        #expect(press(&model, .ctrl("c")).isEmpty)
        #expect(model.confirmingQuit)
        press(&model, .char("n"))
        #expect(!model.done && model.modal != nil)
        press(&model, .function(10))
        #expect(press(&model, .char("y")) == [.quit])
    }

    @Test func tabCyclesThroughFieldsAndButtons() {
        var model = makeModel()
        press(&model, .char("a"))
        var order: [AddPhoneForm.Field?] = []
        for _ in 0..<5 {
            order.append(model.addForm?.form.focusedField?.id)
            press(&model, .tab)
        }
        order.append(model.addForm?.form.focusedField?.id)
        #expect(order == [.model, .mac, .name, .submit, .cancel, .model])
        press(&model, .backTab)
        #expect(model.addForm?.form.focusedField?.id == .cancel)
        press(&model, .enter)
        #expect(model.modal == nil)
    }

    @Test func dropdownEscClosesWithoutChange() {
        var model = makeModel()
        press(&model, .char("a"))
        type(&model, "snom")
        press(&model, .down, .escape)
        #expect(model.addForm?.form.choice(.model) == nil)
        #expect(model.modal != nil)
        press(&model, .enter)  // opens the list
        press(&model, .end, .enter)
        #expect(model.addForm?.form.choice(.model) == PhoneCatalog.models.last?.id)
    }
}

struct EditPhoneTests {
    @Test func assignsAUserWithBLF() {
        var data = demoData()
        data.phones.append(Phone(id: 3, name: "Biuro Łódź", modelID: "yealink-t46u", mac: MACAddress(hex: "001a4d5c258d")))
        var model = makeModel(data)
        press(&model, .end, .char("e"))
        #expect(model.editForm?.form[.blfUser]?.disabledReason == "turn BLF on to choose")
        type(&model, "piotr")
        press(&model, .enter, .tab, .char(" "), .tab)
        type(&model, "anna")
        press(&model, .enter)
        let effects = press(&model, .ctrl("s"))
        let edit = PhoneEdit(name: "Biuro Łódź", mac: MACAddress(hex: "001a4d5c258d"), userExtension: "102",
                             blfExtension: "101", background: nil, template: nil)
        #expect(effects == [.apply(.update(id: 3, baseRevision: 1, edit))])
    }

    @Test func theOwnUserIsNotOfferedForBLF() {
        var model = makeModel()
        press(&model, .char("e"))
        guard case .dropdown(let blfUsers)? = model.editForm?.form[.blfUser]?.kind else { Issue.record(); return }
        #expect(!blfUsers.options.contains { $0.value == "101" })
        #expect(blfUsers.selectedValue == "102")
    }

    @Test func choosingTheMonitoredUserAsOwnerClearsTheBLFChoice() {
        var model = makeModel()
        press(&model, .char("e"))
        type(&model, "piotr")
        press(&model, .enter)
        #expect(model.editForm?.form.choice(.blfUser) == nil)
        #expect(press(&model, .ctrl("s")).isEmpty)
        #expect(model.editForm?.form[.blfUser]?.error == "Choose the user whose line this BLF key shows.")
    }

    /// Key 2's BLF with its own label: the form shows the BLF on, says the label is there, keeps
    /// it while the BLF user stays, and drops it with another BLF user.
    @Test func aLabelledKeyTwoBLFIsTheFormsBLF() {
        var data = demoData()
        data.phones[0].blfLabel = "Anna N"
        var model = makeModel(data)
        #expect(view(model).text.contains("102"))
        press(&model, .char("e"))
        #expect(model.editForm?.form.isChecked(.blf) == true && model.editForm?.form.choice(.blfUser) == "102")
        #expect(model.editForm?.note.contains("BLF key 2 label \"Anna N\": BLF off or another user drops it") == true)
        press(&model, .up, .up)
        type(&model, "x")
        guard case .apply(.update(_, _, let kept))? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        #expect(kept.blfExtension == "102" && kept.blfLabel == "Anna N")
        var other = makeModel(data)
        press(&other, .char("e"), .tab, .tab)
        type(&other, "katarzyna")
        press(&other, .enter)
        guard case .apply(.update(_, _, let dropped))? = press(&other, .ctrl("s")).first else { Issue.record("no save"); return }
        #expect(dropped.blfExtension == "103" && dropped.blfLabel == nil)
    }

    @Test func unsupportedFieldsAreDisabledAndSkipped() {
        var data = demoData()
        data.phones = [Phone(id: 1, name: "Sala", modelID: "yealink-cp965", mac: MACAddress(hex: "805ec0000001"))]
        var model = makeModel(data)
        press(&model, .enter)
        let form = model.editForm!.form
        #expect(form[.blf]?.disabledReason == "Yealink CP965 has no line keys for BLF")
        press(&model, .tab)
        #expect(model.editForm?.form.focusedField?.id == .submit)
    }

    /// A stale save: what the other operator changed comes into the fields this operator did not
    /// touch, the form says what it was, and the next Submit saves both (based on their revision).
    /// The edit form saves user 103 for the first phone, and the store answers stale: the other
    /// operator's copy is the phone as `theirs` makes it, at revision 2.
    func staleSave(_ theirs: (inout Phone) -> Void = { _ in }) -> AppModel {
        var model = makeModel()
        press(&model, .char("e"))
        type(&model, "katarzyna")
        press(&model, .enter)
        guard case .apply(let change)? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return model }
        var phone = model.data.phones[0]
        theirs(&phone)
        phone.revision = 2
        _ = update(&model, .changeFinished(change, .rejected(.stale(current: phone, changes: []))))
        return model
    }

    @Test func aStaleSaveTakesTheirChangeIntoTheFormAndKeepsMine() {
        var model = staleSave { $0.userExtension = "104"; $0.blfExtension = nil }
        #expect(model.status?.text.contains("another operator changed \"Recepcja\" meanwhile: see the form") == true)
        #expect(model.editForm?.note.joined().contains("BLF 102 Piotr Wiśniewski → none") == true)
        #expect(model.editForm?.form.choice(.user) == "103")  // mine
        #expect(model.editForm?.form.isChecked(.blf) == false)  // theirs
        guard case .apply(.update(_, let base, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("no resave"); return }
        #expect(base == 2)
        #expect(edit.userExtension == "103" && edit.blfExtension == nil)
    }

    /// "Not saved: … see the form" is about the form: discarded, the form and the line go.
    @Test func aStaleNoteGoesWithTheDiscardedForm() {
        var model = staleSave()
        #expect(model.status?.text.contains("see the form") == true)
        press(&model, .escape, .char("y"))
        #expect(model.editForm == nil && model.status == nil)
    }

    /// The BLF is one value, checkbox and user: choosing another BLF user here while another
    /// operator turned the BLF off (key 2 made a speed dial) keeps this operator's BLF whole,
    /// and their change is named by key, not "keys 4 → 4".
    @Test func aChangedBLFUserSurvivesTheirBLFTurnedOff() {
        var model = makeModel()
        press(&model, .char("e"), .down, .down)
        #expect(model.editForm?.form.focusedField?.id == .blfUser)
        type(&model, "tomasz")
        press(&model, .enter)
        #expect(model.editForm?.form.choice(.blfUser) == "104")
        guard case .apply(let change)? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        var theirs = model.data.phones[0]
        var layout = theirs.layout
        layout.set(PhoneKey(number: 2, type: .speedDial, value: "555", label: "SD"))
        theirs.setLayout(layout)
        theirs.revision = 2
        _ = update(&model, .changeFinished(change, .rejected(.stale(current: theirs, changes: []))))
        #expect(model.editForm?.form.isChecked(.blf) == true && model.editForm?.form.choice(.blfUser) == "104")
        let note = model.editForm?.note.joined() ?? ""
        #expect(note.contains("BLF 102 Piotr Wiśniewski → none; key 2") && !note.contains("keys 4 → 4"), "\(note)")
        // The note fits the form at 80×24: the buttons stay below every field.
        expectGolden("dialog-edit-stale-80x24", view(model))
        guard case .apply(.update(_, let base, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("no resave"); return }
        #expect(base == 2 && edit.blfExtension == "104")
    }

    /// The tester's case: only the name changed here while another operator cleared the user and
    /// BLF; saving must not bring their old values back.
    @Test func anotherOperatorsChangeWhileEditingComesIntoTheForm() {
        var model = makeModel()
        press(&model, .char("e"))
        press(&model, .up, .up)
        #expect(model.editForm?.form.focusedField?.id == .name)
        press(&model, .ctrl("u"))
        type(&model, "Panel two")
        var data = model.data
        data.phones[0].blfExtension = nil
        data.phones[0].userExtension = nil
        data.phones[0].revision = 2
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        #expect(model.status?.text.contains("Another operator changed \"Recepcja\" meanwhile: see the form") == true)
        #expect(model.editForm?.note.joined().contains("BLF 102 Piotr Wiśniewski → none") == true)
        guard case .apply(.update(_, let base, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        #expect(base == 2)
        #expect(edit.name == "Panel two" && edit.userExtension == nil && edit.blfExtension == nil)
    }

    /// Renamed by another operator while the form is open: the title follows the new name.
    @Test func theTitleFollowsTheirRename() {
        var model = makeModel()
        press(&model, .char("e"))
        var data = model.data
        data.phones[0].name = "Recepcja 2"
        data.phones[0].revision = 2
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        #expect(model.editForm?.form.title == "Edit phone — Recepcja 2")
    }

    @Test func savedEditClosesTheForm() {
        var model = makeModel()
        press(&model, .char("e"))
        let effects = press(&model, .ctrl("s"))
        guard case .apply(let change)? = effects.first else { Issue.record("no save"); return }
        _ = update(&model, .changeFinished(change, .saved(ChangeOutcome(data: model.data, phoneID: 1))))
        #expect(model.modal == nil)
        #expect(model.status == StatusMessage(.success, "Saved \"Recepcja\"."))
    }
}

struct AwaitingDeliveryTests {
    @Test func theMACIsEnteredInEditWhenTheBoxArrives() {
        var data = demoData()
        data.phones.append(Phone(id: 3, name: "Yealink T46U #1", modelID: "yealink-t46u", mac: nil))
        var model = makeModel(data)
        press(&model, .end, .char("e"))
        #expect(model.editForm?.form.focusedField?.id == .mac)
        type(&model, "00:1a:4d:5c:25")
        #expect(press(&model, .ctrl("s")).isEmpty)
        #expect(model.editForm?.form[.mac]?.error?.contains("6 groups") == true)
        press(&model, .ctrl("u"))
        type(&model, "805ec0112233")
        #expect(press(&model, .ctrl("s")).isEmpty)  // Recepcja has it
        #expect(model.editForm?.form[.mac]?.error?.contains("Recepcja") == true)
        press(&model, .ctrl("u"))
        type(&model, "80-5E-C0-00-00-07")
        guard case .apply(.update(3, 1, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("not saved"); return }
        #expect(edit.mac == MACAddress(hex: "805ec0000007"))
    }

    /// A form's lookups of a field it lacks read as empty and change nothing.
    @Test func aFieldTheFormLacksReadsAsEmptyAndTakesNoChange() {
        var form = Form<EditPhoneForm.Field>(title: "Edit", fields: [FormField(id: .name, label: "Name", kind: .text(TextInput("Sala")))],
                                             submitButton: .submit, cancelButton: .cancel)
        #expect(form[.mac] == nil)
        #expect(form.text(.mac) == "" && form.choice(.mac) == nil && !form.isChecked(.mac))
        let before = form
        form[.mac]?.error = "never shown"
        form.setText("00:11:22:33:44:55", of: .mac)
        form.focus(on: .mac)
        #expect(form == before)
    }

    /// A phone in use shows its MAC; submitting it unchanged saves without a question.
    @Test func anUnchangedMACSavesWithoutAsking() {
        var model = makeModel()
        press(&model, .char("e"))
        #expect(model.editForm?.form.text(.mac) == "80:5e:c0:11:22:33")
        guard case .apply(.update(1, _, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("not saved"); return }
        #expect(edit.mac == model.data.phones[0].mac)
        #expect(model.editForm?.replacing == nil)
    }
}

/// The parts of `Form` every form shares, on a form of its own.
struct GenericFormTests {
    enum Field: Hashable, Sendable { case note, ok, back }

    func form() -> Form<Field> {
        Form(title: "Note", fields: [
            FormField(id: .note, label: "Note", kind: .text(TextInput())),
            FormField(id: .ok, label: "OK", kind: .button),
            FormField(id: .back, label: "Back", kind: .button),
        ], submitButton: .ok, cancelButton: .back)
    }

    /// [Cancel] on a changed form asks as Esc does (it once threw the typing away at once).
    @Test func theCancelButtonAsksOnAChangedFormAndTheSubmitButtonSubmits() {
        var form = form()
        #expect(form.step(.clickField(2)) == .close)  // unchanged: closes at once
        _ = form.step(.clickField(0))
        #expect(form.step(.char("x")) == .event(.edited(.note)))
        #expect(form.step(.clickField(1)) == .submit)
        #expect(form.isDirty && form.step(.clickField(2)) == .event(.handled))
        #expect(form.confirmingDiscard)
        #expect(form.step(.char("n")) == .event(.handled) && form.text(.note) == "x")
        _ = form.step(.clickField(2))
        #expect(form.step(.char("y")) == .close)
    }
}

/// A paste is many keys: a field stops at its limit and says so, and nothing typed before is lost.
struct InputLimitTests {
    @Test func aNameStopsAtSixtyFourCharactersWithAMessage() {
        var model = makeModel()
        press(&model, .char("a"), .tab, .tab)
        type(&model, String(repeating: "x", count: 5_000))
        let field = model.addForm?.form[.name]
        #expect(model.addForm?.form.text(.name) == String(repeating: "x", count: 64))
        #expect(field?.error == "Too long: at most 64 characters; the rest was not typed.")
        model.language = .pl
        #expect(Localizer.tr(field?.error ?? "", .pl) == "Za długie (limit znaków: 64); reszty nie wpisano.")
        // Backspace makes room again; the message goes once the text is edited.
        press(&model, .backspace)
        #expect(model.addForm?.form[.name]?.error == nil)
        type(&model, "y")
        #expect(model.addForm?.form.text(.name).hasSuffix("xy") == true)
    }

    @Test func theFilterLineStopsAtItsLimit() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, String(repeating: "r", count: 1_000))
        #expect(model.table.filter.count == InputLimit.filter)
        #expect(model.status?.text == InputLimit.filterMessage())
    }
}

/// A paste arrives whole (bracketed paste): it can never run commands, and a control character
/// in it refuses all of it instead of pressing Esc or Enter half-way.
struct PasteTests {
    @Test func aPasteOnTheTableRunsNoCommand() {
        var model = makeModel()
        #expect(update(&model, .key(.paste("adydy"))).isEmpty)
        #expect(model.modal == nil)
        #expect(model.data.phones.count == 2)
    }

    @Test func aControlCharacterRefusesTheWholePaste() {
        var model = makeModel()
        press(&model, .char("a"), .tab, .tab)
        type(&model, "Sala ")
        press(&model, .paste("Narad\u{1B}yxz"))
        #expect(model.addForm?.form.text(.name) == "Sala ")
        #expect(model.addForm?.form[.name]?.error == "Not pasted: a control character (U+001B) at position 6.")
        #expect(model.addForm?.form.confirmingDiscard == false)
        #expect(Localizer.tr("Not pasted: a control character (U+001B) at position 6.", .pl) == "Nie wklejono: znak sterujący (U+001B) na pozycji 6.")
        // One line break more is text, and refused.
        press(&model, .paste("Narada\r\r"))
        #expect(model.addForm?.form.text(.name) == "Sala ")
        // A copied line's line break is not part of the value.
        press(&model, .paste("Narada\r\n"))
        #expect(model.addForm?.form.text(.name) == "Sala Narada")
        #expect(model.addForm?.form[.name]?.error == nil)
    }

    @Test func aLongPasteFillsTheFieldAndSaysSo() {
        var model = makeModel()
        press(&model, .char("a"), .tab, .tab)
        type(&model, "ab")
        press(&model, .paste(String(repeating: "x", count: 100_000)))
        #expect(model.addForm?.form.text(.name) == "ab" + String(repeating: "x", count: 62))
        #expect(model.addForm?.form[.name]?.error == "Too long: at most 64 characters; the rest was not typed.")
    }

    @Test func filtersTakeAPasteUpToTheirLimit() {
        var model = makeModel()
        press(&model, .char("/"), .paste("maga"))
        #expect(model.table.filter == "maga")
        press(&model, .paste("\u{1B}[31m"))
        #expect(model.table.filter == "maga")
        #expect(model.status?.text == "Not pasted: a control character (U+001B) at position 1.")
        press(&model, .escape, .char("b"), .char("/"), .paste(String(repeating: "y", count: 100_000)))
        #expect(model.shop?.filter.count == InputLimit.filter)
        #expect(model.status?.text == InputLimit.filterMessage())
        press(&model, .escape, .escape, .char("a"), .paste("t46"))
        #expect(model.addForm?.form.hasOpenDropdown == true)
    }
}
