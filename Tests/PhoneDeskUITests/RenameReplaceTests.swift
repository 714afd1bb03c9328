import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// Issue 12 item 4 in the edit form: Name first, and a new MAC of a phone in use confirmed as a
/// hardware replacement. The form opens on User (the MAC for a phone awaiting delivery).
struct RenameReplaceTests {
    /// Recepcja's edit form with the focus on `field` (Name and MAC are above User).
    static func editing(_ field: EditPhoneForm.Field, language: Language = .en) -> AppModel {
        var model = makeModel()
        model.language = language
        press(&model, .char("e"))
        #expect(model.editForm?.form.focusedField?.id == .user)
        press(&model, .up)
        if field == .name { press(&model, .up) }
        #expect(model.editForm?.form.focusedField?.id == field)
        return model
    }

    static func retype(_ model: inout AppModel, _ text: String) {
        press(&model, .ctrl("u"))
        type(&model, text)
    }

    static func screen(_ model: AppModel) -> String { view(model).text }

    @Test func aRenameIsTrimmedAndSavedWithTheRestKept() {
        var model = Self.editing(.name)
        Self.retype(&model, "  Recepcja główna ")
        guard case .apply(.update(1, 1, let edit))? = press(&model, .ctrl("s")).first else { Issue.record("not saved"); return }
        let phone = model.data.phones[0]
        #expect(edit == PhoneEdit(name: "Recepcja główna", mac: phone.mac, userExtension: phone.userExtension,
                                  blfExtension: phone.blfExtension, background: phone.background, template: phone.template))
    }

    @Test(arguments: [("", "Name"), ("   ", "Name"), ("MAGAZYN", "\"MAGAZYN\" is already used")])
    func aBlankOrTakenNameIsRefusedAndKept(name: String, message: String) {
        var model = Self.editing(.name)
        Self.retype(&model, name)
        press(&model, .tab)  // the focus moves away; the error brings it back
        #expect(press(&model, .ctrl("s")).isEmpty)
        let form = model.editForm?.form
        #expect(form?[.name]?.error?.contains(message) == true, "\(String(describing: form?[.name]?.error))")
        #expect(form?.focusedField?.id == .name)
        #expect(form?.text(.name) == name)
        #expect(model.editForm?.replacing == nil)
    }

    @Test(arguments: [("80:5e:c0:11", "A MAC has 6 groups"), ("", "Enter the MAC address"),
                      ("00-0B-82-AA-BB-CC", "00:0b:82:aa:bb:cc is already on the account: phone \"Magazyn\".")])
    func aBadOrTakenMACIsRefusedWithoutAQuestion(mac: String, message: String) {
        var model = Self.editing(.mac)
        Self.retype(&model, mac)
        #expect(press(&model, .ctrl("s")).isEmpty)
        #expect(model.editForm?.replacing == nil)
        #expect(model.editForm?.form[.mac]?.error?.contains(message) == true, "\(String(describing: model.editForm?.form[.mac]?.error))")
        #expect(model.editForm?.form.text(.mac) == mac)
    }

    /// A new MAC asks first; Enter is no answer; n and Esc go back to the form as typed.
    @Test(arguments: [Key.char("n"), .escape])
    func aNewMACAsksAndNoKeepsTheForm(no: Key) {
        var model = Self.editing(.name)
        Self.retype(&model, "Recepcja 2")
        press(&model, .tab)
        Self.retype(&model, "80-5E-C0-44-55-66")
        #expect(press(&model, .ctrl("s")).isEmpty)
        #expect(model.editForm?.replacing?.mac == MACAddress(hex: "805ec0445566"))
        let asked = Self.screen(model)
        #expect(asked.contains("Replace the hardware of \"Recepcja\"? 80:5e:c0:11:22:33 → 80:5e:c0:44:55:66"))
        #expect(asked.contains("y yes · n no"))
        // Enter (and any other key) waits for the answer: a yes loses the old MAC's files.
        #expect(press(&model, .enter, .char("x"), .tab).isEmpty)
        #expect(model.editForm?.replacing != nil)
        #expect(press(&model, no).isEmpty)
        #expect(model.modal == "PhoneFormFeature")
        #expect(model.editForm?.replacing == nil)
        #expect(model.editForm?.form.text(.name) == "Recepcja 2")
        #expect(model.editForm?.form.text(.mac) == "80-5E-C0-44-55-66")
        #expect(!Self.screen(model).contains("Replace the hardware of"))
    }

    /// y (t in Polish) saves the whole edit with the new MAC; the phone's id and revision are the form's.
    @Test(arguments: [(Language.en, Character("y")), (.pl, Character("t"))])
    func yesReplacesTheHardware(language: Language, yes: Character) {
        var model = Self.editing(.mac, language: language)
        Self.retype(&model, "805ec0445566")
        #expect(press(&model, .ctrl("s")).isEmpty)
        if language == .pl {
            let asked = Self.screen(model)
            #expect(asked.contains("Wymienić sprzęt telefonu „Recepcja”?") && asked.contains("t tak · n nie"))
        }
        let phone = model.data.phones[0]
        var expected = PhoneEdit(phone)
        expected.mac = MACAddress(hex: "805ec0445566")
        #expect(press(&model, .char(yes)) == [.apply(.update(id: 1, baseRevision: phone.revision, expected))])
        #expect(model.editForm?.replacing == nil)
        // Saved: the form closes, the status says what was replaced.
        var saved = model.data
        saved.phones[0].mac = expected.mac
        _ = update(&model, .changeFinished(.update(id: 1, baseRevision: phone.revision, expected), .saved(ChangeOutcome(data: saved, phoneID: 1))))
        #expect(model.modal == nil)
        #expect(model.status?.text == "Replaced the hardware of \"Recepcja\": 80:5e:c0:11:22:33 → 80:5e:c0:44:55:66.")
    }

    /// A MAC of another brand's range is a warning (the rules warn, not refuse): said under the
    /// field and in the question.
    @Test func anotherVendorsMACIsWarnedInTheQuestion() {
        var model = Self.editing(.mac)
        Self.retype(&model, "00:0b:82:12:34:56")
        #expect(press(&model, .ctrl("s")).isEmpty)
        #expect(model.editForm?.form[.mac]?.warning?.contains("belongs to Grandstream, not Yealink") == true)
        #expect(Self.screen(model).contains("vendor prefix belongs"))
    }

    /// The question's keys are the one question style's, in help and the key bar.
    @Test func theQuestionShowsTheQuestionKeys() {
        var model = Self.editing(.mac)
        Self.retype(&model, "805ec0445566")
        press(&model, .ctrl("s"))
        #expect(footerItems(model).map(\.key) == [.char("y"), .char("n")])
    }
}

/// The shop name pattern on Settings › Hot desking.
struct ShopNamePatternFormTests {
    @Test func aBadPatternIsShownUnderItsFieldAndAGoodOneIsSaved() {
        var model = makeModel()
        press(&model, .char("s"), .enter, .tab, .tab, .tab, .tab, .tab, .tab)
        guard case .accountForm(let form)? = model.settingsModal else { Issue.record("no form"); return }
        #expect(form.form.text(.shopNames) == "{brand} {model} #{n}")
        #expect(form.form.focusedField?.id == .shopNames)
        press(&model, .ctrl("u"))
        type(&model, "Desk {model}")
        #expect(press(&model, .ctrl("s")).isEmpty)
        guard case .accountForm(let refused)? = model.settingsModal else { Issue.record("form closed"); return }
        #expect(refused.form[.shopNames]?.error?.hasPrefix("Put {n} in the pattern") == true)
        #expect(refused.form.focusedField?.id == .shopNames)
        #expect(refused.form.text(.shopNames) == "Desk {model}")
        type(&model, " {n}")
        guard case .applySettings(.setAccountSettings(_, _, _, _, _, let pattern))? = press(&model, .ctrl("s")).first else {
            Issue.record("not saved"); return
        }
        #expect(pattern == "Desk {model} {n}")
    }
}
