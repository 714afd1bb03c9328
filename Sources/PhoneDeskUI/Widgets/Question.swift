/// The y/n question every confirmation asks, one key table for all of them.
public enum QuestionKeys {
    public static let table = KeyTable<Bool>("Question", [
        KeyBinding([.char("y")], "yes", footer: "Yes", true),
        KeyBinding([.char("n"), .escape], "no", footer: "No", false),
    ])
}
