import PhoneDeskCore

/// The form window on top, as drawn (for turning a click into `.clickField`).
func activeFormWindow(_ model: AppModel) -> (form: Form, noteRows: Int, width: Int)? {
    if let settings = model.settings {
        guard let form = settings.modal?.form else { return nil }
        let note: [String]
        switch settings.modal {
        case .accountForm?: note = HotDeskForm.note
        case .upload?: note = UploadForm.note
        default: note = TemplateForm.note
        }
        return (form, note.count, 66)
    }
    if let checkout = model.shop?.checkout {
        switch checkout.window {
        case .card(let window)?: return (window.form, ShopView.cardNote.count, 66)
        case .address(let window)? where !window.listFocused:
            return (window.form, ShopView.addressNote(model, window).count, ShopView.addressWidth)
        default: return nil
        }
    }
    switch model.modal {
    case .add(let f)?: return (f.form, AddPhoneForm.note.count, 66)
    case .edit(let f)?: return (f.form, f.note.count, 66)
    default: return nil
    }
}

/// Mouse: clicks select rows, fields, buttons, tabs and menu entries; the wheel scrolls.
/// Every click becomes the key that does the same, so there is one code path per action.
func handleMouse(_ model: inout AppModel, _ event: MouseEvent) -> [Effect] {
    if model.size.isTooSmall { return [] }
    // The key bar, on every screen and over every window: a click is its key.
    if event.kind == .click, event.y == model.size.height - 1,
       let key = KeyBar.key(at: event.x, items: footerItems(model), width: model.size.width, language: model.language) {
        return update(&model, .key(key))
    }
    if model.confirmingQuit { return [] }
    if model.helpVisible {
        if event.kind == .click { model.helpVisible = false }
        return []
    }
    let bounds = Canvas(width: model.size.width, height: model.size.height).bounds
    if let (form, noteRows, width) = activeFormWindow(model) {
        if event.kind != .click { return [] }
        let layout = FormView.layout(form, bounds: bounds, width: width, noteRows: noteRows, language: model.language)
        guard let index = layout.field(atX: event.x, y: event.y) else { return [] }
        return update(&model, .key(.clickField(index)))
    }
    let wheel: Key? = event.kind == .wheelUp ? .up : event.kind == .wheelDown ? .down : nil
    if let wheel { return update(&model, .key(wheel)) }
    if let settings = model.settings, settings.modal == nil {
        if event.y == 1, let tab = SettingsView.tab(atX: event.x, language: model.language) {
            model.settings?.tab = tab
            return []
        }
        return clickRow(&model, y: event.y, firstRow: 4, count: settings.rowCount(model.data), top: settings.cursor.top) { model, row in
            guard var current = model.settings else { return [] }
            let again = current.cursor.selected == row
            current.cursor.move(by: row - current.cursor.selected, count: current.rowCount(model.data), pageSize: SettingsView.pageSize(model.size))
            model.settings = current
            return again ? update(&model, .key(.enter)) : []
        }
    }
    if let shop = model.shop, shop.checkout == nil {
        if event.x < ShopView.menuWidth - 1 {
            let index = event.y - 2
            guard ProductCategory.allCases.indices.contains(index) else { return [] }
            model.shop?.category = ProductCategory.allCases[index]
            model.shop?.cursor = ListCursor()
            model.shop?.filter = ""
            model.shop?.focus = .menu
            return []
        }
        let count = shop.products(model.shopData).count
        return clickRow(&model, y: event.y, firstRow: 2, count: count, top: shop.cursor.top) { model, row in
            guard var current = model.shop else { return [] }
            let again = current.focus == .products && current.cursor.selected == row
            current.focus = .products
            current.cursor.move(by: row - current.cursor.selected, count: count, pageSize: ShopView.pageSize(model.size))
            model.shop = current
            return again ? update(&model, .key(.enter)) : []
        }
    }
    if let screen = model.ordersScreen, screen.detail == nil {
        let count = model.data.orders.count
        return clickRow(&model, y: event.y, firstRow: 2, count: count, top: screen.cursor.top) { model, row in
            guard var current = model.ordersScreen else { return [] }
            let again = current.cursor.selected == row
            current.cursor.move(by: row - current.cursor.selected, count: count, pageSize: ShopView.pageSize(model.size))
            model.ordersScreen = current
            return again ? update(&model, .key(.enter)) : []
        }
    }
    if model.settings == nil, model.shop == nil, model.ordersScreen == nil, model.modal == nil, !model.filtering {
        return clickRow(&model, y: event.y, firstRow: 2, count: model.table.visible.count,
                        top: min(model.table.top, max(0, model.table.visible.count - model.pageSize))) { model, row in
            var table = model.table
            let again = table.selected == row
            table.move(by: row - table.selected, pageSize: model.pageSize)
            model.table = table
            return again ? update(&model, .key(.enter)) : []
        }
    }
    return []
}

/// A click on a list row: `select` gets the row's index in the list (a second click opens it).
private func clickRow(_ model: inout AppModel, y: Int, firstRow: Int, count: Int, top: Int,
                      select: (inout AppModel, Int) -> [Effect]) -> [Effect] {
    let row = top + y - firstRow
    guard y >= firstRow, row < count, row >= 0 else { return [] }
    return select(&model, row)
}

