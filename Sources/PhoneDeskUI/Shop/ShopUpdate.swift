import PhoneDeskCore

func shopKey(_ model: inout AppModel, _ key: Key) -> [Effect] {
    guard var shop = model.shop else { return [] }
    if shop.checkout != nil {
        let effects = checkoutKey(&model, &shop, key)
        if model.shop != nil { model.shop = shop }
        return effects
    }
    if shop.filtering {
        let before = shop.filter
        let page = ShopView.pageSize(model.size)
        switch FilterLine.handle(key, text: &shop.filter) {
        case .edited(let message):
            if let message { model.status = StatusMessage(.error, message) }
            // At the limit (or refused) nothing changes: no products to filter again.
            if shop.filter == before { model.shop = shop; return [] }
        case .keep: shop.filtering = false
        case .clear: shop.filtering = false
        case .up: shop.cursor.move(by: -1, count: shop.products(model.shopData).count, pageSize: page)
        case .down: shop.cursor.move(by: 1, count: shop.products(model.shopData).count, pageSize: page)
        case .ignored: break
        }
        shop.focus = .products
        shop.cursor.clamp(count: shop.products(model.shopData).count, pageSize: page)
        model.shop = shop
        return []
    }
    guard let action = ShopKeys.shop.action(for: key) else { return [] }
    model.status = nil
    let products = shop.products(model.shopData)
    let page = ShopView.pageSize(model.size)
    var effects: [Effect] = []
    func moveCategory(_ delta: Int) {
        let all = ProductCategory.allCases
        let index = all.firstIndex(of: shop.category) ?? 0
        shop.category = all[min(max(0, index + delta), all.count - 1)]
        shop.cursor = ListCursor()
        shop.filter = ""
    }
    switch action {
    case .switchFocus: shop.focus = shop.focus == .menu ? .products : .menu
    case .left: shop.focus = .menu
    case .right: shop.focus = .products
    case .up, .down, .first, .last:
        let delta = [ShopAction.up: -1, .down: 1, .first: -1_000, .last: 1_000][action] ?? 0
        if shop.focus == .menu { moveCategory(delta) } else { shop.cursor.move(by: delta, count: products.count, pageSize: page) }
    case .addToCart:
        if shop.focus == .menu { shop.focus = .products; break }
        guard products.indices.contains(shop.cursor.selected) else { break }
        let product = products[shop.cursor.selected]
        var cart = model.data.cart
        if let index = cart.firstIndex(where: { $0.sku == product.sku }) {
            guard cart[index].quantity < CartLine.quantities.upperBound else {
                model.status = StatusMessage(.error, CartLine.fullMessage)
                break
            }
            cart[index].quantity += 1
        } else { cart.append(CartLine(sku: product.sku, quantity: 1)) }
        model.setCart(cart)
        let items = cart.reduce(0) { $0 + $1.quantity }
        model.status = StatusMessage(.success, "Added \(product.name) to the cart (\(items) item\(items == 1 ? "" : "s")); c checks out.")
        effects = [.saveCart(cart)]
    case .filter:
        shop.filtering = true
        shop.focus = .products
    case .checkout:
        if let refusal = writeRefusal(model) { model.status = refusal; break }
        model.checkoutsOpened += 1
        shop.checkout = CheckoutModel(idempotencyKey: "\(model.sessionID)-\(model.checkoutsOpened)", data: model.data)
        if model.data.cart.isEmpty { shop.checkout?.message = StatusMessage(.info, "The cart is empty: Esc, then Enter on a product.") }
    case .back:
        // A kept filter goes first: Esc leaving the shop with it lost where the operator was.
        guard shop.filter.isEmpty else {
            shop.filter = ""
            shop.cursor.clamp(count: shop.products(model.shopData).count, pageSize: ShopView.pageSize(model.size))
            break
        }
        model.shop = nil
        return []
    case .help: model.helpVisible = true
    case .quit:
        model.shop = shop
        return requestQuit(&model)
    }
    model.shop = shop
    return effects
}

private func checkoutKey(_ model: inout AppModel, _ shop: inout ShopModel, _ key: Key) -> [Effect] {
    guard var checkout = shop.checkout else { return [] }
    var closing = false
    defer { shop.checkout = closing ? nil : checkout }
    if let window = checkout.window {
        if case .confirmation = window {
            closing = key == .enter || key == .escape
            return []
        }
        return checkoutWindowKey(&model, &checkout, window, key)
    }
    if checkout.processing { return [] }  // Pay cannot be pressed twice while charging
    if let global = PhonesKeys.global.action(for: key) {
        switch global {
        case .help: model.helpVisible = true; return []
        case .quit: return requestQuit(&model)
        }
    }
    guard let action = ShopKeys.checkout.action(for: key) else { return [] }
    checkout.message = nil
    let options = checkout.paymentOptions(model.data, today: model.today)
    var cart = model.data.cart
    switch action {
    case .nextSection, .previousSection:
        let all = CheckoutModel.Section.allCases
        let step = action == .nextSection ? 1 : all.count - 1
        checkout.section = all[(checkout.section.rawValue + step) % all.count]
    case .up, .down:
        let delta = action == .up ? -1 : 1
        switch checkout.section {
        case .cart: checkout.cartLine = min(max(0, checkout.cartLine + delta), max(0, cart.count - 1))
        case .payment: checkout.paymentIndex = min(max(0, checkout.paymentIndex + delta), options.count - 1)
        default:
            let all = CheckoutModel.Section.allCases
            checkout.section = all[min(max(0, checkout.section.rawValue + delta), all.count - 1)]
        }
    case .more, .less, .remove:
        guard checkout.section == .cart, cart.indices.contains(checkout.cartLine) else { return [] }
        switch action {
        case .more:
            guard cart[checkout.cartLine].quantity < CartLine.quantities.upperBound else {
                checkout.message = StatusMessage(.error, CartLine.fullMessage)
                return []
            }
            cart[checkout.cartLine].quantity += 1
        case .less:
            if cart[checkout.cartLine].quantity > 1 { cart[checkout.cartLine].quantity -= 1 } else { cart.remove(at: checkout.cartLine) }
        default: cart.remove(at: checkout.cartLine)
        }
        checkout.cartLine = min(checkout.cartLine, max(0, cart.count - 1))
        model.setCart(cart)
        return [.saveCart(cart)]
    case .activate:
        switch checkout.section {
        case .cart: checkout.section = .address
        case .address:
            checkout.window = .address(AddressWindow(savedCount: model.data.account.addresses.count, selected: checkout.addressIndex))
        case .payment:
            switch options[checkout.paymentIndex] {
            case .newCard: checkout.window = .card(CardWindow())
            case .saved(_, expired: true): checkout.message = StatusMessage(.error, "This card has expired; choose another.")
            default: checkout.section = .pay
            }
        case .pay:
            return pay(&model, &checkout, options)
        }
    case .close:
        closing = true
        return []
    }
    return []
}

private func pay(_ model: inout AppModel, _ checkout: inout CheckoutModel, _ options: [CheckoutModel.PaymentOption]) -> [Effect] {
    let quote = Pricing.quote(model.data.cart, shop: model.shopData, country: checkout.address(model.data)?.country)
    guard !quote.lines.isEmpty else { checkout.message = StatusMessage(.error, "The cart is empty."); return [] }
    guard let address = checkout.address(model.data) else {
        checkout.message = StatusMessage(.error, "Choose a delivery address first (Enter on Delivery address).")
        checkout.section = .address
        return []
    }
    let payment: PaymentChoice
    switch options[checkout.paymentIndex] {
    case .companyAccount:
        if model.data.account.balance.cents < quote.total {
            checkout.message = StatusMessage(.error, CheckoutRejection.insufficientBalance(
                balance: model.data.account.balance, total: Money(cents: quote.total, currency: quote.currency)).message)
            return []
        }
        payment = .companyAccount
    case .saved(let card, let expired):
        if expired { checkout.message = StatusMessage(.error, "This card has expired; choose another."); return [] }
        payment = .savedCard(card)
    case .newCard:
        guard let card = checkout.newCard else { checkout.window = .card(CardWindow()); return [] }
        payment = .newCard(card, save: checkout.saveNewCard)
    }
    checkout.processing = true
    checkout.message = StatusMessage(.info, "Processing…")
    return [.checkout(CheckoutRequest(idempotencyKey: checkout.idempotencyKey, cart: model.data.cart, address: address,
                                      payment: payment, expectedTotal: quote.total))]
}

private func checkoutWindowKey(_ model: inout AppModel, _ checkout: inout CheckoutModel,
                               _ window: CheckoutWindow, _ key: Key) -> [Effect] {
    switch window {
    case .confirmation:
        return []
    case .card(var card):
        switch formStep(&model, &card.form, key) {
        case .done(let global): return global
        case .close: checkout.window = nil; return []
        case .submit:
            if let (details, save) = card.submit(today: model.today) {
                checkout.newCard = details
                checkout.saveNewCard = save
                checkout.window = nil
                // The card is chosen; the next natural key is Enter on [Pay].
                checkout.section = .pay
                checkout.paymentIndex = checkout.paymentOptions(model.data, today: model.today).count - 1
                return []
            }
        case .event(.edited(let id)): card.edited(id)
        case .event: break
        }
        checkout.window = .card(card)
        return []
    case .address(var address):
        if address.listFocused {
            let saved = model.data.account.addresses
            switch ShopKeys.addressList.action(for: key) {
            case .up?: address.listCursor = max(0, address.listCursor - 1)
            case .down?: address.listCursor = min(max(0, saved.count - 1), address.listCursor + 1)
            case .toForm?: address.listFocused = false; address.form.focus = 0
            case .use?:
                if saved.indices.contains(address.listCursor) {
                    checkout.addressIndex = address.listCursor
                    checkout.window = nil
                    checkout.section = .payment
                    return []
                }
            case .back?: checkout.window = nil; return []
            case nil:
                if let global = PhonesKeys.global.action(for: key) {
                    if global == .help { model.helpVisible = true } else { return requestQuit(&model) }
                }
            }
            checkout.window = .address(address)
            return []
        }
        if key == .backTab, address.form.focus == 0, !model.data.account.addresses.isEmpty {
            address.listFocused = true
            checkout.window = .address(address)
            return []
        }
        var effects: [Effect] = []
        switch formStep(&model, &address.form, key) {
        case .done(let global): return global
        case .close: checkout.window = nil; return []
        case .submit:
            if let new = address.submit() { effects = [.addAddress(new)] }
        case .event(.left(AddressWindow.ID.postalCode)), .event(.edited(AddressWindow.ID.country)):
            // Say at once when the postal code does not fit the chosen country.
            let current = address.address
            address.form[AddressWindow.ID.postalCode].error = current.country.isEmpty || current.postalCode.isEmpty
                ? nil : PostalCodes.check(current.postalCode, country: current.country)
        case .event: break
        }
        checkout.window = .address(address)
        return effects
    }
}

func addressAdded(_ model: inout AppModel, _ address: PostalAddress, _ result: AddressResult) {
    switch result {
    case .saved(let data):
        model.replaceData(data)
        guard var shop = model.shop, var checkout = shop.checkout else { return }
        checkout.addressIndex = data.account.addresses.firstIndex(of: address)
        checkout.window = nil
        checkout.section = .payment
        checkout.message = StatusMessage(.success, "Delivery address added; delivery and VAT updated.")
        shop.checkout = checkout
        model.shop = shop
    case .rejected(let rejection): model.status = StatusMessage(.error, rejection.message)
    case .failed(let error): model.status = StatusMessage(.error, error.description)
    }
}

func checkoutFinished(_ model: inout AppModel, key: String, _ result: CheckoutResult) {
    var checkout = model.shop?.checkout
    if checkout?.idempotencyKey == key { checkout?.processing = false }
    switch result {
    case .saved(let outcome):
        model.replaceData(outcome.data)
        // The card's number and CVC leave memory with the checkout.
        checkout?.newCard = nil
        checkout?.window = .confirmation(outcome.order)
        checkout?.message = nil
        model.status = StatusMessage(.success, "Order \(outcome.order.number) placed: \(outcome.order.money(outcome.order.total)).")
    case .rejected(let rejection):
        checkout?.message = StatusMessage(.error, rejection.message)
        if checkout?.idempotencyKey == key { checkout?.attempt += 1 }  // nothing was charged
    case .failed(let error):
        checkout?.message = StatusMessage(.error, error.description)
    }
    if checkout != nil { model.shop?.checkout = checkout }
}

func ordersKey(_ model: inout AppModel, _ key: Key) -> [Effect] {
    guard var screen = model.ordersScreen, let action = ShopKeys.orders.action(for: key) else { return [] }
    let count = model.data.orders.count
    let page = ShopView.pageSize(model.size)
    switch action {
    case .up: screen.cursor.move(by: -1, count: count, pageSize: page)
    case .down: screen.cursor.move(by: 1, count: count, pageSize: page)
    case .first: screen.cursor.move(by: -count, count: count, pageSize: page)
    case .last: screen.cursor.move(by: count, count: count, pageSize: page)
    case .open:
        let orders = Array(model.data.orders.reversed())
        if orders.indices.contains(screen.cursor.selected) { screen.detail = orders[screen.cursor.selected].number }
    case .back:
        if screen.detail != nil { screen.detail = nil } else { model.ordersScreen = nil; return [] }
    case .help: model.helpVisible = true
    case .quit: return requestQuit(&model)
    }
    model.ordersScreen = screen
    return []
}
