/// The y/n question every confirmation asks, one key table for all of them.
public enum QuestionKeys {
    public static let table = KeyTable<Bool>("Question", [
        KeyBinding([.char("y"), .char("Y")], "yes", footer: "Yes", true),
        KeyBinding([.char("n"), .char("N"), .escape], "no", footer: "No", false),
    ])
}
