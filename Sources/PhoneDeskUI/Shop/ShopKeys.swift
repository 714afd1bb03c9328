public enum ShopAction: Sendable, Equatable {
    case switchFocus, left, right, up, down, first, last, addToCart, filter, checkout, back, help, quit
}

public enum CheckoutAction: Sendable, Equatable {
    case nextSection, previousSection, up, down, more, less, remove, activate, close
}

public enum OrdersAction: Sendable, Equatable { case up, down, first, last, open, back, help, quit }

public enum AddressListAction: Sendable, Equatable { case up, down, toForm, use, back }

public enum ShopKeys {
    public static let shop = KeyTable<ShopAction>("Shop", [
        KeyBinding([.tab], "switch between the category menu and the products", .switchFocus),
        KeyBinding([.left], "to the category menu", .left),
        KeyBinding([.right], "to the products", .right),
        KeyBinding([.up, .char("k")], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.home], "first", .first),
        KeyBinding([.end], "last", .last),
        KeyBinding([.enter], "add one of the product to the cart", footer: "Add to cart", .addToCart),
        KeyBinding([.char("/")], "filter products by name, brand or model, in every category", footer: "Filter", .filter),
        KeyBinding([.char("c")], "open the cart and checkout", footer: "Checkout", .checkout),
        KeyBinding([.escape], "clear a kept filter, else back to the phones", footer: "Back", .back),
        KeyBinding([.char("?"), .function(1)], "this help", footer: "Help", .help),
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", .quit),
    ])

    public static let checkout = KeyTable<CheckoutAction>("Checkout", [
        KeyBinding([.tab], "next: cart lines, delivery address, payment method, [Pay]", .nextSection),
        KeyBinding([.backTab], "previous section", .previousSection),
        KeyBinding([.up, .char("k")], "previous cart line or payment method", .up),
        KeyBinding([.down, .char("j")], "next cart line or payment method", .down),
        KeyBinding([.char("+")], "one more of the cart line", footer: "+1", .more),
        KeyBinding([.char("-")], "one less of the cart line", footer: "-1", .less),
        KeyBinding([.char("x"), .delete], "remove the cart line", footer: "Remove", .remove),
        KeyBinding([.enter], "address: open the address window · New card: open the card window · [Pay]: pay", footer: "Open/Pay", .activate),
        KeyBinding([.escape], "close the checkout (the cart is kept)", footer: "Close", .close),
    ])

    public static let addressList = KeyTable<AddressListAction>("Saved addresses", [
        KeyBinding([.up, .char("k")], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.tab], "to the new address form", .toForm),
        KeyBinding([.enter], "use the highlighted address and return to payment", footer: "Use", .use),
        KeyBinding([.escape], "back to payment", footer: "Back", .back),
    ])

    public static let orders = KeyTable<OrdersAction>("Orders", [
        KeyBinding([.up, .char("k")], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.home], "first", .first),
        KeyBinding([.end], "last", .last),
        KeyBinding([.enter], "show the order", footer: "Open", .open),
        KeyBinding([.escape], "back (closes the order first)", footer: "Back", .back),
        KeyBinding([.char("?"), .function(1)], "this help", footer: "Help", .help),
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", .quit),
    ])
}
