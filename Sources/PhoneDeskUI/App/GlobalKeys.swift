/// Keys that work on every screen.
public enum GlobalAction: Sendable, Equatable {
    case help, quit
}

public enum GlobalKeys {
    /// In forms `?` and `q` are typed text, so only F-keys and Ctrl-C are global there.
    public static let table = KeyTable<GlobalAction>("Everywhere", [
        KeyBinding([.function(1), .char("?")], "help for this screen", footer: "Help", .help),
        KeyBinding([.ctrl("c"), .function(10), .char("q")], "quit (asks first if a form has unsaved edits)", footer: "Quit", .quit),
    ])

    /// Where letters are typed (a text field, an open list, a filter) only these are global.
    public static let whileTyping = KeyTable<GlobalAction>("Everywhere", [
        KeyBinding([.function(1)], "help for this screen", footer: "Help", .help),
        KeyBinding([.ctrl("c"), .function(10)], "quit (asks first if a form has unsaved edits)", footer: "Quit", .quit),
    ])

    /// The global key's command as a list (empty for any other key), for a window whose own
    /// table did not take the key.
    static func commands<A>(for key: Key) -> [Command<A>] { command(for: key).map { [$0] } ?? [] }

    /// The global key's command, for a feature that does not take the key itself.
    static func command<A>(for key: Key) -> Command<A>? {
        switch table.action(for: key) {
        case .help?: return .help
        case .quit?: return .quit
        case nil: return nil
        }
    }
}
