import PhoneDeskCore

/// The delivery address and payment method chosen in a checkout, kept by the app while the cart
/// lives: closing and reopening the checkout must not forget an address added a moment ago.
/// A new card's number is never kept here: "New card…" stays chosen, its details do not.
public struct CheckoutChoice: Equatable, Sendable {
    public enum Payment: Equatable, Sendable {
        case companyAccount
        case savedCard(SavedCard)
        case newCard
    }

    public var address: PostalAddress?
    public var payment: Payment

    public init(address: PostalAddress?, payment: Payment) {
        self.address = address
        self.payment = payment
    }
}

extension CheckoutFeature {
    /// What this checkout has chosen now.
    func choice(_ context: Context) -> CheckoutChoice {
        let options = paymentOptions(context.data, today: context.today)
        let payment: CheckoutChoice.Payment
        switch options.indices.contains(paymentIndex) ? options[paymentIndex] : .companyAccount {
        case .companyAccount: payment = .companyAccount
        case .saved(let card, _): payment = .savedCard(card)
        case .newCard: payment = .newCard
        }
        return CheckoutChoice(address: address(context.data), payment: payment)
    }

    /// Takes back a remembered choice, as far as the account still holds it.
    mutating func restore(_ choice: CheckoutChoice, _ data: AccountData, today: YearMonth) {
        if let address = choice.address, let index = data.account.addresses.firstIndex(of: address) { addressIndex = index }
        let index = paymentOptions(data, today: today).firstIndex { option in
            switch (option, choice.payment) {
            case (.companyAccount, .companyAccount), (.newCard, .newCard): return true
            case (.saved(let card, _), .savedCard(let chosen)): return card == chosen
            default: return false
            }
        }
        if let index { paymentIndex = index }
    }
}
