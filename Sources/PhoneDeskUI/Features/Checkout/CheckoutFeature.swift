import PhoneDeskCore

/// Figures 15.6–15.8: the checkout window over the shop, and the windows it opens.
public struct CheckoutFeature: Feature, Equatable {
    public enum Action: Sendable {
        case key(Key)
        /// Clicks: a cart line, a section's row, a payment method, [Pay], a saved address.
        case clickCartLine(Int)
        case clickSection(Section)
        case clickPayment(Int)
        case clickPay
        case clickSavedAddress(Int)
        case addressAdded(PostalAddress, AddressResult)
        case checkoutFinished(key: String, CheckoutResult)
    }

    public enum Section: Int, CaseIterable, Sendable { case cart, address, payment, pay }
    public var section: Section = .cart
    public var cartLine = 0
    /// Index into the account's saved addresses.
    public var addressIndex: Int?
    /// Index into `paymentOptions`.
    public var paymentIndex = 0
    /// The card from the card window, kept in memory only until the charge.
    public var newCard: CardDetails?
    public var saveNewCard = false
    /// One per checkout window and payment attempt: a second Pay cannot charge twice, and a
    /// declined attempt (nothing charged) lets the next one try another card.
    public var idempotencyKey: String { attempt == 0 ? checkoutKey : "\(checkoutKey)-\(attempt)" }
    let checkoutKey: String
    var attempt = 0
    public var processing = false
    public var message: StatusMessage?
    public var window: CheckoutWindow?
    /// The new address being saved from the address window; cleared when the operator leaves
    /// that window another way, so a late result does not replace the address they chose.
    var addingAddress: PostalAddress?
    /// The card was charged but the order not saved: only this checkout's Pay places it
    /// without charging again, so leaving asks first.
    var unplacedCharge = false

    /// `remembered`: what an earlier checkout of this cart chose (it wins over the defaults).
    public init(idempotencyKey: String, data: AccountData, remembered: CheckoutChoice? = nil, today: YearMonth = YearMonth(year: 2026, month: 1)) {
        checkoutKey = idempotencyKey
        // The last used delivery address, or the only saved one.
        let addresses = data.account.addresses
        if let last = data.orders.last?.address, let index = addresses.firstIndex(of: last) {
            addressIndex = index
        } else if addresses.count == 1 {
            addressIndex = 0
        }
        if let remembered { restore(remembered, data, today: today) }
        if data.cart.isEmpty { message = StatusMessage(.info, "The cart is empty: Esc, then Enter on a product.") }
    }

    public enum PaymentOption: Equatable, Sendable {
        case companyAccount
        case saved(SavedCard, expired: Bool)
        case newCard
    }

    public func paymentOptions(_ data: AccountData, today: YearMonth) -> [PaymentOption] {
        [.companyAccount] + data.account.cards.map { card in
            .saved(card, expired: YearMonth(year: card.expiryYear, month: card.expiryMonth) < today)
        } + [.newCard]
    }

    public func address(_ data: AccountData) -> PostalAddress? {
        addressIndex.flatMap { data.account.addresses.indices.contains($0) ? data.account.addresses[$0] : nil }
    }
}


extension CheckoutFeature {
    public static func key(_ key: Key) -> Action { .key(key) }

    public static func result(_ msg: Msg) -> Action? {
        switch msg {
        case .addressAdded(let address, let result): return .addressAdded(address, result)
        case .checkoutFinished(let key, let result): return .checkoutFinished(key: key, result)
        default: return nil
        }
    }

    public var isWindow: Bool { true }
    public var coversStatus: Bool { true }

    public var hasUnsavedEdits: Bool {
        if unplacedCharge { return true }
        switch window {
        case .address(let w)?: return w.form.isDirty
        case .card(let w)?: return w.form.isDirty
        default: return false
        }
    }

    /// The wheel moves in the cart and payment lists, never in a form.
    public func wheel(up: Bool) -> Action? {
        switch window {
        case .card?: return nil
        case .address(let w)? where !w.listFocused: return nil
        default: return .key(up ? .up : .down)
        }
    }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        // Every change of address or payment method is handed to the app, which keeps it while
        // the cart lives (the next checkout window starts from it).
        let before = choice(context)
        var commands = act(action, context)
        let after = choice(context)
        if after != before { commands.append(.app(.rememberCheckout(after))) }
        return commands
    }

    private mutating func act(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .key(let key):
            if let window {
                if case .confirmation = window {
                    if CheckoutKeys.placed.action(for: key) != nil { return [.close] }
                    return GlobalKeys.commands(for: key)
                }
                return windowKey(window, key, context)
            }
            if processing { return [] }  // Pay cannot be pressed twice while charging
            let global: [Command<Action>] = GlobalKeys.commands(for: key)
            if !global.isEmpty { return global }
            return checkoutKey(key, context)
        case .clickCartLine(let line):
            section = .cart
            cartLine = line
            return []
        case .clickSection(let clicked):
            // A second click opens it, as Enter does.
            let again = section == clicked
            section = clicked
            return again ? [.send(.key(.enter))] : []
        case .clickPayment(let index):
            let again = section == .payment && paymentIndex == index
            section = .payment
            paymentIndex = index
            return again ? [.send(.key(.enter))] : []
        case .clickPay:
            // A button: one click presses it.
            section = .pay
            return [.send(.key(.enter))]
        case .clickSavedAddress(let index):
            guard case .address(var address)? = window else { return [] }
            let again = address.listFocused && address.listCursor == index
            address.listFocused = true
            address.listCursor = index
            window = .address(address)
            return again ? [.send(.key(.enter))] : []
        case .addressAdded(let address, let result):
            switch result {
            case .saved(let data):
                guard addingAddress == address else { return [.status(Self.addressSaved)] }
                addingAddress = nil
                addressIndex = data.account.addresses.firstIndex(of: address)
                window = nil
                section = .payment
                message = StatusMessage(.success, "Delivery address added; delivery and VAT updated.")
                return []
            case .rejected(let rejection): return [.status(StatusMessage(.error, rejection.message))]
            case .failed(let error): return [.status(StatusMessage(.error, error.description))]
            }
        case .checkoutFinished(let key, let result):
            if idempotencyKey == key { processing = false }
            switch result {
            case .saved(let outcome):
                unplacedCharge = false
                // The card's number and CVC leave memory with the checkout.
                newCard = nil
                window = .confirmation(outcome.order)
                message = nil
                return [.status(Self.placed(outcome.order))]
            case .rejected(let rejection):
                message = StatusMessage(.error, rejection.message)
                // A new key lets the next Pay try another card — unless this card was charged:
                // then Pay must reuse the key, so the gateway does not charge it again.
                if idempotencyKey == key, !rejection.charged { attempt += 1 }
                unplacedCharge = rejection.charged
            case .failed(let error):
                message = StatusMessage(.error, error.description)
            }
            return []
        }
    }

    static let leaveCharged = StatusMessage(.warning, "The card was charged for an order not yet saved: Pay places it. Esc again leaves anyway.")

    /// An address saved after the operator chose another (or closed the checkout).
    static let addressSaved = StatusMessage(.info, "The new delivery address was saved to the account.")

    static func placed(_ order: Order) -> StatusMessage {
        StatusMessage(.success, "Order \(order.number) placed: \(order.money(order.total)).")
    }

    private mutating func checkoutKey(_ key: Key, _ context: Context) -> [Command<Action>] {
        guard let action = CheckoutKeys.screen.action(for: key) else { return [] }
        let shown = message
        message = nil
        let options = paymentOptions(context.data, today: context.today)
        var cart = context.data.cart
        switch action {
        case .nextSection, .previousSection:
            let all = Section.allCases
            let step = action == .nextSection ? 1 : all.count - 1
            section = all[(section.rawValue + step) % all.count]
        case .up, .down, .first, .last:
            // Home/End jump as far as the list goes; in the other sections they move like ↑/↓.
            let far = max(cart.count, options.count)
            let delta = [CheckoutAction.up: -1, .down: 1, .first: -far, .last: far][action] ?? 0
            switch section {
            case .cart: cartLine = min(max(0, cartLine + delta), max(0, cart.count - 1))
            case .payment: paymentIndex = min(max(0, paymentIndex + delta), options.count - 1)
            default:
                let all = Section.allCases
                section = all[min(max(0, section.rawValue + delta), all.count - 1)]
            }
        case .more, .less, .remove:
            guard section == .cart, cart.indices.contains(cartLine) else { return [] }
            switch action {
            case .more:
                guard cart[cartLine].quantity < CartLine.quantities.upperBound else {
                    message = StatusMessage(.error, CartLine.fullMessage)
                    return []
                }
                cart[cartLine].quantity += 1
            case .less:
                if cart[cartLine].quantity > 1 { cart[cartLine].quantity -= 1 } else { cart.remove(at: cartLine) }
            default: cart.remove(at: cartLine)
            }
            cartLine = min(cartLine, max(0, cart.count - 1))
            return [.app(.setCart(cart))]
        case .activate:
            switch section {
            case .cart: section = .address
            case .address:
                window = .address(AddressWindow(savedCount: context.data.account.addresses.count, selected: addressIndex,
                                                       language: context.language))
            case .payment:
                switch options[paymentIndex] {
                case .newCard: window = .card(CardWindow())
                case .saved(_, expired: true): message = StatusMessage(.error, "This card has expired; choose another.")
                default: section = .pay
                }
            case .pay:
                return pay(options, context)
            }
        case .close:
            if unplacedCharge, shown != Self.leaveCharged {
                message = Self.leaveCharged
                return []
            }
            return [.close]
        }
        return []
    }

    private mutating func pay(_ options: [PaymentOption], _ context: Context) -> [Command<Action>] {
        let data = context.data
        let quote = Pricing.quote(data.cart, shop: context.shopData, country: address(data)?.country)
        guard !quote.lines.isEmpty else { message = StatusMessage(.error, "The cart is empty."); return [] }
        guard let address = address(data) else {
            message = StatusMessage(.error, "Choose a delivery address first (Enter on Delivery address).")
            section = .address
            return []
        }
        let payment: PaymentChoice
        switch options[paymentIndex] {
        case .companyAccount:
            if data.account.balance.cents < quote.total {
                message = StatusMessage(.error, CheckoutRejection.insufficientBalance(
                    balance: data.account.balance, total: Money(cents: quote.total, currency: quote.currency)).message)
                return []
            }
            payment = .companyAccount
        case .saved(let card, let expired):
            if expired { message = StatusMessage(.error, "This card has expired; choose another."); return [] }
            payment = .savedCard(card)
        case .newCard:
            guard let card = newCard else { window = .card(CardWindow()); return [] }
            payment = .newCard(card, save: saveNewCard)
        }
        processing = true
        message = StatusMessage(.info, "Processing…")
        return [.perform(.checkout(CheckoutRequest(idempotencyKey: idempotencyKey, cart: data.cart, address: address,
                                                   payment: payment, expectedTotal: quote.total)))]
    }

    private mutating func windowKey(_ current: CheckoutWindow, _ key: Key, _ context: Context) -> [Command<Action>] {
        switch current {
        case .confirmation:
            return []
        case .card(var card):
            let step = card.form.step(key)
            if let global: Command<Action> = step.globalCommand() { return [global] }
            switch step {
            case .close: window = nil; return []
            case .submit:
                if let (details, save) = card.submit(today: context.today) {
                    newCard = details
                    saveNewCard = save
                    window = nil
                    // The card is chosen; the next natural key is Enter on [Pay].
                    section = .pay
                    paymentIndex = paymentOptions(context.data, today: context.today).count - 1
                    return []
                }
            case .event(.edited(let id)): card.edited(id)
            default: break
            }
            window = .card(card)
            return []
        case .address(var address):
            let saved = context.data.account.addresses
            if address.listFocused {
                var commands: [Command<Action>] = []
                switch CheckoutKeys.addressList.action(for: key) {
                case .up?: address.listCursor = max(0, address.listCursor - 1)
                case .down?: address.listCursor = min(max(0, saved.count - 1), address.listCursor + 1)
                case .first?: address.listCursor = 0
                case .last?: address.listCursor = max(0, saved.count - 1)
                case .toForm?: address.listFocused = false; address.form.focus = 0
                case .use?:
                    if saved.indices.contains(address.listCursor) {
                        addressIndex = address.listCursor
                        addingAddress = nil
                        window = nil
                        section = .payment
                        return []
                    }
                case .back?: window = nil; addingAddress = nil; return []
                case nil: commands += GlobalKeys.commands(for: key)
                }
                window = .address(address)
                return commands
            }
            if key == .backTab, address.form.focus == 0, !saved.isEmpty {
                address.listFocused = true
                window = .address(address)
                return []
            }
            let step = address.form.step(key)
            if let global: Command<Action> = step.globalCommand() { return [global] }
            var commands: [Command<Action>] = []
            switch step {
            case .close: window = nil; addingAddress = nil; return []
            case .submit:
                if let new = address.submit() {
                    addingAddress = new
                    commands = [.perform(.addAddress(new))]
                }
            case .event(.left(.postalCode)), .event(.edited(.country)):
                // Say at once when the postal code does not fit the chosen country.
                let current = address.address
                address.form[.postalCode]?.error = current.country.isEmpty || current.postalCode.isEmpty
                    ? nil : PostalCodes.check(current.postalCode, country: current.country)
            default: break
            }
            window = .address(address)
            return commands
        }
    }

    public func keys(_ context: Context) -> FocusKeys {
        switch window {
        case .card(let w)?: return w.form.focusKeys("New card", context.language)
        case .address(let w)?: return w.listFocused ? FocusKeys("Delivery address", CheckoutKeys.addressList) : w.form.focusKeys("Delivery address", context.language)
        case .confirmation?: return FocusKeys("Order placed", CheckoutKeys.placed)
        case nil:
            // Quantities and removal act on a cart line: offered only while the cart has focus.
            let footer = CheckoutKeys.screen.footerItems { section == .cart || ![.more, .less, .remove].contains($0) }
            return FocusKeys("Checkout", [HelpSection("Checkout", CheckoutKeys.screen.helpRows), .global], footer: footer)
        }
    }
}
