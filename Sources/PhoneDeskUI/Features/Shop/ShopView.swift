import PhoneDeskCore

/// Figures 15.5–15.8 and the orders screen.
public enum ShopView {
    /// Title, header, rule, status, key bar and a spare row.
    static let chromeRows = 6
    static let menuWidth = 26

    public static func pageSize(_ size: TermSize) -> Int { max(1, size.height - chromeRows) }

    static let productColumns = [TableColumn("Product", min: 22, weight: 3), TableColumn("Price (net)", min: 12, weight: 0),
                                 TableColumn("Availability", min: 14, weight: 1)]

    static func draw(_ shop: ShopFeature, _ model: Context, in canvas: inout Canvas) -> [ClickRegion<ShopFeature.Action>] {
        let width = canvas.width, height = canvas.height
        var clicks: [ClickRegion<ShopFeature.Action>] = []
        let items = model.data.cart.reduce(0) { $0 + $1.quantity }
        TitleBar.draw(" phonedesk │ \(model.data.account.name) │ \(model.t("Shop"))", right: model.t("cart: " + Plural.count(items, "item", "items")), in: &canvas)
        // Category menu.
        for (index, category) in ProductCategory.allCases.enumerated() {
            let chosen = category == shop.category && shop.filter.isEmpty
            let style = chosen ? (shop.focus == .menu ? Style(.selection, reverse: true) : Style(.primary, bold: true)) : .text
            canvas.put(CellWidth.pad(" " + model.t(category.title), to: menuWidth - 1), x: 0, y: 2 + index, style: style)
            clicks.append(ClickRegion(Rect(x: 0, y: 2 + index, width: menuWidth - 1, height: 1), .clickCategory(category)))
        }
        for y in 1..<(height - 3) { canvas.put("│", x: menuWidth - 1, y: y, style: .border) }
        let products = shop.products(model.shopData)
        let listX = menuWidth + 1
        let widths = ColumnTable.widths(productColumns, width: width - listX - 1)
        ColumnTable.drawHeader(productColumns, widths: widths, x: listX, y: 1, in: &canvas, language: model.language)
        let page = pageSize(model.size)
        let top = min(shop.cursor.top, max(0, products.count - page))
        for (offset, product) in products.dropFirst(top).prefix(page).enumerated() {
            let selected = top + offset == shop.cursor.selected && shop.focus == .products
            ColumnTable.drawRow([product.name, model.money(product.price, model.shopData.currency), model.t(product.availability)],
                                widths: widths, x: listX, y: 2 + offset, rowWidth: width - listX - 1, selected: selected, in: &canvas)
            clicks.append(ClickRegion(Rect(x: menuWidth - 1, y: 2 + offset, width: width - menuWidth + 1, height: 1), .clickRow(top + offset)))
        }
        if products.isEmpty { canvas.put(model.t("No product matches \"\(shop.filter)\"."), x: listX + 1, y: 3, style: .muted) }
        canvas.hline(x: 0, y: height - 3, width: width)
        if products.indices.contains(shop.cursor.selected) {
            let product = products[shop.cursor.selected]
            canvas.put(" \(product.sku) · \(product.description) ", x: 2, y: height - 3, style: Style(.primary), limit: width - 30)
        }
        if shop.filtering || !shop.filter.isEmpty {
            let label = " \(model.t("Filter")): /\(shop.filter) "
            let fx = width - 2 - CellWidth.of(label)
            canvas.put(label, x: fx, y: height - 3, style: Style(.accent, bold: true))
            if shop.filtering { canvas.cursor = (fx + CellWidth.of(label) - 1, height - 3) }
        }
        return clicks
    }
}
