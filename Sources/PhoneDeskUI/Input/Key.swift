import PhoneDeskCore

/// A key press, decoded by the terminal backend (or written by tests).
public enum Key: Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, tab, backTab, backspace, delete, escape
    case function(Int)
    /// Ctrl plus a letter, lowercase: `.ctrl("s")`.
    case ctrl(Character)
    /// A mouse click on form field N (focus it; press a button, toggle a checkbox).
    case clickField(Int)
    /// A mouse click on entry N of the open list (choose it).
    case clickOption(Int)
    /// Text the terminal delivered as one paste (bracketed paste). No key table binds it, so a
    /// paste can never run commands; text fields and filters take it whole or refuse it whole.
    case paste(String)

    /// How help and the key bar spell the key.
    public var label: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .clickField, .clickOption: return "click"
        case .paste: return "paste"
        }
    }

    /// What a typed character or a paste adds to a text field or a filter.
    public var typedText: String? {
        if let c = printable { return String(c) }
        if case .paste(let text) = self { return text }
        return nil
    }

    /// A printable character that a text field would take.
    public var printable: Character? {
        // C0, DEL and C1: a terminal acts on them; no field takes them (the text rule).
        if case .char(let c) = self, !c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) { return c }
        return nil
    }
}

/// One row of a screen's key table: the keys, what the help says, what the footer shows, and
/// the action they trigger. The same table handles input and writes help, so help cannot lie.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var keys: [Key]
    public var help: String
    /// Short label for the footer key bar; nil keeps the binding out of the bar.
    public var footer: String?
    /// Shown in the bar only where the width leaves room after the other items.
    public var footerIfRoom = false
    public var action: Action
    /// The role the action needs (nil: anyone, viewers too); see `needs(_:)`.
    public var role: OperatorRole?

    public init(_ keys: [Key], _ help: String, footer: String? = nil, ifRoom: Bool = false, _ action: Action) {
        self.keys = keys; self.help = help; self.footer = footer; footerIfRoom = ifRoom; self.action = action
    }

    /// Declares the role a key needs, in its table row: `KeyBinding(…).needs(.edit)`. The app
    /// refuses the key to an operator without it and marks it in the key bar and help.
    public func needs(_ role: OperatorRole) -> KeyBinding {
        var copy = self
        copy.role = role
        return copy
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

public struct KeyTable<Action: Sendable>: Sendable {
    public let title: String
    /// What typing (printable keys, Backspace) does where the table applies, e.g. narrows a list;
    /// nil where letters are commands.
    public let typing: String?
    public let bindings: [KeyBinding<Action>]
    /// Rows for the help window: "keys  description" (made once: the key bar is drawn every frame).
    public let helpRows: [HelpRow]
    /// Items for the footer key bar, first key of each binding that has a footer label.
    public let footerItems: [FooterItem]
    /// The keys that need a role (the first binding of a key decides, as in `action(for:)`).
    public let roles: [Key: OperatorRole]

    public init(_ title: String, typing: String? = nil, _ bindings: [KeyBinding<Action>]) {
        self.title = title
        self.typing = typing
        self.bindings = bindings
        helpRows = (typing.map { [HelpRow(keys: "type", text: $0)] } ?? []) + bindings.map { HelpRow(keys: $0.keyLabel, text: $0.help, needs: $0.role, bound: $0.keys) }
        footerItems = bindings.compactMap { binding in
            binding.footer.flatMap { label in binding.keys.first.map { FooterItem(key: $0, label: label, ifRoom: binding.footerIfRoom, needs: binding.role) } }
        }
        var roles: [Key: OperatorRole] = [:]
        var seen: Set<Key> = []
        for binding in bindings {
            for key in binding.keys where seen.insert(key).inserted { roles[key] = binding.role }
        }
        self.roles = roles
    }

    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The key bar where only some of the table's actions apply now (a section, a tab, a focus).
    public func footerItems(where applies: (Action) -> Bool) -> [FooterItem] {
        bindings.compactMap { binding in
            guard applies(binding.action), let label = binding.footer, let key = binding.keys.first else { return nil }
            return FooterItem(key: key, label: label, ifRoom: binding.footerIfRoom, needs: binding.role)
        }
    }
}

public struct HelpRow: Hashable, Sendable {
    public var keys: String
    public var text: String
    public var needs: OperatorRole?
    /// The keys of the row's binding: the rights check finds a key's role through the help rows
    /// every screen already shows (FocusKeys.roles).
    public var bound: [Key]
    public init(keys: String, text: String, needs: OperatorRole? = nil, bound: [Key] = []) {
        self.keys = keys; self.text = text; self.needs = needs; self.bound = bound
    }
}

public struct FooterItem: Hashable, Sendable {
    /// The key a click on the item presses.
    public var key: Key
    public var label: String
    /// Left out first when the bar is too narrow (see `KeyBar.layout`).
    public var ifRoom = false
    public var needs: OperatorRole?
    /// The operator's roles do not allow it: drawn dimmed, with a × before the key.
    public var refused = false
    public init(key: Key, label: String, ifRoom: Bool = false, needs: OperatorRole? = nil) {
        self.key = key; self.label = label; self.ifRoom = ifRoom; self.needs = needs
    }
}

/// A mouse event in terminal cells.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case click, wheelUp, wheelDown }
    public var x: Int
    public var y: Int
    public var kind: Kind
    public init(x: Int, y: Int, kind: Kind) { self.x = x; self.y = y; self.kind = kind }
}
