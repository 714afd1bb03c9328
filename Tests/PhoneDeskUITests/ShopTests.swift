import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

func shopModel(_ data: AccountData = demoData()) -> AppModel {
    var model = makeModel(data)
    model.today = YearMonth(year: 2026, month: 11)
    model.sessionID = "s"
    return model
}

extension AppModel {

}

struct ShopUpdateTests {
    @Test func categoriesAreInMenuOrderAndEnterAddsToTheCart() {
        var model = shopModel()
        press(&model, .char("b"))
        #expect(ProductCategory.allCases.map(\.title) == ["Desk phones", "Conference phones", "DECT phones", "Headsets", "Adapters & accessories"])
        press(&model, .down, .down, .down)
        let effects = press(&model, .enter, .enter)
        #expect(effects.last == .saveCart([CartLine(sku: "YEA-T46U", quantity: 2)]))
        press(&model, .left, .down, .down, .down, .right, .enter)
        #expect(model.data.cart.last == CartLine(sku: "JAB-EV2-30", quantity: 1))
    }

    /// `+` and Enter once went on past any bound (a held key, a loaded cart of 9,999).
    @Test func aLineStopsAtTheLargestQuantityWithAMessage() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T46U", quantity: CartLine.quantities.upperBound)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"))
        #expect(press(&model, .char("+")).isEmpty)
        #expect(model.data.cart.first?.quantity == 9_999)
        #expect(model.checkout?.message?.text == "At most 9999 of one product per order.")
        press(&model, .escape, .down, .down, .down)
        #expect(press(&model, .enter).isEmpty)
        #expect(model.data.cart.first?.quantity == 9_999)
        #expect(Localizer.tr(model.status?.text ?? "", .pl) == "Najwyżej 9999 sztuk jednego produktu w zamówieniu.")
    }

    /// Esc with a kept filter left the shop; it clears the filter first.
    @Test func escClearsAKeptFilterBeforeLeaving() {
        var model = shopModel()
        press(&model, .char("b"), .char("/"))
        type(&model, "yealink w7")
        press(&model, .enter, .escape)
        #expect(model.shop?.filter == "")
        press(&model, .escape)
        #expect(model.shop == nil)
    }

    @Test func filterSearchesEveryCategory() {
        var model = shopModel()
        press(&model, .function(3), .char("/"))
        type(&model, "yealink w7")
        #expect(model.shop?.products(model.shopData).map(\.sku) == ["YEA-W76P", "YEA-W73P"])
        press(&model, .escape)
        #expect(model.shop?.products(model.shopData).first?.category == .deskPhones)
    }

    @Test func checkoutChangesQuantitiesAndRemovesLines() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"))
        #expect(press(&model, .char("+")) == [.saveCart([CartLine(sku: "YEA-T46U", quantity: 3), CartLine(sku: "JAB-EV2-30", quantity: 1)])])
        press(&model, .char("-"), .char("-"))
        #expect(model.data.cart.first?.quantity == 1)
        press(&model, .down, .char("x"))
        #expect(model.data.cart == [CartLine(sku: "YEA-T46U", quantity: 1)])
        press(&model, .escape)
        #expect(model.checkout == nil)
        #expect(model.shop != nil)
    }

    @Test func theOnlySavedAddressIsPreselectedAndDeliveryFollowsTheAddress() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"))
        #expect(model.checkout?.address(model.data)?.city == "Łódź")
        #expect(view(model).text.contains("Delivery (domestic, 2.9 kg) EUR 8.00"))
        // A new address in Germany: the 4-digit code is refused first.
        press(&model, .tab, .enter, .tab)
        type(&model, "Jan Müller")
        press(&model, .tab, .tab)
        type(&model, "Unter den Linden 1")
        press(&model, .tab)
        type(&model, "Berlin")
        press(&model, .tab)
        type(&model, "1011")
        press(&model, .tab)
        type(&model, "germany")
        press(&model, .enter)
        guard case .address(let window)? = model.checkout?.window else { Issue.record("no address window"); return }
        #expect(window.form[.postalCode]?.error == "Not a Germany postal code: expected the form 10115.")
        #expect(press(&model, .ctrl("s")).isEmpty)
        press(&model, .ctrl("u"))
        type(&model, "10117")
        let berlin = PostalAddress(name: "Jan Müller", company: "", street: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE")
        #expect(press(&model, .ctrl("s")) == [.addAddress(berlin)])
        var saved = model.data
        saved.account.addresses.append(berlin)
        _ = update(&model, .addressAdded(berlin, .saved(saved)))
        #expect(model.checkout?.window == nil)
        #expect(model.checkout?.address(model.data) == berlin)
        #expect(view(model).text.contains("Delivery (EU, 2.9 kg) EUR 18.00"))
        #expect(view(model).text.contains("VAT 19 %"))
    }

    @Test func companyAccountPaymentAndItsConfirmation() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"), .tab, .tab, .tab)
        #expect(model.checkout?.section == .pay)
        let effects = press(&model, .enter)
        guard case .checkout(let request)? = effects.first else { Issue.record("no checkout"); return }
        #expect(request.payment == .companyAccount)
        #expect(request.expectedTotal == 4500 + 500 + Pricing.percentage(5000, basisPoints: 2300))
        #expect(request.idempotencyKey == "s-1")
        #expect(model.checkout?.processing == true)
        #expect(press(&model, .enter).isEmpty)  // no second charge while processing
        #expect(view(model).text.contains("Processing…"))
    }

    @Test func insufficientBalanceIsRefusedBeforeAnyCharge() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-CP965", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"), .tab, .tab, .tab)
        #expect(press(&model, .enter).isEmpty)
        #expect(model.checkout?.message?.text.contains("The company account has EUR 500.00") == true)
    }

    @Test func aNewCardIsValidatedGroupedAndNeverShownAfterTheWindow() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"), .tab, .tab, .down, .down, .enter)
        type(&model, "4242424242424241")
        guard case .card(let window)? = model.checkout?.window else { Issue.record("no card window"); return }
        #expect(window.form.text(.number) == "4242 4242 4242 4241")
        #expect(window.form[.number]?.hint == "Visa card")
        press(&model, .tab)
        type(&model, "10/26")
        press(&model, .tab)
        type(&model, "12")
        press(&model, .tab)
        type(&model, "Jan")
        #expect(press(&model, .ctrl("s")).isEmpty)
        guard case .card(let refused)? = model.checkout?.window else { Issue.record("window closed"); return }
        #expect(refused.form[.number]?.error == "This number has a typo (its check digit is wrong).")
        #expect(refused.form[.expiry]?.error == "This card has expired.")
        #expect(refused.form[.cvc]?.error != nil)
        press(&model, .backspace)
        type(&model, "2")
        press(&model, .tab, .ctrl("u"))
        type(&model, "08/29")
        press(&model, .tab)
        type(&model, "3")
        press(&model, .tab, .tab, .char(" "), .ctrl("s"))
        #expect(model.checkout?.window == nil)
        #expect(model.checkout?.section == .pay)
        let screen = view(model).text
        #expect(screen.contains("New card: Visa •••• 4242 (will be saved)"))
        #expect(!screen.contains("4242 4242"))
        guard case .checkout(let request)? = press(&model, .enter).first,
              case .newCard(let card, let save) = request.payment else { Issue.record("no charge"); return }
        #expect(card.number == "4242424242424242" && card.cvc == "123" && save)
        // Declined: nothing placed, the next attempt gets a new key.
        _ = update(&model, .checkoutFinished(key: request.idempotencyKey, .rejected(.declined("card declined"))))
        #expect(model.checkout?.message?.text.contains("card declined") == true)
        #expect(model.checkout?.idempotencyKey == "s-1-1")
    }

    @Test func aPlacedOrderIsConfirmedAndForgetsTheCard() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"))
        model.checkout?.newCard = CardDetails(number: "4242424242424242", expiry: YearMonth(year: 2030, month: 1), cvc: "1", name: "x")
        let order = Order(number: "PD-2026-0001", date: UTCTimestamp(iso8601: "2026-11-26T10:00:00Z")!, lines: [], address: data.account.addresses[0], zone: .domestic,
                          subtotal: 4500, delivery: 500, vatBasisPoints: 2300, vat: 1150, total: 6150, currency: "EUR",
                          payment: .companyAccount, status: .paid, idempotencyKey: "s-1", phoneIDs: [3])
        var placed = model.data
        placed.cart = []
        placed.orders = [order]
        _ = update(&model, .checkoutFinished(key: "s-1", .saved(CheckoutOutcome(order: order, data: placed))))
        #expect(model.checkout?.newCard == nil)
        #expect(model.checkout?.window == .confirmation(order))
        expectGolden("checkout-confirmation", view(model))
        press(&model, .enter)
        #expect(model.checkout == nil)
        press(&model, .escape, .char("o"), .enter)
        #expect(model.ordersScreen?.detail == "PD-2026-0001")
        expectGolden("order-detail", view(model))
    }
}

struct ShopGoldenTests {
    func cartData() -> AccountData {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        return data
    }

    @Test func shop() {
        var model = shopModel(cartData())
        press(&model, .char("b"), .down, .down, .down)
        expectGolden("shop", view(model))
    }

    @Test func checkout() {
        var model = shopModel(cartData())
        press(&model, .char("b"), .char("c"))
        expectGolden("checkout", view(model))
    }

    @Test func addressWindow() {
        var model = shopModel(cartData())
        press(&model, .char("b"), .char("c"), .tab, .enter)
        expectGolden("checkout-address", view(model))
    }

    @Test func cardWindow() {
        var model = shopModel(cartData())
        press(&model, .char("b"), .char("c"), .tab, .tab, .down, .down, .enter)
        type(&model, "378282246310005")
        expectGolden("checkout-card", view(model))
    }
}
