import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The qualified filter on the table: Tab completes field names, an unknown field says so, Esc
/// on the table clears a kept filter.
struct QualifiedFilterTests {
    func names(_ model: AppModel) -> [String] { model.table.visible.map { model.data.phones[$0].name } }

    @Test func aQualifiedFilterNarrowsTheTable() {
        var model = makeModel(dialogData())
        press(&model, .char("/"))
        type(&model, "model:t46u user:piotr")
        #expect(names(model) == ["Biuro Łódź, pokój 214 (drugie piętro)"])
        press(&model, .enter)
        #expect(model.table.parsedFilter?.display == "model:t46u user:piotr")
        #expect(view(model).text.contains("Filter: model:t46u user:piotr"))
    }

    @Test func tabCompletesTheFieldBeingTyped() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "recepcja us")
        press(&model, .tab)
        #expect(model.table.filter == "recepcja user:")
        #expect(model.filtering, "Tab stays in the filter line")
        type(&model, "anna m")
        press(&model, .tab)
        #expect(model.table.filter == "recepcja user:anna m", "mac: and model: both fit")
        #expect(model.status?.text == "Fields: mac: model:")
        type(&model, "o")
        press(&model, .tab)
        #expect(model.table.filter == "recepcja user:anna model:")
        #expect(names(model) == ["Recepcja"])
    }

    @Test func anUnknownFieldIsSaidNotASilentNoMatch() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "nam:recepcja")
        #expect(model.table.visible.isEmpty)
        #expect(model.table.filterProblem?.contains("Unknown filter field \"nam:\"") == true)
        #expect(view(model).text.contains("Unknown filter field \"nam:\""))
        press(&model, .backspace)
        type(&model, "")
        press(&model, .ctrl("u"))
        type(&model, "name:recepcja")
        #expect(model.table.filterProblem == nil)
        #expect(names(model) == ["Recepcja"])
    }

    @Test func escOnTheTableClearsAKeptQualifiedFilter() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "user:none")
        press(&model, .enter)
        #expect(model.table.visible.isEmpty)
        #expect(!model.filtering)
        press(&model, .escape)
        #expect(model.table.filter.isEmpty)
        #expect(model.table.visible.count == 2)
    }

    @Test func helpDocumentsTheSyntax() {
        var model = makeModel(height: 60)
        press(&model, .char("/"), .function(1))
        let screen = view(model).text
        #expect(screen.contains("Filter syntax"))
        #expect(screen.contains("complete the field name being typed"))
    }
}

/// `v`: the phone's files as served, scrolled and searched, secrets masked, and the last save's diff.
struct InspectorTests {
    var inspector: (AppModel) -> InspectorFeature? = { $0.navigation.open(InspectorFeature.self) }

    @Test func showsTheFilesAsRenderedWithSecretsMasked() throws {
        var model = makeModel()
        press(&model, .char("v"))
        let screen = view(model).text
        #expect(screen.contains("805ec0112233.cfg"))
        #expect(screen.contains("https://"))
        #expect(screen.contains("Holds secrets"))
        let password = try #require(model.data.user("101")?.sipPassword)
        #expect(!screen.contains(password))
        #expect(screen.contains("account.1.password = ••••••"))
        press(&model, .char("s"))
        #expect(view(model).text.contains("account.1.password = \(password)"))
        press(&model, .escape)
        #expect(model.modal == nil)
    }

    @Test func scrollsWithinTheFile() throws {
        // Its template's lines and a save's diff make the text taller than the window.
        var model = makeModel(withLibrary())
        var after = model.data
        after.phones[0].blfExtension = "103"
        _ = update(&model, .changeFinished(.update(id: 1, baseRevision: 1, PhoneEdit(after.phones[0])), .saved(ChangeOutcome(data: after, phoneID: 1))))
        press(&model, .char("v"))
        #expect(inspector(model)?.top == 0)
        press(&model, .down, .down)
        #expect(inspector(model)?.top == 2)
        press(&model, .up)
        #expect(inspector(model)?.top == 1)
        press(&model, .end)
        let bottom = try #require(inspector(model)?.top)
        #expect(bottom > 1)
        press(&model, .pageDown)
        #expect(inspector(model)?.top == bottom, "PgDn at the end stays")
        press(&model, .home)
        #expect(inspector(model)?.top == 0)
        _ = update(&model, .mouse(MouseEvent(x: 10, y: 5, kind: .wheelDown)))
        #expect(inspector(model)?.top == 1)
    }

    @Test func findsAndMovesBetweenMatches() throws {
        var model = makeModel()
        press(&model, .char("v"), .char("/"))
        type(&model, "linekey")
        let first = try #require(inspector(model)?.match)
        #expect(model.navigation.open(InspectorFeature.self)!.document(model.context)!.lines[first].text.hasPrefix("linekey"))
        press(&model, .enter)
        #expect(inspector(model)?.finding == false)
        press(&model, .char("n"))
        #expect(inspector(model)?.match == first + 1)
        press(&model, .char("N"), .char("N"))
        let wrapped = try #require(inspector(model)?.match)
        #expect(wrapped > first, "previous from the first match wraps to the last")
        let top = try #require(inspector(model)?.top)
        #expect(top <= wrapped && wrapped < top + InspectorView.page(model.size), "the match is on screen")
        #expect(view(model).text.contains("\"linekey\": match"))
        press(&model, .char("/"))
        type(&model, "zzz")
        press(&model, .enter)
        #expect(inspector(model)?.match == nil)
        #expect(view(model).text.contains("\"zzz\" is not in the files."))
    }

    @Test func showsWhatTheLastSaveChanged() throws {
        var model = makeModel(height: 60)
        press(&model, .char("v"))
        #expect(view(model).text.contains("No save of this phone in this session"))
        press(&model, .escape)
        let phone = try #require(model.data.phone(id: 1))
        var edit = PhoneEdit(phone)
        edit.blfExtension = "103"
        var after = model.data
        after.phones[0].blfExtension = "103"
        after.phones[0].revision += 1
        _ = update(&model, .changeFinished(.update(id: 1, baseRevision: phone.revision, edit), .saved(ChangeOutcome(data: after, phoneID: 1))))
        press(&model, .char("v"))
        let screen = view(model).text
        #expect(screen.contains("- linekey.2.value = 102"))
        #expect(screen.contains("+ linekey.2.value = 103"))
        #expect(screen.contains("+ linekey.2.label = Katarzyna Wójcik"))
        #expect(!screen.contains("No save of this phone"))
    }

    @Test func aPhoneAwaitingDeliveryHasNoFilesYet() {
        var model = makeModel(dialogData())
        press(&model, .end, .char("v"))
        #expect(view(model).text.contains("No files yet: the phone is awaiting delivery"))
    }

    @Test func copiesThePhonesURL() throws {
        var model = makeModel()
        press(&model, .char("v"))
        let url = try #require(model.data.account.provisioningURL(of: model.data.phones[0]))
        let effects = press(&model, .char("c"))
        #expect(effects == [.copyToClipboard(url)])
        #expect(model.modal == "InspectorFeature", "the inspector stays open")
    }
}
