public enum AuditAction: Sendable, Equatable { case up, down, pageUp, pageDown, first, last, details, filter, back, help, quit }

public enum AuditKeys {
    public static let screen = KeyTable<AuditAction>("Audit log", [
        KeyBinding([.up, .char("k")], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.pageUp], "page up", .pageUp),
        KeyBinding([.pageDown], "page down", .pageDown),
        KeyBinding([.home], "newest", .first),
        KeyBinding([.end], "oldest", .last),
        KeyBinding([.enter], "the selected change whole", footer: "Details", .details),
        KeyBinding([.char("/")], "filter by operator, address, action, phone or field", footer: "Filter", .filter),
        KeyBinding([.escape], "back to the phones", footer: "Back", .back),
        KeyBinding([.char("?"), .function(1)], "this help", footer: "Help", .help),
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", .quit),
    ])
}
