/// The key bar of whatever has focus — the table, a filter, a form, a question, help — drawn
/// once at the bottom by `view` and read by the mouse, so a click does what the bar says and a
/// form's bar never offers the table's keys.
func footerItems(_ model: AppModel) -> [FooterItem] {
    if model.confirmingQuit { return PhonesKeys.dialog.footerItems }
    if model.helpVisible { return [FooterItem(key: .escape, label: "Close")] }
    if let settings = model.settings {
        switch settings.modal {
        case .confirmDelete?: return PhonesKeys.dialog.footerItems
        case .templateErrors?: return SettingsKeys.templateErrors.footerItems
        case .some: return Form.keys.footerItems
        case nil: return settings.filtering ? PhonesKeys.filter.footerItems : SettingsKeys.screen.footerItems
        }
    }
    if let shop = model.shop {
        guard let checkout = shop.checkout else { return shop.filtering ? PhonesKeys.filter.footerItems : ShopKeys.shop.footerItems }
        switch checkout.window {
        case .address(let window)?: return window.listFocused ? ShopKeys.addressList.footerItems : Form.keys.footerItems
        case .card?: return Form.keys.footerItems
        case .confirmation?: return [FooterItem(key: .enter, label: "Close")]
        case nil: return ShopKeys.checkout.footerItems
        }
    }
    if model.ordersScreen != nil { return ShopKeys.orders.footerItems }
    switch model.modal {
    case .add?, .edit?: return Form.keys.footerItems
    case .confirmDelete?: return PhonesKeys.dialog.footerItems
    case .provisioningInfo?: return PhonesKeys.info.footerItems
    case nil: return model.filtering ? PhonesKeys.filter.footerItems : PhonesKeys.table.footerItems
    }
}
