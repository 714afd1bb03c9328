import Foundation
import PhoneDeskCore

/// `phonedesk orders list` and `orders place` (company account) — scripted reorders of
/// accessories, and the crash tests' way to place orders from a process that can be killed.
enum OrdersCommand {
    static func run(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        guard let sub = words.first else { return CLI.usage(&console, Help.orders) }
        let rest = Array(words.dropFirst())
        switch sub {
        case "list":
            return CLI.withStore(rest, help: Help.orders, environment: environment, .init(switches: ["json"]), &console) { store, a, console in
                let orders = try store.load().data.orders
                if a.flags.contains("json") {
                    console.printLines(try CLI.json(orders))
                } else {
                    console.print(CLI.pad(["NUMBER", "DATE", "TOTAL", "PAYMENT", "STATUS"], [14, 21, 14, 22, 8]))
                    for order in orders {
                        console.print(CLI.pad([order.number, order.date.iso8601, order.money(order.total), order.payment.label, order.status.label], [14, 21, 14, 22, 8]))
                    }
                }
                return ExitCode.success
            }
        case "place":
            return CLI.withStore(rest, help: Help.orders, environment: environment,
                                 .init(valued: ["sku", "quantity", "address"], required: ["sku"], needs: "orders place needs --sku"), &console) { store, a, console in
                let sku = a.values["sku"] ?? ""
                let quantity = Int(a.values["quantity"] ?? "1") ?? 0
                guard CartLine.quantities.contains(quantity) else {
                    throw Arguments.UsageError(message: "--quantity must be a whole number from \(CartLine.quantities.lowerBound) to \(CartLine.quantities.upperBound)")
                }
                let data = try store.load().data
                let index = Int(a.values["address"] ?? "1") ?? 0
                guard data.account.addresses.indices.contains(index - 1) else {
                    console.error("no saved address \(index) (the account has \(data.account.addresses.count))")
                    return ExitCode.failure
                }
                let shop = try ShopData.load(directory: store.directory)
                guard shop.product(sku: sku) != nil else { console.error("unknown SKU \(sku)"); return ExitCode.failure }
                let address = data.account.addresses[index - 1]
                let cart = [CartLine(sku: sku, quantity: quantity)]
                let quote = Pricing.quote(cart, shop: shop, country: address.country)
                let request = CheckoutRequest(idempotencyKey: "cli-\(UUID().uuidString)", cart: cart, address: address,
                                              payment: .companyAccount, expectedTotal: quote.total)
                switch try Checkout.run(request, store: store, gateway: SandboxGateway(), now: Date()) {
                case .failure(let rejection): console.error(rejection.message); return ExitCode.failure
                case .success(let outcome):
                    console.print("\(outcome.order.number) \(outcome.order.money(outcome.order.total))")
                    return ExitCode.success
                }
            }
        case "--help", "-h": return CLI.usage(&console, Help.orders, status: ExitCode.success)
        default:
            console.error("unknown orders command \(sub)")
            return CLI.usage(&console, Help.orders)
        }
    }
}
