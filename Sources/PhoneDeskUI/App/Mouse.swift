import PhoneDeskCore

/// Mouse: the key bar's items are their keys; any other click goes to the feature on top, which
/// looks it up among the regions it drew; the wheel is the feature's own (usually ↑/↓).
func handleMouse(_ model: inout AppModel, _ event: MouseEvent) -> [Effect] {
    if model.size.isTooSmall { return [] }
    if event.kind == .click, event.y == model.size.height - 1,
       let key = KeyBar.key(at: event.x, items: footerItems(model), width: model.size.width, language: model.language) {
        return update(&model, .key(key))
    }
    // A click is not typed ahead: while a phone change saves, the screen it aims at may go.
    if model.saving != nil { return [] }
    switch event.kind {
    case .click: return withTop(&model, .click(x: event.x, y: event.y))
    case .wheelUp: return withTop(&model, .wheel(up: true))
    case .wheelDown: return withTop(&model, .wheel(up: false))
    }
}
