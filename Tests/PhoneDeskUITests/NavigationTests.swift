import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The one navigation value: features open over the table in a stack, keys go to the top one,
/// results to the one that waits for them, and the key bar is always the focused feature's.
struct NavigationTests {
    @Test func theQuitQuestionOpensOverHelpAndNoGoesBackToIt() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "00")
        press(&model, .function(1), .ctrl("c"))
        #expect(model.confirmingQuit)
        #expect(view(model).lines.joined().contains("Quit and discard your unsaved changes?"))
        press(&model, .char("n"))
        #expect(model.helpVisible)
        press(&model, .escape)
        #expect(model.addForm?.form.text(.mac) == "00")
        press(&model, .ctrl("c"), .char("Y"))
        #expect(model.done)
    }

    @Test func anyKeyButYesKeepsTheTypedInput() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "00")
        press(&model, .ctrl("c"), .char("x"))
        #expect(!model.done && model.addForm != nil)
    }

    /// The settings screen closed before its save came back: the status line still tells.
    @Test func aResultForAClosedScreenStillReachesTheStatusLine() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("2"), .char("d"), .char("y"), .escape)
        #expect(model.settings == nil)
        var data = model.data
        data.backgrounds = []
        _ = update(&model, .settingsFinished(.deleteBackground(name: "Logo"), .saved(SettingsOutcome(data: data, warning: nil))))
        #expect(model.status?.text == "Deleted background \"Logo\".")
        #expect(model.navigation.stack.isEmpty)
    }

    /// The checkout once drew the shop's key bar, which did nothing when clicked.
    @Test func theCheckoutsKeyBarIsItsOwnAndClickable() {
        var model = shopModel()
        press(&model, .char("b"), .char("c"))
        let bar = view(model).lines[23]
        #expect(bar.contains("Esc Close") && !bar.contains("Add to cart"))
        let x = bar.range(of: "Esc Close").map { bar.distance(from: bar.startIndex, to: $0.lowerBound) } ?? 0
        _ = update(&model, .mouse(MouseEvent(x: x + 1, y: 23, kind: .click)))
        #expect(model.checkout == nil && model.shop != nil)
    }

    /// Esc backs out one feature at a time and the table keeps its filter.
    @Test func escBacksOutOneFeatureAtATime() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "mag")
        press(&model, .enter, .char("b"), .char("c"))
        #expect(model.navigation.stack.count == 2)
        press(&model, .escape)
        #expect(model.checkout == nil && model.shop != nil)
        press(&model, .escape)
        #expect(model.navigation.stack.isEmpty)
        #expect(model.table.filter == "mag")
    }

    /// Clicks land where the feature drew: a row of the orders list, not a guessed origin.
    @Test func aClickGoesToTheRegionTheTopFeatureDrew() {
        var model = makeModel()
        press(&model, .char("a"))
        // The table's rows are under the form: a click there does nothing to the table.
        let before = model.table.selected
        _ = update(&model, .mouse(MouseEvent(x: 1, y: 3, kind: .click)))
        #expect(model.table.selected == before && model.addForm != nil)
    }

    /// Help lists the keys of the feature it opened over, and the key bar while help is open is help's.
    @Test func helpShowsTheFocusedFeaturesKeys() {
        var model = shopModel()
        press(&model, .char("b"), .char("c"), .char("?"))
        let screen = view(model).lines.joined(separator: "\n")
        #expect(screen.contains("Keys — Checkout"))
        #expect(screen.contains("one more of the cart line"))
        #expect(view(model).lines[23].contains("Esc Close"))
    }
}

/// Fixes found by walking the panel as a new operator: what help and the key bar promise works.
struct PromisedKeysTests {
    /// "F1 help for this screen" is listed everywhere; these windows once ignored it.
    @Test(arguments: ["delete question", "discard question", "settings filter", "shop filter", "template errors", "order detail"])
    func f1OpensHelpInEveryWindow(place: String) {
        var model = shopModel(withLibrary())
        switch place {
        case "delete question": press(&model, .char("d"))
        case "discard question": press(&model, .char("a"), .tab); type(&model, "00"); press(&model, .escape)
        case "settings filter": press(&model, .char("s"), .char("2"), .char("/"))
        case "shop filter": press(&model, .char("b"), .char("/"))
        case "template errors":
            press(&model, .char("s"), .char("3"))
            _ = update(&model, .templateEdited(name: "Recepcja T46U", body: "no equals sign here\n"))
            guard case .templateErrors? = model.settings?.modal else { Issue.record("no template errors window"); return }
        default:
            var data = model.data
            data.orders = [Order(number: "PD-1", date: UTCTimestamp(iso8601: "2026-11-26T10:00:00Z")!, lines: [],
                                 address: data.account.addresses[0], zone: .domestic, subtotal: 0, delivery: 0, vatBasisPoints: 2300,
                                 vat: 0, total: 0, currency: "EUR", payment: .companyAccount, status: .paid, idempotencyKey: "k", phoneIDs: [])]
            model.replaceData(data)
            press(&model, .char("o"), .enter)
        }
        let before = model.navigation.stack.count
        press(&model, .function(1))
        #expect(model.helpVisible, "F1 did nothing in the \(place)")
        press(&model, .escape)
        #expect(model.navigation.stack.count == before)
    }

    /// Ctrl-S past an open list once left its search text on the field.
    @Test func ctrlSClosesAnOpenList() {
        var model = makeModel()
        press(&model, .char("a"), .enter)
        type(&model, "ab")
        press(&model, .ctrl("s"))
        guard case .dropdown(let list)? = model.addForm?.form[.model]?.kind else { Issue.record("no model field"); return }
        #expect(!list.isOpen)
        #expect(!view(model).lines.joined().contains("filter: ab"))
    }

    @Test func ordersSaysBOpensTheShopAndItDoes() {
        var model = shopModel()
        press(&model, .char("o"))
        #expect(view(model).lines.joined().contains("b opens the shop"))
        press(&model, .char("b"))
        #expect(model.shop != nil && model.ordersScreen == nil)
    }

    @Test func escInSettingsClearsAKeptFilterFirst() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("2"), .char("/"))
        type(&model, "zzz")
        press(&model, .enter)
        #expect(view(model).lines.joined().contains("No image matches \"zzz\""))
        press(&model, .escape)
        #expect(model.settings?.filter == "")
        press(&model, .escape)
        #expect(model.settings == nil)
    }

    /// Too small, `q` with typed input asks — and the question is on the screen, not hidden.
    @Test func theQuitQuestionShowsWhenTheTerminalIsTooSmall() {
        var model = makeModel()
        press(&model, .char("a"), .tab)
        type(&model, "00")
        _ = update(&model, .resize(TermSize(width: 70, height: 20)))
        press(&model, .ctrl("c"))
        #expect(view(model).lines.joined().contains("Quit and discard your unsaved changes? y yes · n no"))
        press(&model, .char("y"))
        #expect(model.done)
    }
}

/// Fixes found by attacking the panel: results that arrive late, keys typed while saving.
struct LateResultTests {
    /// F10 typed after Ctrl-S once asked "discard your changes?" over a form being saved, and the
    /// question outlived the form. Now it waits: the form is saved, then the panel quits.
    @Test func quitTypedWhileSavingWaitsForTheSave() {
        var model = makeModel()
        fillAddForm(&model, model: "t46u", mac: "00:15:65:12:34:56", name: "Biuro")
        guard case .apply(let change)? = press(&model, .ctrl("s")).first, case .add(let new) = change else {
            Issue.record("nothing submitted"); return
        }
        press(&model, .function(10))
        #expect(!model.done && !model.confirmingQuit)
        var data = model.data
        data.phones.append(Phone(id: 3, name: new.name, modelID: new.modelID, mac: new.mac))
        _ = update(&model, .changeFinished(change, .saved(ChangeOutcome(data: data, phoneID: 3))))
        #expect(model.done)
        #expect(!model.confirmingQuit)
    }

    /// A second Ctrl-C while saving quits at once (the runtime still lets the save finish).
    @Test func aSecondCtrlCWhileSavingQuits() {
        var model = makeModel()
        press(&model, .char("d"), .char("y"), .ctrl("c"))
        #expect(!model.done)
        #expect(press(&model, .ctrl("c")) == [.quit])
        #expect(model.done)
    }

    /// An address saved after the operator picked a saved one must not replace their choice.
    @Test func aLateAddressDoesNotReplaceTheChosenOne() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"), .tab, .enter, .tab)
        for (text, tabs) in [("Jan", 2), ("Unter den Linden 1", 1), ("Berlin", 1), ("10117", 1), ("germany", 0)] {
            type(&model, text)
            for _ in 0..<tabs { press(&model, .tab) }
        }
        press(&model, .enter)
        guard case .addAddress(let berlin)? = press(&model, .ctrl("s")).first else { Issue.record("nothing submitted"); return }
        press(&model, .escape, .char("y"), .enter, .enter)   // discard, then use the saved address
        #expect(model.checkout?.addressIndex == 0)
        var saved = model.data
        saved.account.addresses.append(berlin)
        _ = update(&model, .addressAdded(berlin, .saved(saved)))
        #expect(model.checkout?.addressIndex == 0)
        #expect(model.status?.text == "The new delivery address was saved to the account.")
    }

    /// "phones.json: not valid data …" once stayed on the status line after the file was fixed.
    @Test func aStoreComplaintGoesWhenTheStoreReadsAgain() {
        var model = makeModel()
        _ = update(&model, .storeFailed(.corrupt(path: "/d/phones.json", detail: "x")))
        #expect(model.status?.kind == .error)
        _ = update(&model, .storeChanged(Store.Loaded(data: model.data, readOnly: [])))
        #expect(model.status == nil)
    }

    /// A click on a tab ends a filter as its digit key does (the filter kept taking typing).
    @Test func clickingATabEndsTheFilter() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"), .char("/"))
        type(&model, "t5")
        guard let x = view(model).lines[1].range(of: "Hot desking").map({ view(model).lines[1].distance(from: view(model).lines[1].startIndex, to: $0.lowerBound) })
        else { Issue.record("no tab"); return }
        _ = update(&model, .mouse(MouseEvent(x: x, y: 1, kind: .click)))
        #expect(model.settings?.tab == .hotDesking)
        #expect(model.settings?.filtering == false && model.settings?.filter == "")
    }

    /// `? i ? i …` once piled up About windows; About takes help's place and gives it back.
    @Test func helpAndAboutNeverPileUp() {
        var model = makeModel()
        for _ in 0..<5 { press(&model, .char("?"), .char("i")) }
        #expect(model.navigation.stack.count == 1)
        press(&model, .escape)
        #expect(model.helpVisible)
        press(&model, .escape)
        #expect(model.navigation.stack.isEmpty)
    }
}

/// The key bar offers only what works where the focus is.
struct KeyBarFollowsFocusTests {
    @Test func checkoutQuantitiesOnlyOnTheCart() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"))
        #expect(view(model).lines[23].contains("+ +1"))
        press(&model, .tab)
        #expect(!view(model).lines[23].contains("+ +1"))
    }

    @Test func theShopMenuDoesNotOfferAddToCart() {
        var model = shopModel()
        press(&model, .char("b"))
        #expect(view(model).lines[23].contains("Add to cart"))
        press(&model, .left)
        #expect(!view(model).lines[23].contains("Add to cart"))
    }

    @Test func hotDeskingOffersNoListKeys() {
        var model = makeModel()
        press(&model, .char("s"))
        #expect(!view(model).lines[23].contains("Delete"))
        press(&model, .char("2"))
        #expect(view(model).lines[23].contains("d Delete"))
    }
}
