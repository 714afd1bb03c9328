import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The one navigation value: features open over the table in a stack, keys go to the top one,
/// results to the one that waits for them, and the key bar is always the focused feature's.
struct NavigationTests {
    @Test func theQuitQuestionOpensOverHelpAndNoGoesBackToIt() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "00")
        press(&model, .function(1), .ctrl("c"))
        #expect(model.confirmingQuit)
        #expect(view(model).lines.joined().contains("Quit and discard your unsaved changes?"))
        press(&model, .char("n"))
        #expect(model.helpVisible)
        press(&model, .escape)
        #expect(model.addForm?.form.text(.mac) == "00")
        press(&model, .ctrl("c"), .char("Y"))
        #expect(model.done)
    }

    @Test func anyKeyButYesKeepsTheTypedInput() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "00")
        press(&model, .ctrl("c"), .char("x"))
        #expect(!model.done && model.addForm != nil)
    }

    /// The settings screen closed before its save came back: the status line still tells.
    @Test func aResultForAClosedScreenStillReachesTheStatusLine() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("2"), .char("d"), .char("y"), .escape)
        #expect(model.settings == nil)
        var data = model.data
        data.backgrounds = []
        _ = update(&model, .settingsFinished(.deleteBackground(name: "Logo"), .saved(SettingsOutcome(data: data, warning: nil))))
        #expect(model.status?.text == "Deleted background \"Logo\".")
        #expect(model.navigation.stack.isEmpty)
    }

    /// The checkout once drew the shop's key bar, which did nothing when clicked.
    @Test func theCheckoutsKeyBarIsItsOwnAndClickable() {
        var model = shopModel()
        press(&model, .char("b"), .char("c"))
        let bar = view(model).lines[23]
        #expect(bar.contains("Esc Close") && !bar.contains("Add to cart"))
        let x = bar.range(of: "Esc Close").map { bar.distance(from: bar.startIndex, to: $0.lowerBound) } ?? 0
        _ = update(&model, .mouse(MouseEvent(x: x + 1, y: 23, kind: .click)))
        #expect(model.checkout == nil && model.shop != nil)
    }

    /// Esc backs out one feature at a time and the table keeps its filter.
    @Test func escBacksOutOneFeatureAtATime() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "mag")
        press(&model, .enter, .char("b"), .char("c"))
        #expect(model.navigation.stack.count == 2)
        press(&model, .escape)
        #expect(model.checkout == nil && model.shop != nil)
        press(&model, .escape)
        #expect(model.navigation.stack.isEmpty)
        #expect(model.table.filter == "mag")
    }

    /// Clicks land where the feature drew: a row of the orders list, not a guessed origin.
    @Test func aClickGoesToTheRegionTheTopFeatureDrew() {
        var model = makeModel()
        press(&model, .char("a"))
        // The table's rows are under the form: a click there does nothing to the table.
        let before = model.table.selected
        _ = update(&model, .mouse(MouseEvent(x: 1, y: 3, kind: .click)))
        #expect(model.table.selected == before && model.addForm != nil)
    }

    /// Help lists the keys of the feature it opened over, and the key bar while help is open is help's.
    @Test func helpShowsTheFocusedFeaturesKeys() {
        var model = shopModel()
        press(&model, .char("b"), .char("c"), .char("?"))
        let screen = view(model).lines.joined(separator: "\n")
        #expect(screen.contains("Keys — Checkout"))
        #expect(screen.contains("one more of the cart line"))
        #expect(view(model).lines[23].contains("Esc Close"))
    }
}
