import PhoneDeskCore

/// Draws the whole panel for the model's terminal size. Pure.
public func view(_ model: AppModel) -> Canvas {
    var canvas = drawn(model)
    // The terminal's cursor never leaves the screen, whatever a widget computed.
    if let cursor = canvas.cursor, !(0..<canvas.width).contains(cursor.x) || !(0..<canvas.height).contains(cursor.y) {
        canvas.cursor = nil
    }
    return canvas
}

/// The panel as the widgets drew it, before `view` hides a cursor placed off the screen: the
/// fuzz checks this one, so a widget's wrong cursor is a failure, not a silently hidden cursor.
func drawn(_ model: AppModel) -> Canvas {
    var canvas = Canvas(width: model.size.width, height: model.size.height)
    if model.size.isTooSmall {
        drawTooSmall(model.size, language: model.language, in: &canvas)
        return canvas
    }
    if let settings = model.settings {
        SettingsView.draw(model, settings, in: &canvas)
        drawStatus(model, in: &canvas)
    } else if let shop = model.shop {
        ShopView.draw(model, shop, in: &canvas)
        if shop.checkout == nil { drawStatus(model, in: &canvas) }
    } else if let screen = model.ordersScreen {
        ShopView.drawOrders(model, screen, in: &canvas)
        drawStatus(model, in: &canvas)
    } else {
        PhonesView.draw(model, in: &canvas)
        drawPhonesModal(model, in: &canvas)
    }
    if model.confirmingQuit {
        canvas.cursor = nil
        MessageBox.draw(title: model.t("Quit"), lines: [(model.t("Quit and discard your unsaved changes?"), Style(.warning, bold: true))],
                        hint: model.t("y quit · any other key stays"), in: &canvas, width: 50)
    }
    if model.helpVisible {
        canvas.cursor = nil
        let (title, sections) = helpSections(model)
        HelpView.draw(title: title, sections: sections, in: &canvas, language: model.language)
    }
    // Last, over any window: the keys of whatever has focus.
    KeyBar.draw(footerItems(model), in: &canvas, y: canvas.height - 1, language: model.language)
    return canvas
}

/// The status line above the key bar, shared by every screen.
func drawStatus(_ model: AppModel, in canvas: inout Canvas) {
    guard let status = model.status else { return }
    let role: Role = [.info: .accent, .success: .success, .warning: .warning, .error: .error][status.kind] ?? .text
    canvas.put(model.t(status.text), x: 1, y: canvas.height - 2, style: Style(role, bold: status.kind == .error), limit: canvas.width - 2)
}

private func drawPhonesModal(_ model: AppModel, in canvas: inout Canvas) {
    switch model.modal {
    case .add(let form)?:
        canvas.cursor = nil
        FormView.draw(form.form, in: &canvas, note: AddPhoneForm.note, busy: model.saving != nil ? "Saving…" : nil, language: model.language)
    case .edit(let form)?:
        canvas.cursor = nil
        FormView.draw(form.form, in: &canvas, note: form.note, busy: model.saving != nil ? "Saving…" : nil, language: model.language)
    case .confirmDelete(let phone)?:
        MessageBox.draw(title: model.t("Delete phone"), lines: [
            (model.t("Delete \"\(phone.name)\" (\(phone.model?.label ?? phone.modelID), \(phone.mac?.display ?? model.t("no MAC")))?"), Style(.text, bold: true)),
            (model.t("Its provisioning file is removed; the phone keeps its last settings."), .muted),
        ], hint: model.t("y delete · n or Esc keep it"), in: &canvas)
    case .provisioningInfo(let name, let url)?:
        MessageBox.draw(title: model.t("Phone added — \(name)"), lines: [
            (model.t("Paste this provisioning URL into the phone's auto-provisioning"), .text),
            (model.t("field (web UI: Settings › Auto Provision › Server URL):"), .text),
            ("", .text),
            (url, Style(.accent, bold: true)),
        ], hint: model.t("c copy · Enter or Esc close"), in: &canvas, width: 72)
    case nil:
        break
    }
}

/// The help shown for the current context, straight from the key tables that handle its input.
func helpSections(_ model: AppModel) -> (String, [(String, [HelpRow])]) {
    let global = ("Everywhere", PhonesKeys.global.helpRows)
    if let settings = model.settings {
        switch settings.modal {
        case .accountForm?, .upload?, .addTemplate?:
            return ("Settings form", [("Form", Form.keys.helpRows), ("Dropdown", Form.dropdownKeys), global])
        case .confirmDelete?: return ("Delete", [("Question", PhonesKeys.dialog.helpRows), global])
        case .templateErrors?: return ("Template errors", [("Window", SettingsKeys.templateErrors.helpRows), global])
        case nil:
            if settings.filtering { return ("Filter", [("Filter", PhonesKeys.filter.helpRows), global]) }
            return ("Settings", [("Settings", SettingsKeys.screen.helpRows)])
        }
    }
    if let shop = model.shop {
        switch shop.checkout?.window {
        case .card?: return ("New card", [("Form", Form.keys.helpRows), global])
        case .address(let window)?:
            return ("Delivery address", window.listFocused ? [("Saved addresses", ShopKeys.addressList.helpRows), global]
                                                          : [("Form", Form.keys.helpRows), ("Dropdown", Form.dropdownKeys), global])
        case .confirmation?: return ("Order placed", [global])
        case nil:
            if shop.checkout != nil { return ("Checkout", [("Checkout", ShopKeys.checkout.helpRows), global]) }
            if shop.filtering { return ("Filter", [("Filter", PhonesKeys.filter.helpRows), global]) }
            return ("Shop", [("Shop", ShopKeys.shop.helpRows)])
        }
    }
    if model.ordersScreen != nil { return ("Orders", [("Orders", ShopKeys.orders.helpRows)]) }
    switch model.modal {
    case .add?, .edit?:
        let title = model.modal.map { if case .add = $0 { return "Add phone" } else { return "Edit phone" } } ?? ""
        return (title, [("Form", Form.keys.helpRows), ("Dropdown", Form.dropdownKeys), global])
    case .confirmDelete?:
        return ("Delete phone", [("Question", PhonesKeys.dialog.helpRows), global])
    case .provisioningInfo?:
        return ("Provisioning URL", [("Window", PhonesKeys.info.helpRows), global])
    case nil:
        if model.filtering { return ("Filter", [("Filter", PhonesKeys.filter.helpRows), global]) }
        return ("Phones", [("Phones", PhonesKeys.table.helpRows)])
    }
}

private func drawTooSmall(_ size: TermSize, language: Language, in canvas: inout Canvas) {
    let text = Localizer.tr("terminal too small (need \(TermSize.minimum.width)×\(TermSize.minimum.height), have \(size.width)×\(size.height))", language)
    let y = max(0, size.height / 2)
    let x = max(0, (size.width - CellWidth.of(text)) / 2)
    canvas.put(text, x: x, y: y, style: Style(.warning, bold: true))
    if size.height > 1 {
        let hint = Localizer.tr("q quits", language)
        canvas.put(hint, x: max(0, (size.width - CellWidth.of(hint)) / 2), y: min(size.height - 1, y + 1), style: .muted)
    }
}
