import PhoneDeskCore

/// Figures 15.6–15.8: the checkout window and its address and card windows.
enum CheckoutView {
    static func draw(_ checkout: CheckoutFeature, _ model: Context, in canvas: inout Canvas) -> [ClickRegion<CheckoutFeature.Action>] {
        var clicks: [ClickRegion<CheckoutFeature.Action>] = []
        func row(_ x: Int, _ y: Int, _ width: Int, _ action: CheckoutFeature.Action) {
            clicks.append(ClickRegion(Rect(x: x, y: y, width: width, height: 1), action))
        }
        canvas.cursor = nil
        let rect = DialogSize.rect(width: min(76, DialogSize.maxWidth(in: DialogSize.area(canvas))), height: 22, in: DialogSize.area(canvas))
        canvas.window(rect, title: model.t("Checkout"))
        let x = rect.x + 2, inner = rect.width - 4
        let address = checkout.address(model.data)
        let quote = Pricing.quote(model.data.cart, shop: model.shopData, country: address?.country)
        func label(_ text: String, _ section: CheckoutFeature.Section, y: Int) {
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
                + CellWidth.pad("× \(line.quantity)", to: 8) + model.money(line.total, quote.currency).leftPadded(to: 18)
            canvas.put(text, x: x, y: rect.y + 2 + offset, style: selected ? Style(.selection, reverse: true) : .text, limit: inner)
            row(x, rect.y + 2 + offset, inner, .clickCartLine(index))
        }
        if quote.lines.isEmpty { canvas.put(model.t("(empty)"), x: x, y: rect.y + 2, style: .muted) }
        // Delivery address.
        label("Delivery address", .address, y: rect.y + 7)
        let addressText = address.map(\.singleLine) ?? model.t("— none yet: Enter to choose or add one —")
        canvas.put(CellWidth.truncate(addressText, to: inner - 18), x: x + 18, y: rect.y + 7, style: address == nil ? Style(.warning) : .text)
        row(rect.x + 1, rect.y + 7, inner + 2, .clickSection(.address))
        // Payment methods.
        label("Payment method", .payment, y: rect.y + 9)
        let options = checkout.paymentOptions(model.data, today: model.today)
        for (index, option) in options.prefix(5).enumerated() {
            let chosen = index == checkout.paymentIndex
            let text: String
            var style = Style.text
            switch option {
            case .companyAccount: text = model.t("Company account (balance \(model.money(model.data.account.balance)))")
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
            row(x + 18, rect.y + 9 + index, inner - 18, .clickPayment(index))
            canvas.put(mark + text, x: x + 18, y: rect.y + 9 + index, style: focusedRow ? Style(.selection, reverse: true) : style,
                       limit: inner - 18)
        }
        // Totals.
        let totalsY = rect.y + 15
        // The zone of the shown address even while the cart is empty (the quote has none then).
        let zone = model.t(address.map { model.shopData.zone(for: $0.country) }
            .map { ["domestic": "domestic", "eu": "EU", "world": "world"][$0.rawValue] ?? "" } ?? "no address")
        let kilos = NumberFormat.kilograms(grams: quote.weightGrams, model.language)
        let rate = quote.lines.isEmpty ? address.flatMap { model.shopData.vatBasisPoints[$0.country] } ?? 0 : quote.vatBasisPoints
        canvas.put(model.t("Subtotal").padding(to: 9) + model.money(quote.subtotal, quote.currency).leftPadded(to: 14), x: x, y: totalsY, style: .text)
        canvas.put(model.t("Delivery (\(zone), \(kilos))") + " " + model.money(quote.delivery, quote.currency), x: x + 34, y: totalsY, style: .text, limit: inner - 34)
        canvas.put(model.t("VAT \(NumberFormat.percent(basisPoints: rate, model.language))").padding(to: 9) + model.money(quote.vat, quote.currency).leftPadded(to: 14),
                   x: x, y: totalsY + 1, style: .text)
        canvas.put(model.t("Total") + " " + model.money(quote.total, quote.currency), x: x + 34, y: totalsY + 1, style: Style(.text, bold: true))
        let payLabel = "[ " + model.t("Pay \(model.money(quote.total, quote.currency))") + " ]"
        let payStyle = checkout.section == .pay ? Style(.selection, reverse: true) : Style(.primary, bold: true)
        canvas.put(payLabel, x: rect.maxX - 2 - CellWidth.of(payLabel), y: totalsY + 3, style: payStyle)
        row(rect.maxX - 2 - CellWidth.of(payLabel), totalsY + 3, CellWidth.of(payLabel), .clickPay)
        // The message (or the keys) in the two rows under [Pay], wrapped at spaces.
        let message = checkout.message.map { (WordWrap.lines(model.t($0.text), width: inner), $0.style) }
            ?? (WordWrap.fields(model.t("Tab section · +/- quantity · x remove · Enter open/pay · Esc close")
                .components(separatedBy: " · "), width: inner), .muted)
        var shown = Array(message.0.prefix(2))
        if message.0.count > 2 { shown[1] = CellWidth.truncate(message.0[1...].joined(separator: " "), to: inner) }
        for (index, line) in shown.enumerated() {
            canvas.put(line, x: x, y: rect.maxY - 1 - shown.count + index, style: message.1, limit: inner)
        }
        switch checkout.window {
        case .address(let window)?:
            let drawn = drawAddressWindow(model, window, in: &canvas)
            // The saved addresses sit in the note rows, above the fields.
            let saved = (0..<min(3, model.data.account.addresses.count)).map {
                ClickRegion(Rect(x: drawn.rect.x + 1, y: drawn.rect.y + 2 + $0, width: drawn.rect.width - 2, height: 1),
                            CheckoutFeature.Action.clickSavedAddress($0))
            }
            return (window.listFocused ? [] : drawn.clicks(CheckoutFeature.Action.key)) + saved
        case .card(let window)?:
            return FormView.draw(window.form, in: &canvas, note: cardNote, language: model.language).clicks(CheckoutFeature.Action.key)
        case .confirmation(let order)?:
            MessageBox.draw(title: model.t("Order placed"), lines: [
                (model.t("Order \(order.number) is placed and paid (\(model.t(order.payment.label)))."), Style(.success, bold: true)),
                (model.t("Total \(model.money(order.total, order.currency)); delivery to \(order.address.city), \(order.address.country)."), .text),
                (order.phoneIDs.isEmpty ? "" : model.t(Plural.count(order.phoneIDs.count, "phone", "phones") + " joined the account as \"Awaiting delivery\"."), .text),
            ], hint: model.t("Enter or Esc closes"), in: &canvas)
            return []
        case nil:
            // While paying, nothing in the window is clickable (keys wait too).
            return checkout.processing ? [] : clicks
        }
    }

    /// The saved addresses sit in the form's note rows, above the new-address fields.
    static func addressNote(_ model: Context, _ window: AddressWindow) -> [String] {
        let saved = model.data.account.addresses
        var note = [model.t("Saved addresses (Enter uses one; Tab goes to a new address):")]
        if saved.isEmpty { note.append("  " + model.t("none yet")) }
        // List rows: shortened, never wrapped (a click on row i uses address i).
        for (index, address) in saved.prefix(3).enumerated() {
            note.append(CellWidth.truncate(((window.listFocused && index == window.listCursor) ? "› " : "  ") + address.singleLine, to: addressWidth - 4))
        }
        return note
    }

    static let cardNote = ["Test cards: 4242 4242 4242 4242 approves."]
    static let addressWidth = 72

    static func drawAddressWindow(_ model: Context, _ window: AddressWindow, in canvas: inout Canvas) -> FormView.Drawn {
        let saved = model.data.account.addresses
        let note = addressNote(model, window)
        var form = window.form
        if window.listFocused { form.focus = -1 }
        let drawn = FormView.draw(form, in: &canvas, width: addressWidth, note: note, language: model.language)
        let rect = drawn.rect
        if window.listFocused, saved.indices.contains(window.listCursor), window.listCursor < 3 {
            let y = rect.y + 2 + window.listCursor
            canvas.put(CellWidth.pad("› " + saved[window.listCursor].singleLine, to: rect.width - 4), x: rect.x + 2, y: y,
                       style: Style(.selection, reverse: true))
        }
        return drawn
    }
}

extension CheckoutFeature {
    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        CheckoutView.draw(self, context, in: &canvas)
    }
}
