import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The key bar shows the keys of what has focus, and the table's spare keys where there is room.
struct FooterFocusTests {
    func bar(_ model: AppModel) -> [String] {
        KeyBar.layout(footerItems(model), width: model.size.width, language: model.language).map(\.0.label)
    }

    @Test func windowsNeverShowTheTablesKeys() {
        let places: [(String, (inout AppModel) -> Void)] = [
            ("form", { press(&$0, .char("a")) }),
            ("help", { press(&$0, .char("?")) }),
            ("checkout", { press(&$0, .char("b"), .char("c")) }),
            ("hot desking", { press(&$0, .char("s")) }),
            ("delete question", { press(&$0, .char("d")) }),
        ]
        for (name, setup) in places {
            var model = shopModel(dialogData())
            setup(&model)
            let labels = bar(model)
            #expect(!labels.contains("Add") && !labels.contains("Filter") && !labels.contains("Orders"), "\(name): \(labels)")
        }
    }

    @Test func ordersAndCopyURLJoinTheTablesBarWhereThereIsRoom() {
        let wide = bar(makeModel(width: 120, height: 40))
        #expect(wide.contains("Orders") && wide.contains("Copy URL") && wide.contains("Quit"))
        var polish = makeModel()
        polish.language = .pl
        let narrow = bar(polish)
        // At 80 columns in Polish they give way: help and quit stay.
        #expect(!narrow.contains("Copy URL") && narrow.contains("Help") && narrow.contains("Quit"))
        // Help always lists them.
        var help = makeModel()
        press(&help, .char("?"))
        let rows = (help.navigation.top as? HelpFeature)?.focus.sections.flatMap(\.rows).map(\.keys) ?? []
        #expect(rows.contains("o") && rows.contains("c"))
    }

    @Test func questionsAnswerTheSameWayInEitherLanguage() {
        for (language, yes) in [(Language.en, "y"), (.pl, "t"), (.pl, "y"), (.en, "T")] {
            var model = makeModel()
            model.language = language
            press(&model, .char("d"))
            #expect(model.deleteQuestion != nil)
            press(&model, .enter)
            #expect(model.deleteQuestion != nil, "Enter does not delete")
            #expect(press(&model, .char(Character(yes))) == [.apply(.delete(id: 1, baseRevision: 1))])
        }
        var model = makeModel()
        press(&model, .char("d"), .escape)
        #expect(model.modal == nil)
        model.language = .pl
        press(&model, .char("d"))
        #expect(footerItems(model).map(\.key) == [.char("t"), .char("n")])
        #expect(view(model).text.contains("t tak · n nie"))
    }
}
