import PhoneDeskCore

/// The help window: the keys of the feature that had focus when it opened, from the same key
/// tables that handle its input.
struct HelpFeature: Feature {
    enum Action: Sendable { case key(Key) }
    static func key(_ key: Key) -> Action { .key(key) }

    /// The keys shown.
    let focus: FocusKeys
    /// The first line shown when the keys are taller than the screen.
    var scroll = 0

    init(focus: FocusKeys) { self.focus = focus }

    enum KeyAction: Sendable { case close, quit, about, scroll(ScrollMove) }
    static let table = KeyTable<KeyAction>("Help", [
        KeyBinding([.escape, .enter, .char("?"), .function(1), .char("q")], "close this help", footer: "Close", .close),
    ] + ScrollText.bindings(KeyAction.scroll) + [
        KeyBinding([.char("i")], "about phonedesk: version, data directory, provisioning", footer: "About", .about),
        KeyBinding([.ctrl("c"), .function(10)], "quit", .quit),
    ])

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { .key(up ? .up : .down) }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        switch Self.table.action(for: key) {
        case .close?: return [.close]
        case .quit?: return [.quit]
        // About takes help's place and gives it back on Esc: `? i ? i …` never piles up windows.
        case .about?: return [.app(.replace(with: AboutFeature(help: self)))]
        case .scroll(let move)?:
            let area = DialogSize.area(width: context.size.width, height: context.size.height)
            let rect = HelpView.rect(focus.sections, area: area, language: context.language)
            let total = HelpView.lines(focus.sections, width: rect.width, language: context.language).count
            scroll = ScrollText.moved(scroll, move, total: total, page: HelpView.page(rect))
            return []
        case nil: return []
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        HelpView.draw(title: focus.title, sections: focus.sections, scroll: scroll, in: &canvas, language: context.language)
        // A click anywhere closes the help.
        return [ClickRegion(canvas.bounds, .key(.escape))]
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("Help", Self.table, global: false) }
}
