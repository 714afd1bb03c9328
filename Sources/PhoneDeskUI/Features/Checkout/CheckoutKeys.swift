public enum CheckoutAction: Sendable, Equatable {
    case nextSection, previousSection, up, down, first, last, more, less, remove, activate, close
}

public enum AddressListAction: Sendable, Equatable { case up, down, first, last, toForm, use, back }

public enum CheckoutKeys {
    public static let screen = KeyTable<CheckoutAction>("Checkout", [
        KeyBinding([.tab], "next: cart lines, delivery address, payment method, [Pay]", .nextSection),
        KeyBinding([.backTab], "previous section", .previousSection),
        KeyBinding([.up, .char("k")], "previous cart line or payment method", .up),
        KeyBinding([.down, .char("j")], "next cart line or payment method", .down),
        KeyBinding([.home], "first cart line or payment method", .first),
        KeyBinding([.end], "last cart line or payment method", .last),
        KeyBinding([.char("+")], "one more of the cart line", footer: "+1", .more),
        KeyBinding([.char("-")], "one less of the cart line", footer: "-1", .less),
        KeyBinding([.char("x"), .delete], "remove the cart line", footer: "Remove", .remove),
        KeyBinding([.enter], "address: open the address window · New card: open the card window · [Pay]: pay", footer: "Open/Pay", .activate),
        KeyBinding([.escape], "close the checkout (the cart is kept)", footer: "Close", .close),
    ])

    public static let addressList = KeyTable<AddressListAction>("Saved addresses", [
        KeyBinding([.up, .char("k")], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.home], "first address", .first),
        KeyBinding([.end], "last address", .last),
        KeyBinding([.tab], "to the new address form", .toForm),
        KeyBinding([.enter], "use the highlighted address and return to payment", footer: "Use", .use),
        KeyBinding([.escape], "back to payment", footer: "Back", .back),
    ])


    /// The "Order placed" window.
    public static let placed = KeyTable<Bool>("Order placed", [
        KeyBinding([.enter, .escape], "close the checkout", footer: "Close", true),
    ])
}
