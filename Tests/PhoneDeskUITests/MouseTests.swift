import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

struct MouseTests {
    func click(_ model: inout AppModel, _ x: Int, _ y: Int) -> [Effect] { update(&model, .mouse(MouseEvent(x: x, y: y, kind: .click))) }

    @Test func clickSelectsARowAndASecondClickEdits() {
        var model = makeModel()
        _ = click(&model, 5, 3)
        #expect(model.selectedPhone?.name == "Magazyn")
        _ = click(&model, 5, 3)
        #expect(model.editForm?.base.name == "Magazyn")
    }

    @Test func wheelMovesTheSelection() {
        var model = makeModel()
        _ = update(&model, .mouse(MouseEvent(x: 0, y: 5, kind: .wheelDown)))
        #expect(model.selectedPhone?.name == "Magazyn")
        _ = update(&model, .mouse(MouseEvent(x: 0, y: 5, kind: .wheelUp)))
        #expect(model.selectedPhone?.name == "Recepcja")
    }

    /// The bar shows the keys of what has focus — a form's own, never the table's (its `d`
    /// did nothing there) — and a click on one is that key.
    @Test func aFormsKeyBarIsItsOwnAndClickable() {
        var model = makeModel()
        press(&model, .char("a"))
        let bar = view(model).lines[23]
        #expect(bar.contains("Ctrl-S Submit") && bar.contains("Esc Cancel"))
        #expect(!bar.contains("Delete"))
        let x = bar.range(of: "Esc Cancel").map { bar.distance(from: bar.startIndex, to: $0.lowerBound) } ?? 0
        _ = click(&model, x + 1, 23)
        #expect(model.addForm == nil)
        press(&model, .char("?"))
        #expect(view(model).lines[23].contains("Esc Close"))
    }

    @Test func theKeyBarIsClickable() {
        var model = makeModel()
        let items = KeyBar.layout(PhonesKeys.table.footerItems, width: 80)
        let add = items.first { $0.0.label == "Add" }!.1
        _ = click(&model, add.lowerBound + 1, 23)
        #expect(model.addForm != nil)
    }

    @Test func clicksFocusFieldsAndPressButtons() {
        var model = makeModel()
        press(&model, .char("a"))
        let layout = FormView.layout(model.addForm!.form, bounds: Rect(x: 0, y: 0, width: 80, height: 24), noteRows: AddPhoneForm.note.count)
        let nameRow = layout.fieldRows[2]!
        _ = click(&model, 30, nameRow)
        #expect(model.addForm?.form.focusedField?.id == .name)
        let cancel = layout.buttons[4]!
        _ = click(&model, cancel.lowerBound + 2, layout.buttonRow)
        #expect(model.modal == nil)
    }

    @Test func clicksSwitchSettingsTabsAndShopCategories() {
        var model = makeModel()
        press(&model, .char("s"))
        let templates = SettingsView.tabLayout()[2].1
        _ = click(&model, templates.lowerBound + 1, 1)
        #expect(model.settings?.tab == .templates)
        press(&model, .escape, .char("b"))
        _ = click(&model, 3, 5)
        #expect(model.shop?.category == .headsets)
    }
}
