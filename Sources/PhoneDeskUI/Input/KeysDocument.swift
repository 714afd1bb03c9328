import PhoneDeskCore

/// docs/keys.md, generated from the key catalogue — the keys each feature reports for its key
/// bar and help window, which are the tables that handle its input — so the documentation can
/// no more lie than the help window (a test fails when the file is stale).
public enum KeysDocument {
    static func rows(_ rows: [HelpRow]) -> String {
        "| keys | action |\n|---|---|\n" + rows.map { row in
            let keys = row.keys.split(separator: " ").map { "`\($0.replacingOccurrences(of: "|", with: "\\|"))`" }.joined(separator: " ")
            // The role an operator needs for the key (docs/ssh.md); none: everyone, viewers too.
            return "| \(keys) | \(row.text)\(row.needs.map { " *(needs \($0.rawValue))*" } ?? "") |\n"
        }.joined()
    }

    /// Prose after a place's tables, for what a table cannot say.
    static let notes = [
        "Phones table": "In text fields `?` and `q` are typed; use F1 and F10 (or Ctrl-C) there.",
        "Filter (after `/`)": "Type to narrow, Backspace to widen, Ctrl-U to clear. The settings lists and the shop filter the same way.",
        "Add and Edit phone": """
            Add phone: Model · MAC address · Name · [Submit] · [Cancel]. Edit phone: Name · MAC address
            · User · BLF · BLF user · Background image · Config template · [Submit] · [Cancel]; it opens
            on User (on the MAC, empty, for a phone awaiting delivery). A new MAC of a phone in use
            replaces its hardware: Submit asks first (`y` replaces, `n` or Esc returns to the form as
            typed); the phone keeps its id, user, keys and URL. Disabled fields show why and are
            skipped by Tab. Every form of the panel (settings, delivery address, new card) takes the
            same keys.

            Text fields: ← → Home End (Ctrl-A Ctrl-E) Backspace Delete, Ctrl-U clears.
            """,
        "Audit log (`L`)": "Every change through the store, newest first: time (UTC), operator (or local), SSH client, action, object; the selected change's fields below (secrets only as \"changed\"). `phonedesk audit` prints the same.",
        "Quit question": "Every confirmation asks the same way: `y` (or `t`, tak) yes, `n` or Esc no; other keys wait for the answer. Enter answers none of them: each loses something on yes (a phone, an image or template, typed input).",
    ]

    public static func markdown() -> String {
        let context = AppModel(data: AccountData(account: DemoAccount.account(token: "Tk3n-Demo_0123456789ab"),
                                                 users: DemoAccount.users(), phones: DemoAccount.phones()),
                               size: TermSize.minimum).context
        var out = """
            # Keys

            Generated from the keys each screen and window of the panel reports for its key bar and
            help window — the same key tables that handle its input. Do not edit by hand:
            `UPDATE_GOLDENS=1 swift test` rewrites it.

            ## Everywhere

            \(rows(HelpSection.global.rows))
            """
        var printed: Set<[HelpRow]> = [HelpSection.global.rows]
        for entry in KeyCatalogue.entries(context) {
            out += "\n## \(entry.place)\n\n"
            for section in entry.focus.sections {
                if printed.contains(section.rows) {
                    if section.rows != HelpSection.global.rows { out += "\(section.heading): as above.\n\n" }
                    continue
                }
                printed.insert(section.rows)
                out += "### \(section.heading)\n\n" + rows(section.rows) + "\n"
            }
            if let note = notes[entry.place] { out += note + "\n" }
        }
        out += """

            ## Mouse

            A click selects a row, a field, a button, a tab, a menu entry or a key-bar item; a second
            click on the selected row opens it; the wheel moves the selection. `--no-mouse` (or Mouse off
            in Settings › Hot desking) leaves the terminal's own text selection alone.
            """
        return out
    }
}
