public enum OrdersAction: Sendable, Equatable { case up, down, first, last, open, shop, back, help, quit }

public enum OrdersKeys {
    public static let screen = KeyTable<OrdersAction>("Orders", [
        KeyBinding([.up, .char("k")], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.home], "first", .first),
        KeyBinding([.end], "last", .last),
        KeyBinding([.enter], "show the order", footer: "Open", .open),
        KeyBinding([.char("b"), .function(3)], "buy: the shop", footer: "Buy", .shop),
        KeyBinding([.escape], "back to the phones", footer: "Back", .back),
        KeyBinding([.char("?"), .function(1)], "this help", footer: "Help", .help),
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", .quit),
    ])

    /// An order's window.
    public static let detail = KeyTable<Bool>("Order", [
        KeyBinding([.escape, .enter], "back to the list", footer: "Back", true),
    ])
}
