import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The checkout keeps its choices while the cart lives; Home/End in its lists; messages that
/// tell the truth (issue 12, item 11).
struct CheckoutMemoryTests {
    let berlin = PostalAddress(name: "Jan Müller", company: "", street: "Unter den Linden 1", city: "Berlin", postalCode: "10117", country: "DE")

    func cartModel() -> AppModel {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        return shopModel(data)
    }

    /// Adds Berlin through the address window, as the operator does, and the store's answer.
    func addBerlin(_ model: inout AppModel) {
        press(&model, .tab, .enter, .tab)
        type(&model, "Jan Müller")
        press(&model, .tab, .tab)
        type(&model, "Unter den Linden 1")
        press(&model, .tab)
        type(&model, "Berlin")
        press(&model, .tab)
        type(&model, "10117")
        press(&model, .tab)
        type(&model, "de")
        press(&model, .enter)
        #expect(press(&model, .ctrl("s")) == [.addAddress(berlin)])
        var saved = model.data
        saved.account.addresses.append(berlin)
        _ = update(&model, .addressAdded(berlin, .saved(saved)))
    }

    @Test func anAddressAddedAMomentAgoSurvivesClosingAndReopening() {
        var model = cartModel()
        press(&model, .char("b"), .char("c"))
        addBerlin(&model)
        #expect(model.checkout?.address(model.data) == berlin)
        press(&model, .escape)
        #expect(model.checkout == nil)
        press(&model, .char("c"))
        #expect(model.checkout?.address(model.data) == berlin)
    }

    @Test func thePaymentMethodSurvivesToo() {
        var model = cartModel()
        press(&model, .char("b"), .char("c"), .tab, .tab, .down)
        #expect(model.checkout?.paymentIndex == 1)
        press(&model, .escape, .char("c"))
        #expect(model.checkout?.paymentIndex == 1)
        guard case .saved(let card, _) = model.checkout?.paymentOptions(model.data, today: model.today)[1] else {
            Issue.record("no saved card"); return
        }
        #expect(model.checkoutChoice?.payment == .savedCard(card))
    }

    @Test func anEmptiedCartForgetsTheChoice() {
        var model = cartModel()
        press(&model, .char("b"), .char("c"))
        addBerlin(&model)
        press(&model, .tab, .tab)  // from payment past [Pay] to the cart lines
        #expect(model.checkout?.section == .cart)
        press(&model, .char("x"), .char("x"))
        #expect(model.data.cart.isEmpty)
        #expect(model.checkoutChoice == nil)
        // With a cart again the defaults apply: the last order's address, else the only one; two saved → none.
        press(&model, .escape, .enter, .char("c"))
        #expect(model.checkout?.address(model.data) == nil)
    }

    @Test func homeAndEndInThePaymentAndAddressLists() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T46U", quantity: 1), CartLine(sku: "YEA-T31P", quantity: 1), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        data.account.addresses.append(berlin)
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"))
        press(&model, .end)
        #expect(model.checkout?.cartLine == 2)
        press(&model, .home)
        #expect(model.checkout?.cartLine == 0)
        press(&model, .tab, .tab, .end)
        let options = model.checkout?.paymentOptions(model.data, today: model.today) ?? []
        #expect(model.checkout?.paymentIndex == options.count - 1)
        press(&model, .home)
        #expect(model.checkout?.paymentIndex == 0)
        press(&model, .backTab, .enter, .end)
        guard case .address(let window)? = model.checkout?.window else { Issue.record("no address window"); return }
        #expect(window.listCursor == 1)
        press(&model, .home)
        guard case .address(let first)? = model.checkout?.window else { Issue.record("no address window"); return }
        #expect(first.listCursor == 0)
    }

    @Test func anEmptyCartShowsTheZoneOfTheShownAddress() {
        var model = shopModel(demoData())
        press(&model, .char("b"), .char("c"))
        let text = view(model).text
        #expect(!text.contains("no address"))
        #expect(text.contains("Delivery (domestic, 0.0 kg) EUR 0.00"))
    }

    @Test func savingATemplateSaysHowManyPhonesTookIt() {
        let data = withLibrary()
        func said(_ name: String) -> String {
            SettingsFeature.status(after: .setTemplateBody(name: name, body: "x"),
                                   .saved(SettingsOutcome(data: data, warning: nil)), data).text
        }
        #expect(said("Magazyn GXP") == "Saved template \"Magazyn GXP\"; no phone uses it.")
        #expect(said("Recepcja T46U") == "Saved template \"Recepcja T46U\"; provisioning files of 1 phone updated.")
        #expect(Localizer.tr(said("Magazyn GXP"), .pl) == "Zapisano szablon „Magazyn GXP”; żaden telefon go nie używa.")
    }
}
