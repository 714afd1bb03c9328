import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// Every screen in Polish: nothing left in English, and it fits 80×24.
@Suite(.serialized)
struct PolishTests {
    /// Screens reached by keys, drawn in Polish (and their help windows).
    func scenarios() -> [(String, AppModel)] {
        var out: [(String, AppModel)] = []
        func add(_ name: String, _ data: AccountData = withLibrary(), _ setup: (inout AppModel) -> Void) {
            var model = shopModel(data)
            model.language = .pl
            setup(&model)
            out.append((name, model))
            var help = model
            _ = update(&help, .key(.function(1)))
            out.append((name + " help", help))
        }
        var cart = withLibrary()
        cart.cart = [CartLine(sku: "YEA-T46U", quantity: 2), CartLine(sku: "JAB-EV2-30", quantity: 1)]
        cart.phones.append(Phone(id: 3, name: "Sala", modelID: "yealink-cp965", mac: nil))
        add("table") { press(&$0, .down) }
        add("key layout", keyPresetData()) { press(&$0, .char("k"), .down) }
        add("key layout sidecar", keyPresetData()) { press(&$0, .char("k"), .down, .down, .down, .down, .down, .char("-")) }
        add("key layout presets", keyPresetData()) { press(&$0, .char("k"), .char("p")) }
        add("key layout applied", keyPresetData()) { press(&$0, .char("k"), .char("p"), .down, .enter) }
        add("key layout empty", withLibrary()) { press(&$0, .end, .char("k"), .char("a")) }
        add("key form", keyPresetData()) {
            press(&$0, .char("k"), .char("a"), .ctrl("u")); type(&$0, "30"); press(&$0, .ctrl("s"))
        }
        add("key form value", keyPresetData()) { press(&$0, .char("k"), .char("a"), .tab, .tab); type(&$0, "x"); press(&$0, .ctrl("s")) }
        add("key form dnd", keyPresetData()) { press(&$0, .char("k"), .char("a"), .tab, .enter); type(&$0, "dnd"); press(&$0, .enter, .tab) }
        add("key discard", keyPresetData()) { press(&$0, .char("k"), .char("d"), .escape) }
        add("key preset name", keyPresetData()) { press(&$0, .char("k"), .char("P")) }
        add("key saved", keyPresetData()) {
            press(&$0, .char("k"), .char("d"))
            let effects = press(&$0, .ctrl("s"))
            if case .apply(let change)? = effects.last { _ = update(&$0, .changeFinished(change, .saved(ChangeOutcome(data: $0.data, phoneID: 1)))) }
        }
        add("key presets marked", keyPresetData()) { press(&$0, .char(" "), .char(" "), .char("k")) }
        add("key no presets") { press(&$0, .char(" "), .char("k")) }
        add("key limit", keyPresetData()) { press(&$0, .char("k"), .char("-")) }
        add("key move limit", keyPresetData()) { press(&$0, .char("k"), .char("[")) }
        add("edit form keys") { press(&$0, .char("e"), .tab, .char(" "), .ctrl("k")) }
        var keyTwo = withLibrary()
        keyTwo.phones[0].blfExtension = nil
        keyTwo.phones[0].keys = [PhoneKey(number: 2, type: .speedDial, value: "103"), PhoneKey(number: 12, type: .none)]
        add("edit form key two", keyTwo) { press(&$0, .char("e"), .tab, .char(" ")) }
        add("key layout none", keyTwo) { press(&$0, .char("k"), .down) }
        add("key viewer", keyPresetData()) { $0.run.rights = Rights([.view]); press(&$0, .char("k"), .char("a")) }
        add("key presets refused", keyPresetData()) { press(&$0, .char(" "), .char(" "), .char("k"), .enter) }
        add("key discarded", keyPresetData()) { press(&$0, .char("k"), .char("d"), .escape, .char("y")) }
        add("about") { $0.run = sampleRunFacts; press(&$0, .char("?"), .char("i")) }
        add("filter") { press(&$0, .char("/")); type(&$0, "xyz") }
        add("add") { fillAddForm(&$0, model: "t46u", mac: "00:0b:82:01:02", name: "Recepcja") ; press(&$0, .ctrl("s")) }
        add("add hidden character") { fillAddForm(&$0, model: "t46u", mac: "02:00:00:00:00:05", name: "Recepcja\u{202E}2"); press(&$0, .ctrl("s")) }
        add("add too wide") { fillAddForm(&$0, model: "t46u", mac: "02:00:00:00:00:05", name: String(repeating: "受", count: 33)); press(&$0, .ctrl("s")) }
        add("template control character") {
            press(&$0, .char("s"), .char("3"))
            _ = update(&$0, .templateEdited(name: "Recepcja T46U", body: "a = 1\nb = \u{1B}[2J\n"))
        }
        add("add warning") { fillAddForm(&$0, model: "t46u", mac: "00:0b:82:01:02:03", name: "") ; press(&$0, .tab) }
        add("edit") { press(&$0, .char("e"), .char(" ")) ; press(&$0, .ctrl("s")) }
        // Help waits for a save, so the form's help is shown before any submit.
        add("edit form") { press(&$0, .char("e")) }
        add("edit cp965", cart) { press(&$0, .end, .char("e")); type(&$0, "zz"); press(&$0, .ctrl("s")) }
        add("delete") { press(&$0, .char("d")) }
        add("resync") {
            press(&$0, .char(" "), .char(" "), .char("r"))
            _ = update(&$0, .resyncAnswered(ResyncTarget(phoneID: 1, name: "Recepcja", extensionNumber: "101", event: "check-sync;reboot=false"),
                                            .answered(status: 404, reason: "Not Found")))
        }
        add("url") { $0.navigation.stack.append(AddedPhoneNotice(phone: $0.data.phones[0])) }
        add("discard") { press(&$0, .char("a"), .tab); type(&$0, "0"); press(&$0, .escape) }
        add("quit") { press(&$0, .char("a"), .tab); type(&$0, "0"); press(&$0, .ctrl("c")) }
        add("stale") {
            press(&$0, .char("e"))
            var theirs = $0.data.phones[0]
            theirs.userExtension = "104"
            theirs.revision = 2
            _ = update(&$0, .changeFinished(.update(id: 1, baseRevision: 1, PhoneEdit($0.data.phones[0])), .rejected(.stale(current: theirs, changes: []))))
        }
        add("locked") { _ = update(&$0, .storeFailed(.locked(path: "/d/.lock", holder: "7"))) }
        add("settings") { press(&$0, .char("s")) }
        add("pin") { press(&$0, .char("s"), .enter); type(&$0, "1234"); press(&$0, .tab); type(&$0, "1"); press(&$0, .ctrl("s")) }
        add("pin repeat") { press(&$0, .char("s"), .enter); type(&$0, "2580"); press(&$0, .tab); type(&$0, "1"); press(&$0, .ctrl("s")) }
        add("backgrounds") { press(&$0, .char("s"), .char("2")) }
        add("upload") {
            press(&$0, .char("s"), .char("2"), .char("a"))
            type(&$0, "Logo")
            press(&$0, .ctrl("s"))
        }
        add("upload refused") {
            press(&$0, .char("s"), .char("2"), .char("a"))
            _ = update(&$0, .settingsFinished(.addBackground(name: "x", path: "/x"), .rejected(.invalid(field: .file, message: "No file at /x."))))
        }
        add("delete in use") {
            press(&$0, .char("s"), .char("2"))
            _ = update(&$0, .settingsFinished(.deleteBackground(name: "Logo"), .rejected(.invalid(field: .list,
                message: "Background \"Logo\" is used by \"Recepcja\"; choose another for them first."))))
        }
        add("templates") { press(&$0, .char("s"), .char("3"), .char("a")); press(&$0, .ctrl("s")) }
        add("template errors") {
            press(&$0, .char("s"), .char("3"))
            _ = update(&$0, .templateEdited(name: "Recepcja T46U", body: "a = 1\nno\n= x\n"))
        }
        add("shop", cart) { press(&$0, .char("b"), .enter) }
        add("checkout", cart) { press(&$0, .char("b"), .char("c"), .tab, .tab, .down) }
        add("checkout no money", cart) {
            var poor = $0.data
            poor.account.balance.cents = 100
            $0.replaceData(poor)
            press(&$0, .char("b"), .char("c"), .tab, .tab, .tab, .enter)
        }
        add("address", cart) {
            press(&$0, .char("b"), .char("c"), .tab, .enter, .tab)
            type(&$0, "Jan")
            press(&$0, .tab, .tab)
            type(&$0, "Ulica 1")
            press(&$0, .tab)
            type(&$0, "Berlin")
            press(&$0, .tab)
            type(&$0, "1011")
            press(&$0, .tab)
            type(&$0, "germ")
            press(&$0, .enter)
        }
        add("card", cart) {
            press(&$0, .char("b"), .char("c"), .tab, .tab, .down, .down, .enter)
            type(&$0, "4242424242424241")
            press(&$0, .tab)
            type(&$0, "01/20")
            press(&$0, .ctrl("s"))
        }
        add("declined", cart) {
            press(&$0, .char("b"), .char("c"))
            _ = update(&$0, .checkoutFinished(key: "s-1", .rejected(.declined("card declined"))))
        }
        add("orders", cart) { press(&$0, .char("o")) }
        add("order detail", placedOrder()) { press(&$0, .char("o"), .enter) }
        add("order placed", cart) {
            press(&$0, .char("b"), .char("c"))
            let order = placedOrder().orders[0]
            var placed = $0.data
            placed.cart = []
            placed.orders = [order]
            _ = update(&$0, .checkoutFinished(key: "s-1", .saved(CheckoutOutcome(order: order, data: placed))))
        }
        add("country search", cart) {
            press(&$0, .char("b"), .char("c"), .tab, .enter, .tab, .tab, .tab, .tab, .tab, .tab)
            type(&$0, "niem")
        }
        add("template saved") {
            press(&$0, .char("s"), .char("3"))
            _ = update(&$0, .settingsFinished(.setTemplateBody(name: "Magazyn GXP", body: "x"), .saved(SettingsOutcome(data: $0.data, warning: nil))))
        }
        add("delete template") { press(&$0, .char("s"), .char("3"), .char("d")) }
        add("delete background") { press(&$0, .char("s"), .char("2"), .char("d")) }
        add("too small") { _ = update(&$0, .resize(TermSize(width: 50, height: 10))) }
        return out
    }

    /// An order of 22 phones, placed from the company account (delivered in Łódź).
    func placedOrder() -> AccountData {
        var data = withLibrary()
        let order = Order(number: "PD-2026-0001", date: UTCTimestamp(iso8601: "2026-11-26T10:00:00Z")!,
                          lines: [Order.Line(sku: "YEA-T46U", name: "Yealink T46U", quantity: 22, unitPrice: 14_900, total: 327_800)],
                          address: data.account.addresses[0], zone: .domestic, subtotal: 327_800, delivery: 800,
                          vatBasisPoints: 2300, vat: 75_578, total: 404_178, currency: "EUR",
                          payment: .companyAccount, status: .paid, idempotencyKey: "s-1", phoneIDs: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24])
        data.orders = [order]
        return data
    }

    /// English number forms and English or wrong plurals, which the localizer cannot see: they
    /// come out of the formatter and the plural rule, not out of a translation.
    static func englishNumbersAndPlurals(_ text: String) -> [String] {
        var found: [String] = []
        // "500.00", "0.8 kg", "7.5 %" (a version "0.2.0" or a MAC is no amount: a dot follows or no digit does).
        for match in text.matches(of: /(?:^|[^\d.])(\d+\.(\d+)(?![\d.])(?: ?(?:kg|%))?)/) {
            let number = match.output.1
            if number.hasSuffix("kg") || number.hasSuffix("%") || match.output.2.count == 2 { found.append(String(number)) }
        }
        for match in text.matches(of: /\(s\)|\b\d+ (phones?|items?|orders?|users?)\b/) { found.append(String(match.output.0)) }
        // A Polish count with the wrong form: "5 telefony", "2 telefonów".
        for match in text.matches(of: /\b(\d+) (telefon|telefony|telefonów)\b/) {
            if let n = Int(match.output.1), Plural.polishNoun(n, one: "telefon", few: "telefony", many: "telefonów") != String(match.output.2) {
                found.append(String(match.output.0))
            }
        }
        return found
    }

    @Test func theNumberCheckCatchesEnglishFormsAndWrongPlurals() {
        #expect(Self.englishNumbersAndPlurals("Saldo EUR 500.00, 0.8 kg, VAT 7.5 %, 2 phone(s), 3 phones, 5 telefony")
                == ["500.00", "0.8 kg", "7.5 %", "2 phone", "(s)", "3 phones", "5 telefony"])
        #expect(Self.englishNumbersAndPlurals("EUR 1\u{A0}500,00 · 0,8 kg · wersja 0.2.0 · 00:1a:4d · 22 telefony · 25 telefonów").isEmpty)
    }

    @Test func everyScreenIsInPolishAndFits() {
        Localizer.missing.withLock { $0.removeAll() }
        for (name, model) in scenarios() {
            let canvas = view(model)
            for line in canvas.lines { #expect(CellWidth.of(line) <= canvas.width, "\(name)") }
            let english = Self.englishNumbersAndPlurals(canvas.text)
            #expect(english.isEmpty, "\(name): English numbers or plurals: \(english)")
            let items = footerItems(model).filter { !$0.ifRoom }
            #expect(KeyBar.layout(items, width: 80, language: .pl).count == items.count, "\(name): the key bar does not fit")
        }
        let missing = Localizer.missing.withLock { $0 }
        #expect(missing.isEmpty, "untranslated: \(missing.sorted().joined(separator: " | "))")
    }

    @Test func languageComesFromTheFlagThenTheLocale() {
        #expect(Language.resolve(flag: "pl", environment: ["LANG": "en_US.UTF-8"]) == .pl)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "pl_PL.UTF-8"]) == .pl)
        #expect(Language.resolve(flag: nil, environment: ["LC_ALL": "C", "LANG": "pl_PL.UTF-8"]) == .en)
        #expect(Language.resolve(flag: nil, environment: ["LC_MESSAGES": "pl_PL", "LANG": "en_GB"]) == .pl)
        #expect(Language.resolve(flag: nil, environment: [:]) == .en)
    }

    @Test func templatesTranslateMessagesBuiltFromValues() {
        #expect(Localizer.tr("A MAC has 6 groups separated by ':'; this one has 5.", .pl) == "MAC ma 6 grup rozdzielonych ':'; ten ma 5.")
        #expect(Localizer.tr("Name \"Biuro\" is already used; choose another.", .pl) == "Nazwa „Biuro” jest już zajęta; wybierz inną.")
        #expect(Localizer.tr("Not saved: Name is required.", .pl) == "Nie zapisano: Nazwa: pole wymagane.")
        #expect(Localizer.tr("Recepcja", .en) == "Recepcja")
        #expect(Localizer.tr("Name is too long: 300 code points, at most 256.", .pl) == "Nazwa: za długie — 300 punktów kodowych, najwyżej 256.")
        #expect(Localizer.tr("Name contains a character with 8 combining marks at position 3; at most 7.", .pl)
                == "Nazwa: znak z 8 znakami łączącymi na pozycji 3; najwyżej 7.")
        #expect(Localizer.tr("line 70: elements nest more than 64 deep", .pl) == "linia 70: zagnieżdżenie elementów głębsze niż 64")
    }

    @Test func polishGoldens() {
        // Every screen and window (their help windows only where the help is the subject).
        for (name, model) in scenarios() where !name.hasSuffix(" help") || name == "edit form help" {
            expectGolden("pl-" + name.replacingOccurrences(of: " ", with: "-"), view(model))
        }
    }
}
