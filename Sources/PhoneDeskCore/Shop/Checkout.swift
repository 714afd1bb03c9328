import Foundation

/// How the operator pays.
public enum PaymentChoice: Equatable, Sendable {
    case companyAccount
    case savedCard(SavedCard)
    case newCard(CardDetails, save: Bool)

    public var label: String { orderPayment.label }

    /// How the order placed with it records the payment: a card by its brand ("Card" when the
    /// number's brand is unknown) and last four digits.
    public var orderPayment: OrderPayment {
        switch self {
        case .companyAccount: return .companyAccount
        case .savedCard(let card): return .card(brand: card.brand, last4: card.last4)
        case .newCard(let card, _): return .card(brand: card.brand?.rawValue ?? "Card", last4: card.last4)
        }
    }
}

/// Everything [Pay] sends; `expectedTotal` is what the operator saw, so a price change is caught.
public struct CheckoutRequest: Equatable, Sendable {
    public var idempotencyKey: String
    public var cart: [CartLine]
    public var address: PostalAddress
    public var payment: PaymentChoice
    public var expectedTotal: Int
    public init(idempotencyKey: String, cart: [CartLine], address: PostalAddress, payment: PaymentChoice, expectedTotal: Int) {
        self.idempotencyKey = idempotencyKey; self.cart = cart; self.address = address
        self.payment = payment; self.expectedTotal = expectedTotal
    }
}

public enum CheckoutRejection: Error, Equatable, Sendable {
    case declined(String)
    case insufficientBalance(balance: Money, total: Money)
    case emptyCart
    case priceChanged(newTotal: Money)
    case readOnly(String)
    /// An address refused by `AddressRules` (the field and its message).
    case invalidAddress(field: AddressField, message: String)
    /// A quantity outside 1–9,999, a total too large for an integer, or no phone ids left.
    case outOfRange(String)
    /// The card was charged but the order could not be written (a busy or failing store). The
    /// same checkout's Pay places it without a second charge: the gateway knows the key.
    case chargedNotPlaced(String)

    /// True when the payment went through although no order was placed.
    public var charged: Bool {
        if case .chargedNotPlaced = self { return true }
        return false
    }

    public var message: String {
        switch self {
        case .outOfRange(let reason): return "Not placed: \(reason). Nothing was charged."
        case .chargedNotPlaced(let reason):
            return "The card was charged but the order was not saved (\(reason)). Pay again in this checkout to place it; the card is not charged twice."
        case .declined(let reason): return "Payment refused: \(reason). No order was placed; choose another card or the company account."
        case .insufficientBalance(let balance, let total):
            return "The company account has \(balance.display), the order costs \(total.display). Nothing was charged; pay by card."
        case .emptyCart: return "The cart is empty."
        case .priceChanged(let total): return "Prices changed meanwhile; the total is now \(total.display). Review and pay again."
        case .readOnly(let reason): return "Not placed: \(reason)"
        case .invalidAddress(_, let message): return message
        }
    }
}

public struct CheckoutOutcome: Equatable, Sendable {
    public var order: Order
    public var data: AccountData
}

/// Runs a checkout: price it, charge the card through the gateway (company account: debited in
/// the same transaction as the order), then place the order all-or-nothing.
public enum Checkout {
    public static func run(_ request: CheckoutRequest, store: Store, gateway: PaymentGateway,
                           now: Date) throws(StoreError) -> Result<CheckoutOutcome, CheckoutRejection> {
        // Before any money moves: the operator may have lost the buy role since they started.
        try store.authorize(.buy)
        let shop = try ShopData.load(directory: store.directory)
        if let line = request.cart.first(where: { !CartLine.quantities.contains($0.quantity) }) {
            return .failure(.outOfRange("\(line.sku) × \(line.quantity): a line holds \(CartLine.quantities.lowerBound) to \(CartLine.quantities.upperBound)"))
        }
        let quote = Pricing.quote(request.cart, shop: shop, country: request.address.country)
        if quote.tooLarge { return .failure(.outOfRange("the total is too large to compute")) }
        guard !quote.lines.isEmpty else { return .failure(.emptyCart) }
        if let earlier = try store.load().data.orders.first(where: { $0.idempotencyKey == request.idempotencyKey }) {
            return .success(CheckoutOutcome(order: earlier, data: try store.load().data))
        }
        guard quote.total == request.expectedTotal else {
            return .failure(.priceChanged(newTotal: Money(cents: quote.total, currency: quote.currency)))
        }
        var cardToSave: SavedCard?
        var charged = false
        let amount = Money(cents: quote.total, currency: quote.currency)
        switch request.payment {
        case .companyAccount:
            break
        case .savedCard(let card):
            let charge = gateway.charge(ChargeRequest(idempotencyKey: request.idempotencyKey, amount: amount,
                                                      source: .token(card.gatewayToken), tokenize: false))
            if case .declined(let reason) = charge { return .failure(.declined(reason)) }
            charged = true
        case .newCard(let card, let save):
            let charge = gateway.charge(ChargeRequest(idempotencyKey: request.idempotencyKey, amount: amount,
                                                      source: .newCard(card), tokenize: save))
            switch charge {
            case .declined(let reason): return .failure(.declined(reason))
            case .approved(_, let token):
                charged = true
                if save, let token {
                    cardToSave = SavedCard(brand: card.brand?.rawValue ?? "Card", last4: card.last4,
                                           expiryMonth: card.expiry.month, expiryYear: card.expiry.year, gatewayToken: token)
                }
            }
        }
        guard charged else { return try store.placeOrder(request, quote: quote, cardToSave: cardToSave, now: now) }
        // Money has moved: whatever stops the order now must say so, never look like "nothing happened".
        do throws(StoreError) {
            switch try store.placeOrder(request, quote: quote, cardToSave: cardToSave, now: now) {
            case .success(let outcome): return .success(outcome)
            case .failure(let rejection): return .failure(.chargedNotPlaced(rejection.message))
            }
        } catch {
            return .failure(.chargedNotPlaced(error.description))
        }
    }
}

extension Store {
    /// Writes the order, the balance debit, a saved card, the emptied cart and the bought phones
    /// ("Awaiting delivery") as one transaction.
    func placeOrder(_ request: CheckoutRequest, quote: Quote, cardToSave: SavedCard?,
                    now: Date) throws(StoreError) -> Result<CheckoutOutcome, CheckoutRejection> {
        try locked { () throws(StoreError) -> Result<CheckoutOutcome, CheckoutRejection> in
            var data = try load().data
            if let earlier = data.orders.first(where: { $0.idempotencyKey == request.idempotencyKey }) {
                return .success(CheckoutOutcome(order: earlier, data: data))
            }
            guard let accountFile = try account.read(), accountFile.newerSchema == nil,
                  let phonesState = try currentPhones(), phonesState.newerSchema == nil else {
                return .failure(.readOnly("a data file was written by a newer phonedesk."))
            }
            let ordersDocument = try orders.read()?.document ?? OrdersDocument()
            let cartDocument = try cart.read()?.document ?? CartDocument()
            var accountDocument = accountFile.document
            var phonesDocument = phonesState.document
            if request.payment == .companyAccount {
                guard accountDocument.account.balance.cents >= quote.total,
                      let left = accountDocument.account.balance.cents.minus(quote.total) else {
                    return .failure(.insufficientBalance(balance: accountDocument.account.balance,
                                                         total: Money(cents: quote.total, currency: quote.currency)))
                }
                accountDocument.account.balance.cents = left
            }
            if let cardToSave { accountDocument.account.cards.append(cardToSave) }
            let placed = UTCTimestamp(now)
            let number = "PD-\(placed.year)-\(String(format: "%04d", ordersDocument.orders.count + 1))"
            var phoneIDs: [Int] = []
            var namesTaken: [String: Set<String>] = [:]
            for line in quote.lines {
                guard let modelID = line.product.model, let model = PhoneCatalog.model(id: modelID) else { continue }
                for _ in 0..<line.quantity {
                    let name = Self.freeName(accountDocument.account.shopNamePattern ?? ShopNamePattern.standard, model: model,
                                             phones: phonesDocument.phones, taken: &namesTaken)
                    let id = phonesDocument.nextID
                    guard let next = id.plus(1) else { return .failure(.outOfRange("no more phone ids (nextID is \(id))")) }
                    phonesDocument.nextID = next
                    phonesDocument.phones.append(Phone(id: id, name: name, modelID: modelID, mac: nil, secret: Secrets.phoneSecret()))
                    phoneIDs.append(id)
                }
            }
            let order = Order(number: number, date: placed,
                              lines: quote.lines.map { Order.Line(sku: $0.product.sku, name: $0.product.name, quantity: $0.quantity,
                                                                  unitPrice: $0.product.price, total: $0.total) },
                              address: request.address, zone: quote.zone ?? .world, subtotal: quote.subtotal,
                              delivery: quote.delivery, vatBasisPoints: quote.vatBasisPoints, vat: quote.vat,
                              total: quote.total, currency: quote.currency,
                              payment: cardToSave.map { .card(brand: $0.brand, last4: $0.last4) } ?? request.payment.orderPayment,
                              status: .paid, idempotencyKey: request.idempotencyKey, phoneIDs: phoneIDs)
            var newOrders = ordersDocument
            newOrders.orders.append(order)
            var emptied = cartDocument
            emptied.lines = []
            try audited("order.place", id: order.number, name: order.payment.label, before: Order?.none, after: order)
            try auditAdded(phoneIDs.compactMap { phonesDocument.phone(id: $0) }, action: "phone.order")
            var transaction = PendingTransaction(in: directory)
            let writtenOrders = try orders.stageNext(newOrders, in: &transaction)
            let writtenAccount = try account.stageNext(accountDocument, in: &transaction)
            let writtenPhones = try phones.stageNext(phonesDocument, in: &transaction)
            _ = try cart.stageNext(emptied, in: &transaction)
            // phones.json is rewritten whole here, so its journal is emptied in the same transaction.
            try transaction.stage(PhonesJournal.fileName, text: "")
            try transaction.commit()
            // What was just written is what the next read would find: keep it, with its new
            // identity, instead of reading 15 MB again.
            let settled = PhonesJournal.State(baseIdentity: phones.fingerprint(), document: writtenPhones, newerSchema: nil)
            phonesCache.withLock { $0 = settled }
            data.orders = writtenOrders.orders
            data.account = writtenAccount.account
            data.phones = writtenPhones.phones
            data.cart = []
            return .success(CheckoutOutcome(order: order, data: data))
        }
    }

    /// The account's shop name pattern with the first number no phone has: "Yealink T46U #1",
    /// "#2", … by default. `taken` remembers, per name prefix, the names of that form already
    /// used, so an order of many phones looks at the others once.
    static func freeName(_ pattern: String, model: PhoneModel, phones: PhoneList, taken: inout [String: Set<String>]) -> String {
        let prefix = ShopNamePattern.prefix(pattern, model: model)
        var used = taken[prefix] ?? Set(phones.names(withPrefix: prefix).map { $0.trimmingSpaces.lowercased() })
        let named = ShopNamePattern.namer(pattern, model: model)
        var n = 1
        while used.contains(named(n).lowercased()) { n += 1 }
        let name = named(n)
        used.insert(name.lowercased())
        taken[prefix] = used
        return name
    }

    /// Saves the cart (last write wins: the cart is a scratch pad, not a record).
    public func saveCart(_ lines: [CartLine]) throws(StoreError) -> AccountData {
        try locked { () throws(StoreError) -> AccountData in
            // The cart is a scratch pad every role may use, but only an operator still on the account.
            try authorize(.view)
            var document = try cart.read()?.document ?? CartDocument()
            // Within what a cart line may hold, so the file written is one the next load accepts.
            document.lines = lines.map { CartLine(sku: $0.sku, quantity: Swift.min(Swift.max($0.quantity, CartLine.quantities.lowerBound),
                                                                                      CartLine.quantities.upperBound)) }
            try audited("cart.save", id: nil, name: nil, before: try cart.read()?.document.lines, after: document.lines)
            try cart.write(document)
            return try load().data
        }
    }

    /// Adds a delivery address to the account (the address window's [Add delivery address]).
    public func addAddress(_ address: PostalAddress) throws(StoreError) -> Result<AccountData, CheckoutRejection> {
        try locked { () throws(StoreError) -> Result<AccountData, CheckoutRejection> in
            try authorize(.buy)
            guard let file = try account.read(), file.newerSchema == nil else {
                return .failure(.readOnly("account.json was written by a newer phonedesk."))
            }
            // The address window checks too; this keeps a hand-made request to the same rule.
            // One refusal: the problem of the field whose name sorts first, so it is always the same one.
            if let problem = AddressRules.check(address).min(by: { $0.key.rawValue < $1.key.rawValue }) {
                return .failure(.invalidAddress(field: problem.key, message: problem.value))
            }
            var document = file.document
            if !document.account.addresses.contains(address) { document.account.addresses.append(address) }
            _ = try writeAccount(document, was: file.document.account)
            return .success(try load().data)
        }
    }
}
