import Foundation
import Testing

/// Buying in the real panel: a declined card places nothing, the company account pays and
/// lowers the balance by exactly the total, and the phones join the table awaiting delivery.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct ShopEndToEndTests {
    let data = temporaryDataDirectory()

    struct Account: Decodable {
        struct Body: Decodable { struct Balance: Decodable { var cents: Int }; var balance: Balance }
        var account: Body
    }
    struct Orders: Decodable { struct Order: Decodable { var number: String; var total: Int; var payment: String }; var orders: [Order] }

    @Test func declinedCardThenCompanyAccount() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        // Two Yealink T46U (4th desk phone) into the cart.
        tmux.keys("b")
        tmux.waitFor("Desk phones")
        tmux.keys("j", "j", "j", "Enter", "Enter")
        tmux.waitFor("cart: 2 items")
        tmux.keys("c")
        tmux.waitFor("Checkout")
        // A new card that the sandbox declines.
        tmux.keys("Tab", "Tab", "j", "j", "Enter")
        tmux.waitFor("New card")
        tmux.type("4000 0000 0000 0002")
        tmux.keys("Tab")
        tmux.type("12/29")
        tmux.keys("Tab")
        tmux.type("123")
        tmux.keys("Tab")
        tmux.type("Jan Kowalski")
        tmux.keys("C-s")
        tmux.waitFor("New card: Visa •••• 0002")
        tmux.keys("Enter")
        tmux.waitFor("card declined")
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("orders.json").path))
        // The company account pays.
        tmux.keys("BTab", "k", "k", "Tab", "Enter")
        let confirmation = tmux.waitFor("Order PD-")
        #expect(confirmation.contains("Company account"))
        tmux.keys("Enter", "Escape")
        let table = tmux.waitFor("4 phones")
        #expect(table.components(separatedBy: "Awaiting").count - 1 == 2)
        let orders = try JSONDecoder().decode(Orders.self, from: Data(contentsOf: data.appendingPathComponent("orders.json")))
        #expect(orders.orders.count == 1)
        let account = try JSONDecoder().decode(Account.self, from: Data(contentsOf: data.appendingPathComponent("account.json")))
        #expect(account.account.balance.cents == 50_000 - orders.orders[0].total)
        for name in try FileManager.default.subpathsOfDirectory(atPath: data.path) {
            let text = (try? String(contentsOf: data.appendingPathComponent(name), encoding: .utf8)) ?? ""
            #expect(!text.contains("4000000000000002"), "\(name) holds a card number")
        }
        tmux.keys("q")
    }
}

/// Polish in the real panel: a country found by its Polish name ships there, amounts carry a
/// decimal comma, and the address added stays chosen after the checkout is closed and reopened.
@Suite(.serialized, .enabled(if: e2eEnabled))
struct PolishCheckoutEndToEndTests {
    let data = temporaryDataDirectory()

    @Test func polishCountrySearchAndTheRememberedAddress() throws {
        defer { try? FileManager.default.removeItem(at: data) }
        let tmux = Tmux()
        tmux.start("\(Tmux.binary) --data \(data.path) --lang pl")
        tmux.waitFor("2 telefony")
        tmux.keys("b")
        tmux.waitFor("Telefony biurkowe")
        tmux.keys("Enter", "c")
        let checkout = tmux.waitFor("saldo EUR 500,00")
        #expect(checkout.contains("0,8 kg"))
        tmux.keys("Tab", "Enter", "Tab")
        tmux.type("Jan Müller")
        tmux.keys("Tab", "Tab")
        tmux.type("Unter den Linden 1")
        tmux.keys("Tab")
        tmux.type("Berlin")
        tmux.keys("Tab")
        tmux.type("10117")
        tmux.keys("Tab")
        tmux.type("niem")
        tmux.waitFor("DE Niemcy")
        tmux.keys("Enter", "C-s")
        tmux.waitFor("10117 Berlin, DE")
        tmux.keys("Escape")
        tmux.waitFor("Telefony biurkowe")
        tmux.keys("c")
        let reopened = tmux.waitFor("Kasa")
        #expect(reopened.contains("10117 Berlin, DE"))
        tmux.keys("Escape", "Escape", "q")
    }
}
