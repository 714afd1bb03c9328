public enum OrdersAction: Sendable, Equatable { case up, down, first, last, open, back, help, quit }

public enum OrdersKeys {
    public static let screen = KeyTable<OrdersAction>("Orders", [
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
