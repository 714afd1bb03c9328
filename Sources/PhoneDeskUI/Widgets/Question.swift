import PhoneDeskCore

/// The one confirmation style: the question, then "y yes · n no" ("t tak · n nie" in Polish).
/// `y` and `t` (tak) say yes in either language, `n` and Esc say no. Enter is no answer: every
/// question the panel asks loses something on yes (a phone, an image, typed input), so a
/// habitual Enter must neither do it nor silently dismiss the question.
public enum QuestionKeys {
    public static let table = KeyTable<Bool>("Question", [
        KeyBinding([.char("y"), .char("Y"), .char("t"), .char("T")], "yes (t: tak)", footer: "Yes", true),
        KeyBinding([.char("n"), .char("N"), .escape], "no", footer: "No", false),
    ])

    /// The answer line under the question.
    public static func hint(_ language: Language) -> String { Localizer.tr("y yes · n no", language) }

    /// The key bar: the yes key is the language's own (a click presses it).
    public static func footer(_ language: Language) -> [FooterItem] {
        [FooterItem(key: .char(language == .pl ? "t" : "y"), label: "Yes"), FooterItem(key: .char("n"), label: "No")]
    }

    /// Help, key bar and docs/keys.md for a question; `global` nil where it takes no global keys.
    static func focusKeys(_ title: String, _ language: Language, global: HelpSection? = .global) -> FocusKeys {
        FocusKeys(title, [HelpSection(table.title, table.helpRows)] + (global.map { [$0] } ?? []), footer: footer(language))
    }
}
