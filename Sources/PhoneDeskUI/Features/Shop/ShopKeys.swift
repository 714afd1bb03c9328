public enum ShopAction: Sendable, Equatable {
    case switchFocus, left, right, up, down, first, last, addToCart, filter, checkout, back, help, quit
}

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
        KeyBinding([.char("c")], "open the cart and checkout", footer: "Checkout", .checkout).needs(.buy),
        KeyBinding([.escape], "clear a kept filter, else back to the phones", footer: "Back", .back),
        KeyBinding([.char("?"), .function(1)], "this help", footer: "Help", .help),
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", .quit),
    ])

}
