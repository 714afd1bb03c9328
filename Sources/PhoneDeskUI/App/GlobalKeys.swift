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
    /// table did not take the key. `whileTyping` where `?` and `q` were typed.
    static func commands<A>(for key: Key, in keys: KeyTable<GlobalAction> = table) -> [Command<A>] {
        keys.action(for: key).map { [$0.command()] } ?? []
    }
}

extension GlobalAction {
    /// What the app is asked to do for this key.
    func command<A>() -> Command<A> { self == .help ? .help : .quit }
}
