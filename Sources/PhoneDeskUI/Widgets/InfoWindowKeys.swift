/// The keys of a window that only shows something (About, an audit entry): back to where it
/// was opened from, or quit.
enum InfoWindowAction: Sendable { case back, quit }

enum InfoWindowKeys {
    static func table(_ title: String, back keys: [Key], _ text: String) -> KeyTable<InfoWindowAction> {
        KeyTable(title, [
            KeyBinding(keys, text, footer: "Back", .back),
            KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", .quit),
        ])
    }

    /// What `key` does: `back` for Back, quit for Quit, `other` for the rest.
    static func commands<A>(_ key: Key, _ table: KeyTable<InfoWindowAction>, back: Command<A>, other: [Command<A>] = []) -> [Command<A>] {
        switch table.action(for: key) {
        case .back?: return [back]
        case .quit?: return [.quit]
        case nil: return other
        }
    }
}
