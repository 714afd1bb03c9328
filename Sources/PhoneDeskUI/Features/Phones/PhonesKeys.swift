/// What a key does on the phones table.
public enum TableAction: Sendable, Equatable {
    case up, down, pageUp, pageDown, first, last
    case add, edit, delete, buy, settings, orders, filter, clearFilter, copyURL, rotateURL, help, quit
    case mark, markShown, clearMarks, sortNext, sortPrevious, invertSort, inspect, resync, keys
    case audit
}

public enum PhonesKeys {
    public static let table = KeyTable<TableAction>("Phones", [
        KeyBinding([.up], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.pageUp], "page up", .pageUp),
        KeyBinding([.pageDown], "page down", .pageDown),
        KeyBinding([.home], "first phone", .first),
        KeyBinding([.end], "last phone", .last),
        KeyBinding([.char("a"), .function(2)], "add a phone by its MAC", footer: "Add", .add).needs(.edit),
        KeyBinding([.char("e"), .enter, .function(4)], "edit the selected or marked phones", footer: "Edit", .edit).needs(.edit),
        KeyBinding([.char("d"), .function(8), .delete], "delete the selected or marked phones (asks first)", footer: "Delete", .delete).needs(.edit),
        KeyBinding([.char("b"), .function(3)], "buy phones and accessories (shop)", footer: "Buy", .buy),
        KeyBinding([.char("o")], "orders", footer: "Orders", ifRoom: true, .orders),
        KeyBinding([.char("s"), .function(9)], "settings: PIN, background images, templates", footer: "Settings", .settings).needs(.admin),
        KeyBinding([.char("/")], "filter by name, MAC (any format), user or model", footer: "Filter", .filter),
        KeyBinding([.escape], "clear a kept filter", .clearFilter),
        KeyBinding([.char("c")], "copy the phone's URL (OSC 52) and show it", footer: "Copy URL", ifRoom: true, .copyURL),
        KeyBinding([.char("R")], "a new provisioning URL for the phone (asks y/n)", .rotateURL).needs(.edit),
        KeyBinding([.char(" ")], "mark or unmark the phone and move down", .mark),
        KeyBinding([.char("*")], "mark every phone the filter shows", .markShown),
        KeyBinding([.char("u")], "clear the marks", .clearMarks),
        KeyBinding([.char(">")], "sort by the next column", .sortNext),
        KeyBinding([.char("<")], "sort by the previous column", .sortPrevious),
        KeyBinding([.char("i")], "invert the sort", .invertSort),
        // Viewers too: the editor opens read-only for them (its changing keys need edit).
        KeyBinding([.char("k")], "the phone's key layout; with marks: apply a preset", footer: "Keys", ifRoom: true, .keys),
        KeyBinding([.char("v")], "inspect the phone's files and its last save's diff", footer: "View", ifRoom: true, .inspect),
        KeyBinding([.char("r")], "resync the selected or marked phones (SIP NOTIFY)", footer: "Resync", ifRoom: true, .resync).needs(.edit),
        KeyBinding([.char("L")], "the audit log: who changed what, from where", .audit),
        KeyBinding([.char("?"), .function(1)], "this help", footer: "Help", .help),
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", footer: "Quit", .quit),
    ])

    public static let info = KeyTable<InfoAction>("Provisioning URL", [
        KeyBinding([.char("c")], "copy the URL (OSC 52)", footer: "Copy", .copy),
        KeyBinding([.enter, .escape], "close", footer: "Close", .close),
    ])
}

public enum InfoAction: Sendable, Equatable { case copy, close }

/// The phones filter's own keys, besides the ones every filter line takes.
public enum PhonesFilterAction: Sendable, Equatable { case complete }

extension PhonesKeys {
    public static let filter = KeyTable<PhonesFilterAction>("Filter", [
        KeyBinding([.tab], "complete the field name being typed", footer: "Field", .complete),
    ])

    /// The filter's syntax, in the help of the table and of the filter line (and docs/keys.md).
    static let syntax = HelpSection("Filter syntax", [
        HelpRow(keys: "words", text: "each word must be in the name, MAC, user, model or fetch status"),
        HelpRow(keys: "\"…\"", text: "quotes keep spaces: name:\"Biuro Łódź\""),
        HelpRow(keys: "name:text", text: "the phone's name holds the text"),
        HelpRow(keys: "mac:5e:c0", text: "the MAC holds these hex digits, in any format"),
        HelpRow(keys: "user:text", text: "the user's extension or name; user:none: no user"),
        HelpRow(keys: "model:t46u", text: "the brand and model"),
        HelpRow(keys: "status:word", text: "active, awaiting, fetched, waiting, never or unknown"),
        HelpRow(keys: "template:text", text: "the config template; template:none: none"),
        HelpRow(keys: "image:text", text: "the background image; image:none: none"),
        HelpRow(keys: "blf:text", text: "the monitored extension or name; blf:none: BLF off"),
        HelpRow(keys: "all", text: "every term must match; any case, diacritics optional"),
    ])
}
