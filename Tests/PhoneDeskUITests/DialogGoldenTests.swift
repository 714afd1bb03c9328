import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// Every dialog at 80×24 and 120×40, in English and Polish: a golden each
/// (Goldens/dialog-*, pl-dialog-*), and no word of a dialog's text cut or lost.
@Suite(.serialized)
struct DialogGoldenTests {
    struct Dialog: Sendable {
        let name: String
        /// English sentences the dialog shows; every word must be on the screen whole, in order.
        let texts: [String]
        let setup: @Sendable (inout AppModel) -> Void
        var data: @Sendable () -> AccountData = { dialogData() }
    }

    static let sizes = [TermSize(width: 80, height: 24), TermSize(width: 120, height: 40)]

    static let dialogs: [Dialog] = [
        // Not a dialog: the table behind them all, its columns and key bar at both sizes.
        Dialog(name: "table", texts: ["101 Anna Nowak"]) { press(&$0, .char("x")) },
        Dialog(name: "delete-phone", texts: ["Its provisioning file is removed; the phone keeps its last settings."]) {
            press(&$0, .end, .char("d"))
        },
        Dialog(name: "rotate-url", texts: ["The old URL answers 404 at once: enter the new one in the phone."]) {
            press(&$0, .char("R"))
        },
        Dialog(name: "quit", texts: ["Quit and discard your unsaved changes?"]) {
            press(&$0, .char("a"), .tab); type(&$0, "00"); press(&$0, .ctrl("c"))
        },
        Dialog(name: "discard", texts: ["Discard your changes?"]) {
            press(&$0, .char("a"), .tab); type(&$0, "00"); press(&$0, .escape)
        },
        Dialog(name: "duplicate-mac", texts: ["00:1a:4d:5c:25:8d is already on the account: phone \"Biuro Łódź, pokój 214 (drugie piętro)\"."]) {
            fillAddForm(&$0, model: "t46u", mac: "00:1a:4d:5c:25:8d", name: "Nowy")
            press(&$0, .ctrl("s"))
        },
        Dialog(name: "edit-awaiting", texts: ["Yealink CP965 · awaiting delivery: enter its MAC when it arrives"]) {
            press(&$0, .end, .char("e"))
        },
        // Name and MAC first; the long name as typed, the MAC of a phone in use shown.
        Dialog(name: "edit-phone", texts: ["Yealink T46U · a new MAC replaces the hardware (asked first)"]) {
            press(&$0, .end, .up, .char("e"))
        },
        Dialog(name: "edit-name-taken", texts: ["Name \"Magazyn\" is already used; choose another."]) {
            press(&$0, .end, .up, .char("e"), .up, .up, .ctrl("u")); type(&$0, "Magazyn"); press(&$0, .ctrl("s"))
        },
        Dialog(name: "replace-hardware", texts: ["Replace the hardware of \"Biuro Łódź, pokój 214 (drugie piętro)\"? 00:1a:4d:5c:25:8d → 80:5e:c0:44:55:66",
                                                 "The phone keeps its id, user, keys and URL; the old MAC's files are removed."]) {
            press(&$0, .end, .up, .char("e"), .up, .ctrl("u")); type(&$0, "80:5e:c0:44:55:66"); press(&$0, .ctrl("s"))
        },
        Dialog(name: "settings-hot-desking-form", texts: ["Shop phone names: {brand} {model} and {n}, the number that keeps them apart."]) {
            press(&$0, .char("s"), .enter, .tab, .tab, .tab, .tab, .tab, .tab, .ctrl("u")); type(&$0, "{brand} {modle} {n}"); press(&$0, .ctrl("s"))
        },
        Dialog(name: "provisioning-url", texts: ["Enter this in the phone's web interface, Settings › Auto Provision › Server URL:"]) {
            $0.navigation.stack.append(AddedPhoneNotice(phone: $0.data.phones[0]))
        },
        Dialog(name: "add-dropdown", texts: []) {
            press(&$0, .char("a")); type(&$0, "yea")
        },
        Dialog(name: "settings-delete", texts: ["Delete the template \"Recepcja T46U\"?"]) {
            press(&$0, .char("s"), .char("3"), .char("d"))
        },
        Dialog(name: "settings-pin", texts: ["Leave both PINs empty to keep the current PIN (4-16 digits)."]) {
            press(&$0, .char("s"), .enter)
        },
        Dialog(name: "settings-upload", texts: ["PNG, JPEG or BMP, at most 5 MiB; Tab in File completes a path."]) {
            press(&$0, .char("s"), .char("2"), .char("a"))
        },
        Dialog(name: "settings-template", texts: ["After Add, Enter on the template edits its lines in $EDITOR."]) {
            press(&$0, .char("s"), .char("3"), .char("a"))
        },
        Dialog(name: "template-errors", texts: []) {
            press(&$0, .char("s"), .char("3"))
            _ = update(&$0, .templateEdited(name: "Recepcja T46U", body: "a = 1\nno\n= x\n"))
        },
        Dialog(name: "checkout-declined", texts: ["Payment refused: card declined. No order was placed; choose another card or the company account."]) {
            press(&$0, .char("b"), .char("c"))
            _ = update(&$0, .checkoutFinished(key: "s-1", .rejected(.declined("card declined"))))
        },
        Dialog(name: "checkout-confirmation", texts: []) { model in
            press(&model, .char("b"), .char("c"))
            let order = sampleOrder(model.data)
            var placed = model.data
            placed.cart = []
            placed.orders = [order]
            _ = update(&model, .checkoutFinished(key: "s-1", .saved(CheckoutOutcome(order: order, data: placed))))
        },
        Dialog(name: "order-detail", texts: []) { model in
            var data = model.data
            data.orders = [sampleOrder(data)]
            model.replaceData(data)
            press(&model, .char("o"), .enter)
        },
        Dialog(name: "address", texts: ["Saved addresses (Enter uses one; Tab goes to a new address):"]) {
            press(&$0, .char("b"), .char("c"), .tab, .enter, .tab, .ctrl("s"))
        },
        // The Country list near the form's bottom opens upward, inside the window.
        Dialog(name: "address-country", texts: []) {
            press(&$0, .char("b"), .char("c"), .tab, .enter, .tab, .tab, .tab, .tab, .tab, .tab)
            type(&$0, "a")
        },
        Dialog(name: "card", texts: ["Test cards: 4242 4242 4242 4242 approves."]) {
            press(&$0, .char("b"), .char("c"), .tab, .tab, .down, .down, .enter)
            type(&$0, "4242424242424241")
            press(&$0, .ctrl("s"))
        },
        Dialog(name: "help", texts: ["copy the phone's URL (OSC 52) and show it", "a new provisioning URL for the phone (asks y/n)"]) { press(&$0, .char("?")) },
        Dialog(name: "help-form", texts: ["next field · presses a button · opens a dropdown"]) { press(&$0, .char("a"), .tab, .function(1)) },
        Dialog(name: "help-form-scrolled", texts: []) { press(&$0, .char("a"), .tab, .function(1), .pageDown) },
        Dialog(name: "settings-help", texts: ["change the PIN and provisioning settings · edit a template's lines in $EDITOR"]) {
            press(&$0, .char("s"), .char("3"), .char("?"))
        },
        Dialog(name: "about", texts: []) { press(&$0, .char("?"), .char("i")) },
        // Two phones marked, sorted by name: the marks, the sort and the position in the header.
        Dialog(name: "marked-table", texts: []) { press(&$0, .char(" "), .char(" "), .char(">")) },
        Dialog(name: "bulk-edit", texts: ["Each field is left unchanged until you change it.",
                                          "Skips 2 of 4 phones: a template is for one model (Yealink T46U)."]) {
            press(&$0, .char("*"), .char("e"), .tab); type(&$0, "Recepcja"); press(&$0, .enter)
        },
        Dialog(name: "bulk-delete", texts: ["Delete 2 marked phones?", "Their provisioning files are removed; the phones keep their last settings."]) {
            press(&$0, .char(" "), .char(" "), .char("d"))
        },
        // The kept filter as understood on the filter line; an unknown field said there.
        Dialog(name: "table-filter", texts: []) {
            press(&$0, .char("/")); type(&$0, "User:piotr model:T46U \"biuro łódź\""); press(&$0, .enter)
        },
        Dialog(name: "table-filter-unknown", texts: ["Unknown filter field \"nam:\"; use name: mac: user: model: status: template: image: blf:"]) {
            press(&$0, .char("/")); type(&$0, "nam:biuro")
        },
        Dialog(name: "inspector", texts: ["Holds secrets (SIP password, PIN), masked: s shows them"]) { press(&$0, .char("v")) },
        Dialog(name: "inspector-diff", texts: []) { model in
            var after = model.data
            after.phones[0].blfExtension = "103"
            after.phones[0].background = nil
            let phone = model.data.phones[0]
            _ = update(&model, .changeFinished(.update(id: 1, baseRevision: phone.revision, PhoneEdit(after.phones[0])),
                                               .saved(ChangeOutcome(data: after, phoneID: 1))))
            press(&model, .char("v"), .end, .char("/")); type(&model, "linekey"); press(&model, .enter)
        },
        // The key-layout editor of a T46U with one EXP50: the list and the page of the selected key.
        Dialog(name: "key-layout", texts: ["No presets yet: P saves this layout as one."], setup: { press(&$0, .char("k"), .down, .char("p")) }, data: { keyData() }),
        Dialog(name: "key-layout-sidecar", texts: [], setup: { press(&$0, .char("k"), .down, .down, .down, .down, .down) }, data: { keyData() }),
        Dialog(name: "key-form", texts: ["BLF: an extension on the account. Speed dial, park: an extension or a number (digits, * # +)."],
               setup: { press(&$0, .char("k"), .char("a"), .ctrl("u")); type(&$0, "30"); press(&$0, .ctrl("s")) }, data: { keyData() }),
        Dialog(name: "key-discard", texts: ["Discard your changes?"], setup: { press(&$0, .char("k"), .char("d"), .escape) }, data: { keyData() }),
        Dialog(name: "key-presets", texts: [], setup: { press(&$0, .char(" "), .char(" "), .char("k")) }, data: { keyPresetData() }),
        Dialog(name: "inspector-awaiting", texts: ["No files yet: the phone is awaiting delivery; it gets them once its MAC is entered."]) {
            press(&$0, .end, .char("v"))
        },
    ]

    static func model(_ dialog: Dialog, size: TermSize, language: Language) -> AppModel {
        var model = shopModel(dialog.data())
        model.size = size
        model.run = sampleRunFacts
        model.language = language
        dialog.setup(&model)
        return model
    }

    static func goldenName(_ dialog: Dialog, _ size: TermSize, _ language: Language) -> String {
        (language == .pl ? "pl-" : "") + "dialog-\(dialog.name)-\(size.width)x\(size.height)"
    }

    @Test(arguments: [Language.en, .pl])
    func goldens(language: Language) {
        for dialog in Self.dialogs {
            for size in Self.sizes {
                expectGolden(Self.goldenName(dialog, size, language), view(Self.model(dialog, size: size, language: language)))
            }
        }
    }

    /// Each word of each sentence is on the screen whole, in order: a cut ("set│") or a lost
    /// word fails.
    @Test(arguments: [Language.en, .pl])
    func noDialogCutsAWord(language: Language) {
        for dialog in Self.dialogs {
            for size in Self.sizes {
                let screen = Self.tokens(view(Self.model(dialog, size: size, language: language)))
                for text in dialog.texts {
                    let words = Localizer.tr(text, language, record: false).split(separator: " ").map(String.init)
                    var at = screen.startIndex
                    for word in words {
                        guard let found = screen[at...].firstIndex(of: word) else {
                            Issue.record("\(Self.goldenName(dialog, size, language)): \"\(word)\" of \"\(text)\" is not on the screen whole")
                            break
                        }
                        at = found + 1
                    }
                }
            }
        }
    }

    /// The screen's words, reading order, with window borders taken as spaces.
    static func tokens(_ canvas: Canvas) -> [String] {
        let text: String = canvas.lines.joined(separator: " ")
        return String(text.map { "│┌┐└┘─".contains($0) ? " " : $0 }).split(separator: " ").map(String.init)
    }

    /// The check can fail: a sentence cut at the edge is caught.
    @Test func theWordCheckCatchesACut() {
        var canvas = Canvas(width: 30, height: 3)
        canvas.put("│ the phone keeps its last set│", x: 0, y: 1)
        let tokens = Self.tokens(canvas)
        #expect(tokens.contains("set") && !tokens.contains("settings"))
    }
}

/// `dialogData` with a key layout on Recepcja (T46U, one EXP50 sidecar).
func keyData() -> AccountData {
    var data = dialogData()
    data.phones[0].keys = [PhoneKey(number: 1, type: .line), PhoneKey(number: 3, type: .speedDial, value: "+48221234567", label: "Biuro"),
                           PhoneKey(number: 4, type: .callPark, value: "700"), PhoneKey(number: 5, type: .dnd),
                           PhoneKey(number: 28, type: .blf, value: "103"), PhoneKey(number: 29, type: .speedDial, value: "*97", label: "Poczta")]
    data.phones[0].sidecars = 1
    return data
}

/// `keyData` with two presets on the account.
func keyPresetData() -> AccountData {
    var data = keyData()
    data.account.keyPresets = [KeyPreset(name: "Recepcja", keys: data.phones[0].layout.keys, sidecars: 1),
                               KeyPreset(name: "Biuro", keys: [PhoneKey(number: 2, type: .blf, value: "101")])]
    return data
}

/// The demo account with a long phone name, a phone awaiting delivery, a library and a cart.
func dialogData() -> AccountData {
    var data = withLibrary()
    data.phones.append(Phone(id: 3, name: "Biuro Łódź, pokój 214 (drugie piętro)", modelID: "yealink-t46u",
                             mac: MACAddress(hex: "001a4d5c258d"), userExtension: "102", blfExtension: "101"))
    data.phones.append(Phone(id: 4, name: "Sala konferencyjna", modelID: "yealink-cp965", mac: nil))
    data.cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
    return data
}

func sampleOrder(_ data: AccountData) -> Order {
    Order(number: "PD-2026-0001", date: UTCTimestamp(iso8601: "2026-11-26T10:00:00Z")!,
          lines: [Order.Line(sku: "YEA-T46U", name: "Yealink T46U", quantity: 2, unitPrice: 14900, total: 29800)],
          address: data.account.addresses[0], zone: .domestic, subtotal: 29800, delivery: 800, vatBasisPoints: 2300,
          vat: 7038, total: 37638, currency: "EUR", payment: .companyAccount, status: .paid, idempotencyKey: "s-1", phoneIDs: [5, 6])
}

/// The help window scrolls when its keys are taller than the screen, and says where it is.
struct HelpScrollTests {
    @Test func scrollsWithTheKeysAndStopsAtTheEnds() {
        var model = makeModel()
        press(&model, .char("a"), .tab, .function(1))
        let top = view(model).text
        #expect(top.contains("↓ ─┘"), "a text field's help is taller than 24 rows: the edge shows more below")
        press(&model, .up)
        #expect(view(model).text == top, "Up at the top stays")
        press(&model, .down)
        #expect(view(model).text != top)
        press(&model, .end)
        let bottom = view(model).text
        #expect(bottom.contains("↑ lines") && !bottom.contains("↓ ─┘"))
        press(&model, .pageDown)
        #expect(view(model).text == bottom, "PgDn at the end stays")
        press(&model, .home)
        #expect(view(model).text == top)
        press(&model, .pageDown, .pageUp)
        #expect(view(model).text == top)
    }
}
