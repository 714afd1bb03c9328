import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

extension AppModel {
    var settingsModal: SettingsModal? { settings?.modal }
}

func withLibrary() -> AccountData {
    var data = demoData()
    data.backgrounds = [BackgroundImage(name: "Logo", file: "logo-abc123.png", width: 480, height: 272, bytes: 18_432)]
    data.templates = [ConfigTemplate(name: "Recepcja T46U", modelID: "yealink-t46u", body: "a = 1\n# c\nb = 2\n"),
                      ConfigTemplate(name: "Magazyn GXP", modelID: "grandstream-gxp2170", body: "<P64>1</P64>")]
    data.phones[0].background = "Logo"
    data.phones[0].template = "Recepcja T46U"
    return data
}

struct SettingsTests {
    @Test func opensFromThePhonesTableAndSwitchesTabs() {
        var model = makeModel()
        press(&model, .char("s"))
        #expect(model.settings?.tab == .hotDesking)
        press(&model, .right)
        #expect(model.settings?.tab == .backgrounds)
        press(&model, .char("3"))
        #expect(model.settings?.tab == .templates)
        press(&model, .right)
        #expect(model.settings?.tab == .hotDesking)
        press(&model, .left)
        #expect(model.settings?.tab == .templates)
        press(&model, .escape)
        #expect(model.settings == nil)
        press(&model, .function(9))
        #expect(model.settings != nil)
    }

    @Test func pinIsCheckedTwiceAndNeverShown() {
        var model = makeModel()
        press(&model, .char("s"), .enter)
        type(&model, "1234")
        press(&model, .tab)
        type(&model, "1234")
        #expect(press(&model, .ctrl("s")).isEmpty)
        guard case .accountForm(let form)? = model.settingsModal else { Issue.record("no form"); return }
        #expect(form.form[.pin]?.error == "Too easy to guess: an ascending run like 1234.")
        #expect(view(model).text.contains("New admin PIN     ••••  "))
        press(&model, .ctrl("u"))
        type(&model, "2580")
        press(&model, .tab, .ctrl("u"))
        type(&model, "2581")
        #expect(press(&model, .ctrl("s")).isEmpty)
        press(&model, .backspace)
        type(&model, "0")
        let effects = press(&model, .ctrl("s"))
        #expect(effects == [.applySettings(.setAccountSettings(pin: "2580", sipServer: "sip.phonedesk.example",
                                                               provisioningBaseURL: "https://provisioning.phonedesk.example",
                                                               theme: "default", mouse: true, shopNamePattern: ShopNamePattern.standard))])
    }

    @Test func emptyPINFieldsKeepThePIN() {
        var model = makeModel()
        press(&model, .char("s"), .char("e"), .tab, .tab, .ctrl("u"))
        type(&model, "pbx.example.com:5060")
        guard case .applySettings(.setAccountSettings(let pin, let sip, _, let theme, let mouse, _))? = press(&model, .ctrl("s")).first else {
            Issue.record("not saved"); return
        }
        #expect(pin == nil)
        #expect(sip == "pbx.example.com:5060")
        #expect(theme == "default")
        #expect(mouse == true)
    }

    @Test func uploadFormCompletesPathsThroughAnEffect() {
        var model = makeModel()
        press(&model, .char("s"), .char("2"), .char("a"))
        type(&model, "Logo")
        press(&model, .tab)
        type(&model, "~/Pic")
        #expect(press(&model, .tab) == [.completePath("~/Pic")])
        _ = update(&model, .pathCompleted(typed: "~/Pic", PathCompletion(text: "~/Pictures/", candidates: [])))
        guard case .upload(let form)? = model.settingsModal else { Issue.record("no form"); return }
        #expect(form.form.text(.file) == "~/Pictures/")
        // Several matches: listed on the status line, nothing typed.
        _ = update(&model, .pathCompleted(typed: "~/Pictures/", PathCompletion(text: nil, candidates: ["a.png", "b.png"])))
        #expect(model.status?.text == "2 matches: a.png  b.png")
        // A stale answer (the field changed meanwhile) is ignored.
        _ = update(&model, .pathCompleted(typed: "~/Other", PathCompletion(text: "~/Otherwise", candidates: [])))
        guard case .upload(let again)? = model.settingsModal else { Issue.record("no form"); return }
        #expect(again.form.text(.file) == "~/Pictures/")
        type(&model, "logo.png")
        #expect(press(&model, .ctrl("s")) == [.applySettings(.addBackground(name: "Logo", path: "~/Pictures/logo.png"))])
    }

    @Test func aRefusedUploadShowsUnderTheFieldAndKeepsTheForm() {
        var model = makeModel()
        press(&model, .char("s"), .char("2"), .char("a"))
        type(&model, "Logo")
        press(&model, .tab)
        type(&model, "/tmp/fake.png")
        guard case .applySettings(let change)? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        _ = update(&model, .settingsFinished(change, .rejected(.invalid(field: .file, message: "Not a PNG, JPEG or BMP image, whatever its name says."))))
        guard case .upload(let form)? = model.settingsModal else { Issue.record("form closed"); return }
        #expect(form.form[.file]?.error?.contains("Not a PNG") == true)
        #expect(form.form.text(.name) == "Logo")
    }

    /// The store's refusal goes under the form field that shows the refusal's field.
    @Test(arguments: [(SettingsField.pin, HotDeskForm.Field.pin), (.sipServer, .sipServer), (.baseURL, .baseURL),
                      (.shopNamePattern, .shopNames)])
    func aRefusedAccountSettingShowsUnderItsField(field: SettingsField, id: HotDeskForm.Field) {
        var model = makeModel()
        press(&model, .char("s"), .enter)
        guard case .applySettings(let change)? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        _ = update(&model, .settingsFinished(change, .rejected(.invalid(field: field, message: "Refused by the store."))))
        guard case .accountForm(let form)? = model.settingsModal else { Issue.record("form closed"); return }
        #expect(form.form[id]?.error == "Refused by the store.")
        #expect(form.form.focusedField?.id == id)
        #expect(model.status?.text == "Refused by the store.")
    }

    @Test func aRefusalAboutAFieldTheOpenFormLacksShowsOnlyInTheStatus() {
        var model = makeModel()
        press(&model, .char("s"), .enter)
        guard case .applySettings(let change)? = press(&model, .ctrl("s")).first else { Issue.record("no save"); return }
        _ = update(&model, .settingsFinished(change, .rejected(.invalid(field: .file, message: "Refused by the store."))))
        guard case .accountForm(let form)? = model.settingsModal else { Issue.record("form closed"); return }
        #expect(form.form.fields.allSatisfy { $0.error == nil })
        #expect(model.status?.text == "Refused by the store.")
    }

    @Test func eachFormShowsTheRefusalsAboutItsFields() {
        #expect(SettingsField.allCases.compactMap(HotDeskForm.field(showing:)) == [.pin, .sipServer, .baseURL, .shopNames])
        #expect(SettingsField.allCases.compactMap(UploadForm.field(showing:)) == [.name, .file])
        #expect(SettingsField.allCases.compactMap(TemplateForm.field(showing:)) == [.name, .model])
    }

    @Test func deletingAnImageInUseNamesThePhones() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("2"), .char("d"))
        #expect(model.settingsModal == .confirmDelete(kind: .backgrounds, name: "Logo"))
        let effects = press(&model, .char("y"))
        #expect(effects == [.applySettings(.deleteBackground(name: "Logo"))])
        _ = update(&model, .settingsFinished(.deleteBackground(name: "Logo"), .rejected(.invalid(field: .list,
            message: "Background \"Logo\" is used by \"Recepcja\"; choose another for them first."))))
        #expect(model.status?.kind == .error)
        #expect(model.status?.text.contains("\"Recepcja\"") == true)
    }

    @Test func enterOnATemplateEditsItsBodyAndChecksIt() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"), .down)
        #expect(press(&model, .enter) == [.editTemplate(name: "Magazyn GXP", body: "<P64>1</P64>", fileExtension: "xml")])
        _ = update(&model, .templateEdited(name: "Magazyn GXP", body: "<P64>1</P46>"))
        guard case .templateErrors(_, _, let problems)? = model.settingsModal else { Issue.record("no error window"); return }
        #expect(problems.first?.description == "line 1: </P46> closes <P64> (opened on line 1)")
        // Edit again reopens the editor on what was typed, not on the saved lines.
        #expect(press(&model, .char("e")) == [.editTemplate(name: "Magazyn GXP", body: "<P64>1</P46>", fileExtension: "xml")])
        #expect(update(&model, .templateEdited(name: "Magazyn GXP", body: "<P64>2</P64>")) ==
                [.applySettings(.setTemplateBody(name: "Magazyn GXP", body: "<P64>2</P64>"))])
    }

    /// An operator over SSH gets no external editor: vi's `:!sh` would be a shell on the service
    /// account, past every role and the audit log.
    @Test func anOperatorOverSSHGetsNoEditor() {
        var model = makeModel(withLibrary())
        model.run.isOperator = true
        press(&model, .char("s"), .char("3"), .down)
        #expect(press(&model, .enter).isEmpty)
        #expect(model.status?.text == SettingsFeature.operatorEditorRefusal && model.status?.kind == .warning)
        // Nor from the error window's "edit again".
        _ = update(&model, .templateEdited(name: "Magazyn GXP", body: "<P64>1</P46>"))
        #expect(press(&model, .char("e")).isEmpty && model.status?.text == SettingsFeature.operatorEditorRefusal)
    }

    @Test func anUnchangedOrDiscardedEditSavesNothing() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"))
        #expect(update(&model, .templateEdited(name: "Recepcja T46U", body: "a = 1\n# c\nb = 2\n")).isEmpty)
        #expect(model.status?.text == "No changes to \"Recepcja T46U\".")
        _ = update(&model, .templateEdited(name: "Recepcja T46U", body: "junk"))
        #expect(press(&model, .char("d")).isEmpty)
        #expect(model.settingsModal == nil)
    }

    @Test func addTemplateOffersOnlyModelsThatTakeTemplates() {
        var model = makeModel()
        press(&model, .char("s"), .char("3"), .char("a"))
        type(&model, "Nowy")
        press(&model, .tab)
        type(&model, "x6u")
        press(&model, .enter)
        #expect(press(&model, .ctrl("s")) == [.applySettings(.addTemplate(name: "Nowy", modelID: "fanvil-x6u"))])
    }

    @Test func listsFilter() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"), .char("/"))
        type(&model, "grand")
        #expect(model.settings?.templates(model.data).map(\.name) == ["Magazyn GXP"])
        press(&model, .escape)
        #expect(model.settings?.templates(model.data).count == 2)
    }

    @Test func aNewAccountThemeIsAppliedAtOnce() {
        var model = makeModel()
        model.themes = ["default", "light", "mono"]
        press(&model, .char("s"), .enter, .tab, .tab, .tab, .tab)
        type(&model, "light")
        press(&model, .enter)
        guard case .applySettings(let change)? = press(&model, .ctrl("s")).first else { Issue.record("not saved"); return }
        var data = model.data
        data.account.theme = "light"
        #expect(update(&model, .settingsFinished(change, .saved(SettingsOutcome(data: data, warning: nil)))) == [.useTheme("light")])
    }

    @Test func savedSettingsUpdateTheData() {
        var model = makeModel()
        press(&model, .char("s"), .char("3"), .char("a"))
        type(&model, "Nowy")
        press(&model, .tab)
        type(&model, "x6u")
        press(&model, .enter)
        guard case .applySettings(let change)? = press(&model, .ctrl("s")).first else { Issue.record("nothing submitted"); return }
        var data = model.data
        data.templates = [ConfigTemplate(name: "Nowy", modelID: "fanvil-x6u", body: "")]
        _ = update(&model, .settingsFinished(change, .saved(SettingsOutcome(data: data, warning: nil))))
        #expect(model.settingsModal == nil)
        #expect(model.data.templates.count == 1)
        #expect(model.status?.kind == .success)
    }

    /// A save sent from one form, answered after the operator opened another: the new form
    /// and what was typed into it stay (a late result once closed it).
    @Test func aLateResultLeavesTheFormOpenedSince() {
        var model = makeModel()
        press(&model, .char("s"), .enter, .tab, .tab, .ctrl("u"))
        type(&model, "sip4.example.com")
        guard case .applySettings(let change)? = press(&model, .ctrl("s")).first else { Issue.record("nothing submitted"); return }
        press(&model, .escape, .char("y"), .escape)  // leave settings while it saves
        press(&model, .char("s"), .enter)
        type(&model, "1234")
        var data = model.data
        data.account.sipServer = "sip4.example.com"
        _ = update(&model, .settingsFinished(change, .saved(SettingsOutcome(data: data, warning: nil))))
        guard case .accountForm(let form)? = model.settingsModal else { Issue.record("the new form was closed"); return }
        #expect(form.form.text(.pin) == "1234")
        #expect(model.status?.kind == .success)
    }

    /// `d y d y` while the first delete saves once deleted the same template twice.
    @Test func aSecondDeleteWaitsForTheFirst() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"))
        let first = press(&model, .char("d"), .char("y"))
        #expect(first.count == 1)
        #expect(press(&model, .char("d"), .char("y")).isEmpty)
        #expect(model.status?.text == "Saving…; a moment.")
    }
}

struct SettingsGoldenTests {
    @Test func hotDesking() {
        var model = makeModel()
        press(&model, .char("s"))
        expectGolden("settings-hot-desking", view(model))
    }

    @Test func hotDeskingForm() {
        var model = makeModel()
        press(&model, .char("s"), .enter)
        type(&model, "2580")
        expectGolden("settings-pin-form", view(model))
    }

    @Test func backgrounds() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("2"))
        expectGolden("settings-backgrounds", view(model))
    }

    @Test func uploadForm() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("2"), .char("a"))
        type(&model, "Logo")
        press(&model, .tab)
        type(&model, "/tmp/logo.png")
        press(&model, .ctrl("s"))
        expectGolden("settings-upload", view(model))
    }

    @Test func templates() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"))
        expectGolden("settings-templates", view(model))
    }

    @Test func templateErrors() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"))
        _ = update(&model, .templateEdited(name: "Recepcja T46U", body: "a = 1\nno equals\n= x\n"))
        expectGolden("settings-template-errors", view(model))
    }
}

/// The panel's start-up provisioning recovery reports what it did on the status line.
struct ProvisioningRecoveryStatusTests {
    @Test func regeneratedPhonesAreReported() {
        var model = makeModel()
        _ = update(&model, .provisioningRecovered(regenerated: 19_000, removed: 0, nil))
        #expect(model.status == StatusMessage(.warning, "Regenerated provisioning files of 19000 phones after an interrupted save."))
        var quiet = makeModel()
        _ = update(&quiet, .provisioningRecovered(regenerated: 0, removed: 0, nil))
        #expect(quiet.status == nil)
        _ = update(&quiet, .provisioningRecovered(regenerated: 0, removed: 0, .io(path: "/x", detail: "cannot write")))
        #expect(quiet.status?.kind == .warning)
    }
}
