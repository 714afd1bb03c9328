/// What a key does in the key-layout editor's list (one table: input, key bar and help). Every
/// key that changes the layout needs edit: a viewer opens the editor to look, and the app
/// refuses and marks the rest from this table.
public enum KeyListAction: Sendable, Equatable {
    case up, down, add, edit, delete, moveUp, moveDown, moreSidecars, fewerSidecars, preset, savePreset, save, close
}

/// What a key does in a list of presets.
public enum PresetListAction: Sendable, Equatable { case up, down, apply, close }

public enum KeyLayoutKeys {
    public static let list = KeyTable<KeyListAction>("Key layout", [
        KeyBinding([.up], "previous key", .up),
        KeyBinding([.down], "next key", .down),
        KeyBinding([.char("a")], "add a key (the next free number)", footer: "Add", .add).needs(.edit),
        KeyBinding([.enter, .char("e")], "edit the key: number, type, value, label", footer: "Edit", .edit).needs(.edit),
        KeyBinding([.char("d"), .delete], "delete the key", footer: "Delete", .delete).needs(.edit),
        KeyBinding([.char("[")], "move the key up (one number less, swapping with a key there)", footer: "Up", ifRoom: true, .moveUp).needs(.edit),
        KeyBinding([.char("]")], "move the key down (one number more)", footer: "Down", ifRoom: true, .moveDown).needs(.edit),
        KeyBinding([.char("+")], "one more sidecar (expansion module)", .moreSidecars).needs(.edit),
        KeyBinding([.char("-")], "one sidecar fewer", .fewerSidecars).needs(.edit),
        KeyBinding([.char("p")], "apply a preset (a named layout) to this phone", footer: "Preset", ifRoom: true, .preset).needs(.edit),
        KeyBinding([.char("P")], "save this layout as a preset", .savePreset).needs(.edit),
        KeyBinding([.ctrl("s"), .function(2)], "save the layout: the phone's files are regenerated", footer: "Save", .save).needs(.edit),
        KeyBinding([.escape], "close (asks first when the layout was changed)", footer: "Close", .close),
    ])

    public static let presets = KeyTable<PresetListAction>("Presets", [
        KeyBinding([.up], "previous preset", .up),
        KeyBinding([.down], "next preset", .down),
        KeyBinding([.enter], "apply the preset", footer: "Apply", .apply).needs(.edit),
        KeyBinding([.escape], "close without applying", footer: "Close", .close),
    ])
}
