/// What a key does in the inspector.
enum InspectorAction: Sendable, Equatable {
    case scroll(ScrollMove), find, next, previous, secrets, copyURL, close
}

/// What a key does while typing the text to find (after `/`).
enum InspectorFindAction: Sendable, Equatable { case keep, cancel, erase }

enum InspectorKeys {
    static let table = KeyTable<InspectorAction>("Phone's files", ScrollText.bindings(InspectorAction.scroll) + [
        KeyBinding([.char("/")], "find text in the files", footer: "Find", .find),
        KeyBinding([.char("n")], "next match", footer: "Next", ifRoom: true, .next),
        KeyBinding([.char("N")], "previous match", .previous),
        KeyBinding([.char("s")], "show or mask the SIP password and PIN", footer: "Secrets", .secrets).needs(.edit),
        KeyBinding([.char("c")], "copy the phone's URL (OSC 52)", footer: "Copy URL", ifRoom: true, .copyURL),
        KeyBinding([.escape], "close", footer: "Close", .close),
    ])

    static let find = KeyTable<InspectorFindAction>("Find", typing: "the text to find (any case); the view jumps to it", [
        KeyBinding([.enter], "keep the text; n and N move between matches", footer: "Keep", .keep),
        KeyBinding([.escape], "stop finding", footer: "Cancel", .cancel),
        KeyBinding([.backspace], "erase the last character", .erase),
    ])
}
