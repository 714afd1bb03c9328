import PhoneDeskCore

/// Figure 15.5: the shop screen — category menu on the left, products on the right. `c` opens
/// the checkout over it.
public struct ShopFeature: Feature, Equatable {
    public enum Action: Sendable {
        case key(Key)
        case clickCategory(ProductCategory)
        case clickRow(Int)
    }

    public enum Focus: Sendable { case menu, products }
    public var focus: Focus = .products
    public var category: ProductCategory = .deskPhones
    public var cursor = ListCursor()
    public var filter = ""
    public var filtering = false
    public init() {}

    public static func key(_ key: Key) -> Action { .key(key) }

    /// The products shown: the category's, or with a filter the matches in every category.
    public func products(_ shop: ShopData) -> [Product] {
        let words = SearchFold.fold(filter).split(separator: " ")
        if words.isEmpty { return shop.products.filter { $0.category == category } }
        return shop.products.filter { product in
            let key = SearchFold.fold("\(product.name) \(product.brand) \(product.model ?? "") \(product.sku)")
            return words.allSatisfy { key.contains($0) }
        }
    }

    public mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        switch action {
        case .key(let key): return filtering ? filterKey(key, context) : screenKey(key, context)
        case .clickCategory(let chosen):
            category = chosen
            cursor = ListCursor()
            filter = ""
            focus = .menu
            return []
        case .clickRow(let row):
            let again = focus == .products && cursor.selected == row
            focus = .products
            cursor.move(by: row - cursor.selected, count: products(context.shopData).count, pageSize: ShopView.pageSize(context.size))
            return again ? [.send(.key(.enter))] : []
        }
    }

    private mutating func filterKey(_ key: Key, _ context: Context) -> [Command<Action>] {
        let before = filter
        let page = ShopView.pageSize(context.size)
        var commands: [Command<Action>] = []
        switch FilterLine.handle(key, text: &filter) {
        case .edited(let message):
            if let message { commands.append(.status(StatusMessage(.error, message))) }
            // At the limit (or refused) nothing changes: no products to filter again.
            if filter == before { return commands }
        case .keep, .clear: filtering = false
        case .up: cursor.move(by: -1, count: products(context.shopData).count, pageSize: page)
        case .down: cursor.move(by: 1, count: products(context.shopData).count, pageSize: page)
        case .ignored: return GlobalKeys.commands(for: key, in: GlobalKeys.whileTyping)
        }
        focus = .products
        cursor.clamp(count: products(context.shopData).count, pageSize: page)
        return commands
    }

    private mutating func screenKey(_ key: Key, _ context: Context) -> [Command<Action>] {
        guard let action = ShopKeys.shop.action(for: key) else { return [] }
        let shown = products(context.shopData)
        let page = ShopView.pageSize(context.size)
        var commands: [Command<Action>] = [.status(nil)]
        switch action {
        case .switchFocus: focus = focus == .menu ? .products : .menu
        case .left: focus = .menu
        case .right: focus = .products
        case .up, .down, .first, .last:
            let delta = [ShopAction.up: -1, .down: 1, .first: -1_000, .last: 1_000][action] ?? 0
            if focus == .menu { moveCategory(delta) } else { cursor.move(by: delta, count: shown.count, pageSize: page) }
        case .addToCart:
            if focus == .menu { focus = .products; break }
            guard shown.indices.contains(cursor.selected) else { break }
            commands += Self.add(shown[cursor.selected], to: context.data.cart)
        case .filter:
            filtering = true
            focus = .products
        case .checkout:
            if let refusal = context.writeRefusal { commands.append(.status(refusal)); break }
            commands += [.app(.checkoutOpened), .open(CheckoutFeature(idempotencyKey: context.nextCheckoutKey, data: context.data,
                                                                          remembered: context.checkoutChoice, today: context.today))]
        case .back:
            // A kept filter goes first: Esc leaving the shop with it lost where the operator was.
            guard filter.isEmpty else {
                filter = ""
                cursor.clamp(count: products(context.shopData).count, pageSize: page)
                break
            }
            commands.append(.close)
        case .help: commands.append(.help)
        case .quit: commands.append(.quit)
        }
        return commands
    }

    private mutating func moveCategory(_ delta: Int) {
        let all = ProductCategory.allCases
        let index = all.firstIndex(of: category) ?? 0
        category = all[min(max(0, index + delta), all.count - 1)]
        cursor = ListCursor()
        filter = ""
    }

    /// One more of `product` in the cart, or why not.
    private static func add(_ product: Product, to cart: [CartLine]) -> [Command<Action>] {
        var cart = cart
        if let index = cart.firstIndex(where: { $0.sku == product.sku }) {
            guard cart[index].quantity < CartLine.quantities.upperBound else {
                return [.status(StatusMessage(.error, CartLine.fullMessage))]
            }
            cart[index].quantity += 1
        } else { cart.append(CartLine(sku: product.sku, quantity: 1)) }
        let items = cart.reduce(0) { $0 + $1.quantity }
        return [.app(.setCart(cart)),
                .status(StatusMessage(.success, "Added \(product.name) to the cart (\(Plural.count(items, "item", "items"))); c checks out."))]
    }

    public func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        ShopView.draw(self, context, in: &canvas)
    }

    public func keys(_ context: Context) -> FocusKeys {
        if filtering { return FilterLine.focus }
        // On the category menu Enter moves to the products; it adds to the cart only there.
        let footer = ShopKeys.shop.footerItems { focus == .products || $0 != .addToCart }
        return FocusKeys("Shop", [HelpSection("Shop", ShopKeys.shop.helpRows)], footer: footer)
    }
}
