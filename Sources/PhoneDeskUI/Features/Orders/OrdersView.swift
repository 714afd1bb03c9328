import PhoneDeskCore

/// The orders screen: every order, newest first; Enter shows one.
enum OrdersView {
    /// Title, header, rule, status, key bar and a spare row.
    static let chromeRows = 6

    static func pageSize(_ size: TermSize) -> Int { max(1, size.height - chromeRows) }

    static let orderColumns = [TableColumn("Order", min: 13, weight: 1), TableColumn("Date", min: 16, weight: 0),
                               TableColumn("Total", min: 14, weight: 0), TableColumn("Payment", min: 16, weight: 2),
                               TableColumn("Status", min: 6, weight: 0)]

    static func draw(_ screen: OrdersFeature, _ model: Context, in canvas: inout Canvas) -> [ClickRegion<OrdersFeature.Action>] {
        var clicks: [ClickRegion<OrdersFeature.Action>] = []
        let orders = Array(model.data.orders.reversed())
        TitleBar.draw(" phonedesk │ \(model.data.account.name) │ \(model.t("Orders"))", right: model.count(orders.count, "order", "orders"), in: &canvas)
        let widths = ColumnTable.widths(orderColumns, width: canvas.width - 2)
        ColumnTable.drawHeader(orderColumns, widths: widths, x: 1, y: 1, in: &canvas, language: model.language)
        let page = pageSize(model.size)
        let top = min(screen.cursor.top, max(0, orders.count - page))
        for (offset, order) in orders.dropFirst(top).prefix(page).enumerated() {
            ColumnTable.drawRow([order.number, order.date.minuteText,
                                 model.money(order.total, order.currency), model.t(order.payment.label), model.t(order.status.label)],
                                widths: widths, x: 1, y: 2 + offset, rowWidth: canvas.width - 2,
                                selected: top + offset == screen.cursor.selected, in: &canvas)
            clicks.append(ClickRegion(Rect(x: 0, y: 2 + offset, width: canvas.width, height: 1), .clickRow(top + offset)))
        }
        if orders.isEmpty { canvas.put(model.t("No orders yet — b opens the shop."), x: 2, y: 3, style: .muted) }
        canvas.hline(x: 0, y: canvas.height - 3, width: canvas.width)
        if let number = screen.detail, let order = orders.first(where: { $0.number == number }) {
            var lines: [(String, Style)] = [("\(order.date.minuteText)  ·  \(model.t(order.status.label))  ·  \(model.t(order.payment.label))", .muted)]
            for line in order.lines.prefix(6) {
                lines.append((CellWidth.pad("\(line.quantity) × \(line.name)", to: 46) + model.money(line.total, order.currency).leftPadded(to: 16), .text))
            }
            let zone = model.t(["domestic": "domestic", "eu": "EU", "world": "world"][order.zone.rawValue] ?? "")
            lines.append((model.t("Delivery (\(zone))").padding(to: 46) + model.money(order.delivery, order.currency).leftPadded(to: 16), .text))
            lines.append((model.t("VAT \(NumberFormat.percent(basisPoints: order.vatBasisPoints, model.language))").padding(to: 46) + model.money(order.vat, order.currency).leftPadded(to: 16), .text))
            lines.append((model.t("Total").padding(to: 46) + model.money(order.total, order.currency).leftPadded(to: 16), Style(.text, bold: true)))
            lines.append((model.t("To:") + " " + order.address.singleLine, .text))
            MessageBox.draw(title: model.t("Order \(order.number)"), lines: lines, hint: model.t("Esc back"), in: &canvas)
            return []  // the order's window takes no clicks
        }
        return clicks
    }
}

