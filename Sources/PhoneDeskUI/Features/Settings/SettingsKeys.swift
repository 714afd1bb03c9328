/// What a key does on the settings screen (outside its windows).
public enum SettingsAction: Sendable, Equatable {
    case previousTab, nextTab, tab(SettingsTab)
    case up, down, first, last
    case open, add, delete, filter, back, help, quit
}

public enum SettingsKeys {
    public static let screen = KeyTable<SettingsAction>("Settings", [
        KeyBinding([.left], "previous tab", .previousTab),
        KeyBinding([.right], "next tab", footer: "Tabs", .nextTab),
        KeyBinding([.char("1")], "Hot desking tab", .tab(.hotDesking)),
        KeyBinding([.char("2")], "Background images tab", .tab(.backgrounds)),
        KeyBinding([.char("3")], "Config templates tab", .tab(.templates)),
        KeyBinding([.up, .char("k")], "move up", .up),
        KeyBinding([.down, .char("j")], "move down", .down),
        KeyBinding([.home], "first row", .first),
        KeyBinding([.end], "last row", .last),
        KeyBinding([.enter, .char("e")], "change the PIN and provisioning settings · edit a template's lines in $EDITOR", footer: "Edit", .open),
        KeyBinding([.char("a"), .function(2)], "upload an image · add a template", footer: "Add", .add),
        KeyBinding([.char("d"), .function(8), .delete], "delete the selected image or template (asks first)", footer: "Delete", .delete),
        KeyBinding([.char("/")], "filter the list", footer: "Filter", .filter),
        KeyBinding([.escape], "clear a kept filter, else back to the phones", footer: "Back", .back),
        KeyBinding([.char("?"), .function(1)], "this help", footer: "Help", .help),
        KeyBinding([.char("q"), .function(10), .ctrl("c")], "quit", .quit),
    ])

    public static let templateErrors = KeyTable<Bool>("Template errors", [
        KeyBinding([.char("e"), .enter], "edit the template again", footer: "Edit again", true),
        KeyBinding([.char("d"), .escape], "discard this edit (the saved lines stay)", footer: "Discard", false),
    ])
}
