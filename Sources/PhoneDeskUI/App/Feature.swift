import PhoneDeskCore

/// One screen or window of the panel: its state, the keys it takes, how it reacts and how it
/// looks. A feature sees its own state and a read-only `Context`; everything else it wants —
/// work done, the status line, the cart, another screen — it asks for with `Command`s, which the
/// app carries out. Adding a screen is one folder holding one type that conforms.
public protocol Feature: Sendable {
    associatedtype Action: Sendable
    /// Every key reaches a feature as this action; its key tables say what the key does.
    static func key(_ key: Key) -> Action
    /// The effect results (and store news) this feature waits for, as its own actions.
    static func result(_ msg: Msg) -> Action?
    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>]
    /// Draws the feature and returns where clicks land and what they do there.
    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>]
    /// The keys that work now: the key bar, the help window and docs/keys.md come from here.
    func keys(_ context: Context) -> FocusKeys
    /// A window is drawn over the feature below; a screen replaces it.
    var isWindow: Bool { get }
    /// The status line is not drawn while this window is open (it would cross it).
    var coversStatus: Bool { get }
    /// True when closing now would lose typed input (quitting asks first).
    var hasUnsavedEdits: Bool { get }
    /// What the mouse wheel does (nil: nothing).
    func wheel(up: Bool) -> Action?
}

extension Feature {
    public static func result(_ msg: Msg) -> Action? { nil }
    public var isWindow: Bool { false }
    public var coversStatus: Bool { false }
    public var hasUnsavedEdits: Bool { false }
    public func wheel(up: Bool) -> Action? { Self.key(up ? .up : .down) }
}

/// A place a click lands, recorded by `draw`, and the action it sends.
public struct ClickRegion<Action: Sendable>: Sendable {
    public var rect: Rect
    public var action: Action
    public init(_ rect: Rect, _ action: Action) { self.rect = rect; self.action = action }

    func contains(x: Int, y: Int) -> Bool { rect.x <= x && x < rect.maxX && rect.y <= y && y < rect.maxY }

    /// The same region sending another action (a widget's region lifted into its screen's).
    func map<Other>(_ transform: (Action) -> Other) -> ClickRegion<Other> { ClickRegion<Other>(rect, transform(action)) }
}

/// What has focus, for the key bar and the help window.
public struct FocusKeys: Sendable {
    /// The help window's title.
    public var title: String
    public var sections: [HelpSection]
    public var footer: [FooterItem]
    public init(_ title: String, _ sections: [HelpSection], footer: [FooterItem]) {
        self.title = title; self.sections = sections; self.footer = footer
    }

    /// A key table's help and footer, plus the keys that work everywhere.
    public init<A>(_ title: String, _ table: KeyTable<A>, global: Bool = true) {
        self.init(title, [HelpSection(table.title, table.helpRows)] + (global ? [.global] : []), footer: table.footerItems)
    }

    /// Keys that need a role (KeyBinding.needs), from the help rows of the tables in focus (the
    /// first row of a key decides, as the table does); the app refuses them to operators without it.
    public var roles: [Key: OperatorRole] {
        var roles: [Key: OperatorRole] = [:]
        var seen: Set<Key> = []
        for row in sections.flatMap(\.rows) {
            for key in row.bound where seen.insert(key).inserted { roles[key] = row.needs }
        }
        return roles
    }

    /// The keys as `rights` sees them: what it cannot use marked in the key bar and the help.
    public func marked(for rights: Rights) -> FocusKeys {
        var copy = self
        copy.footer = footer.map { item in
            var item = item
            item.refused = item.needs.map { !rights.allows($0) } ?? false
            return item
        }
        copy.sections = sections.map { section in
            HelpSection(section.heading, section.rows.map { row in
                guard let needs = row.needs, !rights.allows(needs) else { return row }
                return HelpRow(keys: "×" + row.keys, text: row.text + " (needs \(needs.rawValue))", needs: needs, bound: row.bound)
            })
        }
        return copy
    }
}

public struct HelpSection: Sendable {
    public var heading: String
    public var rows: [HelpRow]
    public init(_ heading: String, _ rows: [HelpRow]) { self.heading = heading; self.rows = rows }
    static let global = HelpSection("Everywhere", GlobalKeys.table.helpRows)
    /// The global keys where `?` and `q` are typed text.
    static let globalWhileTyping = HelpSection("Everywhere", GlobalKeys.whileTyping.helpRows)
}

/// What a feature asks of the app.
public enum Command<Action: Sendable>: Sendable {
    /// Handled by the same feature right away (after the current action).
    case send(Action)
    case app(AppCommand)

    public static func perform(_ effect: Effect) -> Command { .app(.perform(effect)) }
    public static func status(_ message: StatusMessage?) -> Command { .app(.status(message)) }
    public static func open(_ feature: any Feature) -> Command { .app(.open(feature)) }
    public static var close: Command { .app(.close) }
    public static var help: Command { .app(.help) }
    public static var quit: Command { .app(.quit) }
}

/// The app-level half of a `Command`: shared data, the status line and navigation are the
/// app's, so a feature changes them only through these.
public enum AppCommand: Sendable {
    /// Work for the runtime; its result comes back as a `Msg`, routed by `Feature.result`.
    case perform(Effect)
    case status(StatusMessage?)
    /// The cart changed in the panel (the shop); the runtime saves it.
    case setCart([CartLine])
    /// Save a phone change: typing waits for its result (see `AppModel.typedAhead`).
    case savePhone(PhoneChange)
    /// Open a feature over the one asking.
    case open(any Feature)
    /// Close the feature asking.
    case close
    /// Close the feature asking and open another in its place.
    case replace(with: any Feature)
    /// Help for the feature on top.
    case help
    /// Quit (asks first when something typed would be lost).
    case quit
    /// Quit now: the operator said yes to losing what was typed.
    case quitNow
    /// A checkout window opened: the next one gets a new idempotency key.
    case checkoutOpened
    /// The checkout's address and payment method, kept while the cart lives.
    case rememberCheckout(CheckoutChoice)
}

extension Feature {
    /// Runs an action and the ones it sends to itself; returns what it asks of the app.
    mutating func run(_ action: Action, _ context: Context) -> [AppCommand] {
        var pending = [action]
        var out: [AppCommand] = []
        while !pending.isEmpty {
            for command in reduce(pending.removeFirst(), context) {
                switch command {
                case .send(let next): pending.append(next)
                case .app(let request): out.append(request)
                }
            }
        }
        return out
    }

    mutating func handleKey(_ key: Key, _ context: Context) -> [AppCommand] { run(Self.key(key), context) }

    /// Nil when this feature does not take the message.
    mutating func handleResult(_ msg: Msg, _ context: Context) -> [AppCommand]? {
        Self.result(msg).map { run($0, context) }
    }

    /// A click: the region under it, from a fresh draw (drawing is pure), sends its action.
    mutating func handleClick(x: Int, y: Int, _ context: Context) -> [AppCommand] {
        var scratch = Canvas(width: context.size.width, height: context.size.height)
        guard let hit = draw(context, in: &scratch).last(where: { $0.contains(x: x, y: y) }) else { return [] }
        return run(hit.action, context)
    }

    mutating func handleWheel(up: Bool, _ context: Context) -> [AppCommand] {
        wheel(up: up).map { run($0, context) } ?? []
    }

    func drawAny(_ context: Context, in canvas: inout Canvas) { _ = draw(context, in: &canvas) }
}
