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
        let layout = FormView.layout(model.addForm!.form, bounds: DialogSize.area(width: 80, height: 24), note: AddPhoneForm.note)
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

/// Clicks found by what is on the screen, as an operator aims them.
struct ClickWhatYouSeeTests {
    /// The cell where `text` starts on the screen (nil when it is not shown).
    func locate(_ model: AppModel, _ text: String) -> (x: Int, y: Int)? {
        for (y, line) in view(model).lines.enumerated() {
            if let range = line.range(of: text) { return (CellWidth.of(String(line[..<range.lowerBound])), y) }
        }
        return nil
    }

    @discardableResult
    func click(_ model: inout AppModel, on text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Effect] {
        guard let (x, y) = locate(model, text) else { Issue.record("\"\(text)\" is not on the screen", sourceLocation: sourceLocation); return [] }
        return update(&model, .mouse(MouseEvent(x: x + 1, y: y, kind: .click)))
    }

    @Test func aDropdownOpensOnASecondClickAndARowChoosesIt() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        click(&model, on: "— choose —")
        click(&model, on: "— choose —")
        guard case .dropdown(let list)? = model.addForm?.form[.model]?.kind, list.isOpen else { Issue.record("the list did not open"); return }
        click(&model, on: "Yealink T48U")  // in the list only (the table behind shows a T46U)
        guard case .dropdown(let chosen)? = model.addForm?.form[.model]?.kind else { return }
        #expect(!chosen.isOpen && chosen.selectedValue == "yealink-t48u")
    }

    @Test func theCheckoutsRowsAndPayTakeClicks() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"))
        click(&model, on: "New card…")
        #expect(model.checkout?.section == .payment)
        click(&model, on: "New card…")
        if case .card? = model.checkout?.window {} else { Issue.record("a second click on New card did not open the card window") }
        press(&model, .escape)
        click(&model, on: "Company account")
        let effects = click(&model, on: "[ Pay")
        #expect(effects.contains { if case .checkout = $0 { return true } else { return false } })
        // While paying nothing in the window takes a click.
        #expect(click(&model, on: "[ Pay").isEmpty)
    }

    @Test func aSavedAddressIsUsedOnASecondClick() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"), .tab, .enter)
        guard case .address? = model.checkout?.window, let saved = model.data.account.addresses.first else {
            Issue.record("no address window or no saved address"); return
        }
        click(&model, on: saved.name)
        click(&model, on: saved.name)
        #expect(model.checkout?.window == nil)
        #expect(model.checkout?.addressIndex == 0)
    }
}
