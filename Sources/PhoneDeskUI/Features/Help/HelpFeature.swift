import PhoneDeskCore

/// The help window: the keys of the feature that had focus when it opened, from the same key
/// tables that handle its input.
struct HelpFeature: Feature {
    enum Action: Sendable { case key(Key) }
    static func key(_ key: Key) -> Action { .key(key) }

    /// The keys shown.
    let focus: FocusKeys

    enum KeyAction: Sendable { case close, quit, about }
    static let table = KeyTable<KeyAction>("Help", [
        KeyBinding([.escape, .enter, .char("?"), .function(1), .char("q")], "close this help", footer: "Close", .close),
        KeyBinding([.char("i")], "about phonedesk: version, data directory, provisioning", footer: "About", .about),
        KeyBinding([.ctrl("c"), .function(10)], "quit", .quit),
    ])

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        switch Self.table.action(for: key) {
        case .close?: return [.close]
        case .quit?: return [.quit]
        // About takes help's place and gives it back on Esc: `? i ? i …` never piles up windows.
        case .about?: return [.app(.replace(with: AboutFeature(help: self)))]
        case nil: return []
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        HelpView.draw(title: focus.title, sections: focus.sections, in: &canvas, language: context.language)
        // A click anywhere closes the help.
        return [ClickRegion(canvas.bounds, .key(.escape))]
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("Help", Self.table, global: false) }
}
