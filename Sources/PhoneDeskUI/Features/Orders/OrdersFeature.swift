import PhoneDeskCore

/// The orders screen (`o` on the table).
public struct OrdersFeature: Feature, Equatable {
    public enum Action: Sendable {
        case key(Key)
        case clickRow(Int)
    }

    public var cursor = ListCursor()
    /// The number of the order shown in its window.
    public var detail: String?
    public init() {}

    public static func key(_ key: Key) -> Action { .key(key) }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        let count = context.data.orders.count
        let page = OrdersView.pageSize(context.size)
        switch action {
        case .clickRow(let row):
            let again = cursor.selected == row
            cursor.move(by: row - cursor.selected, count: count, pageSize: page)
            return again ? [.send(.key(.enter))] : []
        case .key(let key):
            if detail != nil {
                if OrdersKeys.detail.action(for: key) != nil { detail = nil; return [] }
                return GlobalKeys.commands(for: key)
            }
            guard let action = OrdersKeys.screen.action(for: key) else { return [] }
            switch action {
            case .up: cursor.move(by: -1, count: count, pageSize: page)
            case .down: cursor.move(by: 1, count: count, pageSize: page)
            case .first: cursor.move(by: -count, count: count, pageSize: page)
            case .last: cursor.move(by: count, count: count, pageSize: page)
            case .open:
                let orders = Array(context.data.orders.reversed())
                if orders.indices.contains(cursor.selected) { detail = orders[cursor.selected].number }
            case .shop: return [.app(.replace(with: ShopFeature()))]
            case .back: return [.close]
            case .help: return [.help]
            case .quit: return [.quit]
            }
            return []
        }
    }

    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        OrdersView.draw(self, context, in: &canvas)
    }

    public func keys(_ context: Context) -> FocusKeys {
        if detail != nil { return FocusKeys("Order", OrdersKeys.detail) }
        return FocusKeys("Orders", [HelpSection("Orders", OrdersKeys.screen.helpRows)], footer: OrdersKeys.screen.footerItems)
    }
}
