import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// Marks (Space, `*`, `u`), bulk edit and bulk delete over the marks, and the sort (`<` `>` `i`).
struct MarksAndSortTests {
    var header: (AppModel) -> String = { PhonesView.header($0.table, total: $0.data.phones.count, t: { $0 }) }

    func names(_ model: AppModel) -> [String] { model.table.visible.map { model.data.phones[$0].name } }

    @Test func spaceMarksAndMovesDownStarMarksWhatIsShownUClears() {
        var model = makeModel(dialogData())
        press(&model, .char(" "), .char(" "))
        #expect(model.table.marks == [1, 2])
        #expect(model.selectedPhone?.id == 3)
        #expect(header(model) == "2 marked · 3/4 phones")
        press(&model, .up, .char(" "))
        #expect(model.table.marks == [1])
        press(&model, .char("/"))
        type(&model, "yealink")
        press(&model, .enter, .char("*"))
        #expect(model.table.marks == [1, 3, 4])
        #expect(header(model).hasPrefix("3 marked · "))
        #expect(header(model).hasSuffix(" shown of 4"))
        press(&model, .char("u"))
        #expect(model.table.marks.isEmpty)
    }

    @Test func marksSurviveAReloadButNotADelete() {
        var model = makeModel(dialogData())
        press(&model, .char("*"))
        var data = model.data
        data.phones.remove(at: 1)
        data.phones[0].name = "Recepcja 2"
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        #expect(model.table.marks == [1, 3, 4])
    }

    @Test func sortMovesKeepsTheSelectionAndInverts() {
        var model = makeModel(dialogData())
        press(&model, .char("j"))  // Magazyn
        press(&model, .char(">"))
        #expect(model.table.sort == PhoneSort(column: .name))
        #expect(names(model) == ["Biuro Łódź, pokój 214 (drugie piętro)", "Magazyn", "Recepcja", "Sala konferencyjna"])
        #expect(model.selectedPhone?.name == "Magazyn")
        #expect(header(model) == "by Name ↑ · 2/4 phones")
        press(&model, .char("i"))
        #expect(names(model) == ["Sala konferencyjna", "Recepcja", "Magazyn", "Biuro Łódź, pokój 214 (drugie piętro)"])
        #expect(model.selectedPhone?.name == "Magazyn")
        #expect(header(model) == "by Name ↓ · 3/4 phones")
        press(&model, .char(">"), .char("i"))  // by Model ↑
        #expect(names(model).first == "Magazyn")  // Grandstream before Yealink
        press(&model, .char(">"))  // by MAC: the phone without one last
        #expect(names(model).last == "Sala konferencyjna")
        press(&model, .char("<"), .char("<"), .char("<"))
        #expect(model.table.sort.column == nil)
        #expect(names(model) == ["Recepcja", "Magazyn", "Biuro Łódź, pokój 214 (drugie piętro)", "Sala konferencyjna"])
    }

    @Test func aSortedTableFiltersInItsOrder() {
        var model = makeModel(dialogData())
        press(&model, .char(">"), .char("i"), .char("/"))
        type(&model, "yealink")
        #expect(names(model) == ["Sala konferencyjna", "Recepcja", "Biuro Łódź, pokój 214 (drugie piętro)"])
        // A save re-sorts: the renamed phone moves.
        var data = model.data
        data.phones[0].name = "Aaa"
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        #expect(names(model).last == "Aaa")
    }

    @Test func theBulkEditSaysWhatItSkipsAndSendsOneChange() throws {
        var model = makeModel(dialogData())
        press(&model, .char("*"), .char("e"))
        let bulk = try #require(model.navigation.open(BulkEditFeature.self))
        #expect(bulk.bulk.phones.count == 4)
        // Nothing touched: nothing to send.
        #expect(press(&model, .ctrl("s")).isEmpty)
        #expect(model.status?.text == "Nothing to change: choose a value first.")
        press(&model, .tab)
        type(&model, "Recepcja")
        press(&model, .enter)
        let form = try #require(model.navigation.open(BulkEditFeature.self)).bulk.form
        #expect(form[.template]?.hint == "Skips 2 of 4 phones: a template is for one model (Yealink T46U).")
        #expect(form[.background]?.hint == nil)
        let effects = press(&model, .ctrl("s"))
        guard case .apply(.bulk(let change))? = effects.first else { Issue.record("no save: \(effects)"); return }
        #expect(change.phones.map(\.id) == [1, 2, 3, 4])
        #expect(change.action == .edit(BulkEdit(template: .set("Recepcja T46U")), skipUnfit: true))
        // Saved: the window closes and says so.
        var saved = model.data
        saved.phones[0].template = "Recepcja T46U"
        _ = update(&model, .changeFinished(.bulk(change), .saved(ChangeOutcome(data: saved, phoneID: nil))))
        #expect(model.modal == nil)
        #expect(model.status?.text == "Saved 4 phones.")
        #expect(model.table.marks == [1, 2, 3, 4])
    }

    @Test func aStaleBulkEditKeepsTheWindowAndNamesThePhone() throws {
        var model = makeModel(dialogData())
        press(&model, .char(" "), .char(" "), .char("e"), .tab, .tab)
        type(&model, "off")
        press(&model, .enter)
        #expect(model.navigation.open(BulkEditFeature.self)?.bulk.edit == BulkEdit(blf: .clear))
        let effects = press(&model, .ctrl("s"))
        guard case .apply(let change)? = effects.first else { Issue.record("no save"); return }
        _ = update(&model, .changeFinished(change, .rejected(.several([PhoneProblem(name: "Magazyn", reason: .stale)]))))
        #expect(model.modal == "BulkEditFeature")
        #expect(model.status?.text == "Nothing saved: \"Magazyn\" was changed by another operator meanwhile.")
    }

    @Test(arguments: [Language.en, .pl])
    func theBulkDeleteAsksWithTheCount(language: Language) {
        var model = makeModel(dialogData())
        model.language = language
        press(&model, .char(" "), .char(" "), .char("d"))
        #expect(model.modal == "BulkDeleteQuestion")
        #expect(press(&model, .enter).isEmpty)
        #expect(model.modal == "BulkDeleteQuestion")
        press(&model, .escape)
        #expect(model.modal == nil)
        press(&model, .char("d"))
        let effects = press(&model, .char(language == .pl ? "t" : "y"))
        #expect(effects == [.apply(.bulk(BulkChange(phones: [PhoneRef(id: 1, revision: 1), PhoneRef(id: 2, revision: 1)], action: .delete)))])
    }
}
