import PhoneDeskCore

/// Figures 15.5–15.8 and the orders screen.
public enum ShopView {
    /// Title, header, rule, status, key bar and a spare row.
    static let chromeRows = 6
    static let menuWidth = 26

    public static func pageSize(_ size: TermSize) -> Int { max(1, size.height - chromeRows) }

    static let productColumns = [TableColumn("Product", min: 22, weight: 3), TableColumn("Price (net)", min: 12, weight: 0),
                                 TableColumn("Availability", min: 14, weight: 1)]

    static func titleBar(_ text: String, right: String, in canvas: inout Canvas) {
        canvas.fill(Rect(x: 0, y: 0, width: canvas.width, height: 1), style: Style(.primary, reverse: true))
        canvas.put(text, x: 0, y: 0, style: Style(.primary, bold: true, reverse: true))
        canvas.put(right + " ", x: canvas.width - CellWidth.of(right) - 1, y: 0, style: Style(.primary, bold: true, reverse: true))
    }

    public static func draw(_ model: AppModel, _ shop: ShopModel, in canvas: inout Canvas) {
        let width = canvas.width, height = canvas.height
        let items = model.data.cart.reduce(0) { $0 + $1.quantity }
        titleBar(" phonedesk │ \(model.data.account.name) │ \(model.t("Shop"))", right: model.t("cart: \(items) item\(items == 1 ? "" : "s")"), in: &canvas)
        // Category menu.
        for (index, category) in ProductCategory.allCases.enumerated() {
            let chosen = category == shop.category && shop.filter.isEmpty
            let style = chosen ? (shop.focus == .menu ? Style(.selection, reverse: true) : Style(.primary, bold: true)) : .text
            canvas.put(CellWidth.pad(" " + model.t(category.title), to: menuWidth - 1), x: 0, y: 2 + index, style: style)
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
            ColumnTable.drawRow([product.name, Money(cents: product.price, currency: model.shopData.currency).display, model.t(product.availability)],
                                widths: widths, x: listX, y: 2 + offset, rowWidth: width - listX - 1, selected: selected, in: &canvas)
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
        if let checkout = shop.checkout { drawCheckout(model, checkout, in: &canvas) }
    }

    // MARK: Checkout

    static func addressLine(_ a: PostalAddress) -> String {
        [a.name, a.street, "\(a.postalCode) \(a.city)", a.country].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    static func drawCheckout(_ model: AppModel, _ checkout: CheckoutModel, in canvas: inout Canvas) {
        canvas.cursor = nil
        let rect = canvas.bounds.centred(width: 76, height: 22)
        canvas.window(rect, title: model.t("Checkout"))
        let x = rect.x + 2, inner = rect.width - 4
        let address = checkout.address(model.data)
        let quote = Pricing.quote(model.data.cart, shop: model.shopData, country: address?.country)
        func label(_ text: String, _ section: CheckoutModel.Section, y: Int) {
            let focused = checkout.section == section
            canvas.put((focused ? "›" : " ") + model.t(text), x: rect.x + 1, y: y, style: Style(focused ? .primary : .muted, bold: focused))
        }
        // Cart lines (4 visible).
        label("Cart", .cart, y: rect.y + 1)
        let visible = 4
        let first = max(0, min(checkout.cartLine - visible + 1, quote.lines.count - visible))
        for (offset, line) in quote.lines.dropFirst(first).prefix(visible).enumerated() {
            let index = first + offset
            let selected = checkout.section == .cart && index == checkout.cartLine
            let text = CellWidth.pad(line.product.name, to: inner - 30) + String(repeating: " ", count: 2)
                + CellWidth.pad("× \(line.quantity)", to: 8) + quote.money(line.total).leftPadded(to: 18)
            canvas.put(text, x: x, y: rect.y + 2 + offset, style: selected ? Style(.selection, reverse: true) : .text, limit: inner)
        }
        if quote.lines.isEmpty { canvas.put(model.t("(empty)"), x: x, y: rect.y + 2, style: .muted) }
        // Delivery address.
        label("Delivery address", .address, y: rect.y + 7)
        let addressText = address.map(addressLine) ?? model.t("— none yet: Enter to choose or add one —")
        canvas.put(addressText, x: x + 18, y: rect.y + 7, style: address == nil ? Style(.warning) : .text, limit: inner - 18)
        // Payment methods.
        label("Payment method", .payment, y: rect.y + 9)
        let options = checkout.paymentOptions(model.data, today: model.today)
        for (index, option) in options.prefix(5).enumerated() {
            let chosen = index == checkout.paymentIndex
            let text: String
            var style = Style.text
            switch option {
            case .companyAccount: text = model.t("Company account (balance \(model.data.account.balance.display))")
            case .saved(let card, let expired):
                text = "\(CardRules.masked(brand: card.brand, last4: card.last4))  \(String(format: "%02d/%02d", card.expiryMonth, card.expiryYear % 100))"
                    + (expired ? "  " + model.t("expired") : "")
                if expired { style = .muted }
            case .newCard:
                text = checkout.newCard.map { model.t("New card: \($0.description)") + (checkout.saveNewCard ? model.t(" (will be saved)") : "") }
                    ?? model.t("New card…")
            }
            let mark = chosen ? "(•) " : "( ) "
            let focusedRow = chosen && checkout.section == .payment
            canvas.put(mark + text, x: x + 18, y: rect.y + 9 + index, style: focusedRow ? Style(.selection, reverse: true) : style,
                       limit: inner - 18)
        }
        // Totals.
        let totalsY = rect.y + 15
        let zone = model.t(quote.zone.map { ["domestic": "domestic", "eu": "EU", "world": "world"][$0.rawValue] ?? "" } ?? "no address")
        let kilos = String(format: "%.1f kg", Double(quote.weightGrams) / 1000)
        canvas.put(model.t("Subtotal").padding(to: 9) + quote.money(quote.subtotal).leftPadded(to: 14), x: x, y: totalsY, style: .text)
        canvas.put(model.t("Delivery (\(zone), \(kilos))") + " " + quote.money(quote.delivery), x: x + 34, y: totalsY, style: .text, limit: inner - 34)
        canvas.put(model.t("VAT \(Pricing.vatText(quote.vatBasisPoints))").padding(to: 9) + quote.money(quote.vat).leftPadded(to: 14),
                   x: x, y: totalsY + 1, style: .text)
        canvas.put(model.t("Total") + " " + quote.money(quote.total), x: x + 34, y: totalsY + 1, style: Style(.text, bold: true))
        let payLabel = "[ " + model.t("Pay \(quote.money(quote.total))") + " ]"
        let payStyle = checkout.section == .pay ? Style(.selection, reverse: true) : Style(.primary, bold: true)
        canvas.put(payLabel, x: rect.maxX - 2 - CellWidth.of(payLabel), y: totalsY + 3, style: payStyle)
        if let message = checkout.message {
            let role: Role = [.info: .accent, .success: .success, .warning: .warning, .error: .error][message.kind] ?? .text
            canvas.put(model.t(message.text), x: x, y: rect.maxY - 2, style: Style(role, bold: message.kind == .error), limit: inner)
        } else {
            canvas.put(model.t("Tab section · +/- quantity · x remove · Enter open/pay · Esc close"), x: x, y: rect.maxY - 2, style: .muted)
        }
        switch checkout.window {
        case .address(let window)?: drawAddressWindow(model, window, in: &canvas)
        case .card(let window)?: FormView.draw(window.form, in: &canvas, note: cardNote, language: model.language)
        case .confirmation(let order)?:
            MessageBox.draw(title: model.t("Order placed"), lines: [
                (model.t("Order \(order.number) is placed and paid (\(model.t(order.payment.label)))."), Style(.success, bold: true)),
                (model.t("Total \(order.money(order.total)); delivery to \(order.address.city), \(order.address.country)."), .text),
                (order.phoneIDs.isEmpty ? "" : model.t("\(order.phoneIDs.count) phone(s) joined the account as \"Awaiting delivery\"."), .text),
            ], hint: model.t("Enter or Esc closes"), in: &canvas)
        case nil: break
        }
    }

    /// The saved addresses sit in the form's note rows, above the new-address fields.
    static func addressNote(_ model: AppModel, _ window: AddressWindow) -> [String] {
        let saved = model.data.account.addresses
        var note = [model.t("Saved addresses (Enter uses one; Tab goes to a new address):")]
        if saved.isEmpty { note.append("  " + model.t("none yet")) }
        for (index, address) in saved.prefix(3).enumerated() {
            note.append(((window.listFocused && index == window.listCursor) ? "› " : "  ") + addressLine(address))
        }
        return note
    }

    static let cardNote = ["Test cards: 4242 4242 4242 4242 approves."]
    static let addressWidth = 72

    static func drawAddressWindow(_ model: AppModel, _ window: AddressWindow, in canvas: inout Canvas) {
        let saved = model.data.account.addresses
        let note = addressNote(model, window)
        var form = window.form
        if window.listFocused { form.focus = -1 }
        let rect = FormView.draw(form, in: &canvas, width: addressWidth, note: note, language: model.language)
        if window.listFocused, saved.indices.contains(window.listCursor), window.listCursor < 3 {
            let y = rect.y + 2 + window.listCursor
            canvas.put(CellWidth.pad("› " + addressLine(saved[window.listCursor]), to: rect.width - 4), x: rect.x + 2, y: y,
                       style: Style(.selection, reverse: true))
        }
    }

    // MARK: Orders

    static let orderColumns = [TableColumn("Order", min: 13, weight: 1), TableColumn("Date", min: 16, weight: 0),
                               TableColumn("Total", min: 14, weight: 0), TableColumn("Payment", min: 16, weight: 2),
                               TableColumn("Status", min: 6, weight: 0)]

    public static func drawOrders(_ model: AppModel, _ screen: OrdersModel, in canvas: inout Canvas) {
        let orders = Array(model.data.orders.reversed())
        titleBar(" phonedesk │ \(model.data.account.name) │ \(model.t("Orders"))", right: model.t("\(orders.count) order\(orders.count == 1 ? "" : "s")"), in: &canvas)
        let widths = ColumnTable.widths(orderColumns, width: canvas.width - 2)
        ColumnTable.drawHeader(orderColumns, widths: widths, x: 1, y: 1, in: &canvas, language: model.language)
        let page = pageSize(model.size)
        let top = min(screen.cursor.top, max(0, orders.count - page))
        for (offset, order) in orders.dropFirst(top).prefix(page).enumerated() {
            ColumnTable.drawRow([order.number, order.date.minuteText,
                                 order.money(order.total), model.t(order.payment.label), model.t(order.status.label)],
                                widths: widths, x: 1, y: 2 + offset, rowWidth: canvas.width - 2,
                                selected: top + offset == screen.cursor.selected, in: &canvas)
        }
        if orders.isEmpty { canvas.put(model.t("No orders yet — b opens the shop."), x: 2, y: 3, style: .muted) }
        canvas.hline(x: 0, y: canvas.height - 3, width: canvas.width)
        if let number = screen.detail, let order = orders.first(where: { $0.number == number }) {
            var lines: [(String, Style)] = [("\(order.date.minuteText)  ·  \(model.t(order.status.label))  ·  \(model.t(order.payment.label))", .muted)]
            for line in order.lines.prefix(6) {
                lines.append((CellWidth.pad("\(line.quantity) × \(line.name)", to: 46) + order.money(line.total).leftPadded(to: 16), .text))
            }
            let zone = model.t(["domestic": "domestic", "eu": "EU", "world": "world"][order.zone.rawValue] ?? "")
            lines.append((model.t("Delivery (\(zone))").padding(to: 46) + order.money(order.delivery).leftPadded(to: 16), .text))
            lines.append((model.t("VAT \(Pricing.vatText(order.vatBasisPoints))").padding(to: 46) + order.money(order.vat).leftPadded(to: 16), .text))
            lines.append((model.t("Total").padding(to: 46) + order.money(order.total).leftPadded(to: 16), Style(.text, bold: true)))
            lines.append((model.t("To:") + " " + addressLine(order.address), .text))
            MessageBox.draw(title: model.t("Order \(order.number)"), lines: lines, hint: model.t("Esc back"), in: &canvas, width: 70)
        }
    }
}

extension String {
    /// Right-aligns in `width` columns.
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - CellWidth.of(self))) + self }
    func padding(to width: Int) -> String { CellWidth.pad(self, to: width) }
}
