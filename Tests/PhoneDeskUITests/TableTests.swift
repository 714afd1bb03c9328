import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

struct TableTests {
    func manyPhones(_ count: Int) -> AccountData {
        var data = demoData()
        data.phones = PhoneList((1...count).map { i in
            Phone(id: i, name: "Phone \(i)", modelID: "snom-d717", mac: MACAddress(hex: String(format: "000413%06x", i)))
        })
        return data
    }

    @Test func movesAndPagesWithinBounds() {
        var model = makeModel(manyPhones(40))
        press(&model, .down, .down)
        #expect(model.selectedPhone?.id == 3)
        press(&model, .up, .up, .up)
        #expect(model.selectedPhone?.id == 1)
        press(&model, .pageDown)
        #expect(model.selectedPhone?.id == 1 + model.pageSize)
        #expect(model.table.top > 0 || model.pageSize >= 40)
        press(&model, .end)
        #expect(model.selectedPhone?.id == 40)
        press(&model, .char("j"))
        #expect(model.selectedPhone?.id == 40)
        press(&model, .home)
        #expect(model.selectedPhone?.id == 1)
        #expect(model.table.top == 0)
    }

    @Test(arguments: [
        ("5c258d", ["Biuro Łódź"]),
        ("00-1A-4D", ["Biuro Łódź"]),
        ("001a.4d5c", ["Biuro Łódź"]),
        ("LODZ", ["Biuro Łódź"]),
        ("łódź", ["Biuro Łódź"]),
        ("wisniewski", ["Biuro Łódź"]),
        ("tomasz", ["Magazyn"]),
        ("104", ["Magazyn"]),
        ("gxp", ["Magazyn"]),
        ("yealink", ["Recepcja", "Biuro Łódź"]),
        ("80:5e:c0", ["Recepcja"]),
        ("nothing-like-this", []),
    ])
    func filtersByNameMACUserAndModel(query: String, expected: [String]) {
        var data = demoData()
        data.phones.append(Phone(id: 3, name: "Biuro Łódź", modelID: "yealink-t46u",
                                 mac: MACAddress(hex: "001a4d5c258d"), userExtension: "102"))
        var model = makeModel(data)
        press(&model, .char("/"))
        type(&model, query)
        #expect(model.table.visible.map { model.data.phones[$0].name } == expected)
    }

    @Test func enterKeepsTheFilterAndEscClearsIt() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "mag")
        press(&model, .enter)
        #expect(!model.filtering)
        #expect(model.table.visible.count == 1)
        press(&model, .char("/"), .escape)
        #expect(model.table.visible.count == 2)
        #expect(model.table.filter.isEmpty)
    }

    @Test func typingAMACFragmentCharacterByCharacterFindsIt() {
        var data = demoData()
        data.phones.append(Phone(id: 3, name: "Biuro", modelID: "yealink-t46u", mac: MACAddress(hex: "001a4d5c258d")))
        var model = makeModel(data)
        press(&model, .char("/"))
        for c in "5c258d" { type(&model, String(c)) }
        #expect(model.table.visible.map { model.data.phones[$0].name } == ["Biuro"])
    }

    @Test func backspaceWidensTheFilter() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "magx")
        #expect(model.table.visible.isEmpty)
        press(&model, .backspace)
        #expect(model.table.visible.count == 1)
    }

    @Test func headerCountsShownPhones() {
        #expect(PhonesView.countText(shown: 3, total: 3) == "3 phones")
        #expect(PhonesView.countText(shown: 2, total: 40) == "2 of 40 shown")
        #expect(PhonesView.countText(shown: 1, total: 1) == "1 phone")
    }

    @Test func columnsFillTheWidthExactly() {
        for width in [80, 100, 132, 200] {
            let widths = PhonesView.widths(for: width).filter { $0 > 0 }
            #expect(widths.reduce(0, +) + widths.count - 1 == width)
        }
    }

    @Test func deleteAsksFirst() {
        var model = makeModel()
        press(&model, .char("d"))
        #expect(model.deleteQuestion == model.data.phones[0])
        #expect(press(&model, .char("n")).isEmpty)
        #expect(model.modal == nil)
        press(&model, .function(8))
        #expect(press(&model, .char("y")) == [.apply(.delete(id: 1, baseRevision: 1))])
    }

    @Test func quitLeavesAtOnceFromTheTable() {
        for key in [Key.char("q"), .function(10), .ctrl("c")] {
            var model = makeModel()
            #expect(press(&model, key) == [.quit])
            #expect(model.done)
        }
    }

    /// Each phone its own URL: `c` copies the selected phone's.
    @Test func copyShowsAndCopiesTheSelectedPhonesURL() {
        var model = makeModel()
        let first = "https://provisioning.phonedesk.example/00000000000000000000000000000001/"
        #expect(press(&model, .char("c")) == [.copyToClipboard(first)])
        #expect(model.status?.text.contains(first) == true)
        // …and shows it whole in the URL window (the status line cuts a long URL at 80 columns).
        #expect(model.addedNotice?.url(model.data) == first)
        press(&model, .escape)
        press(&model, .down)
        #expect(press(&model, .char("c")) == [.copyToClipboard("https://provisioning.phonedesk.example/00000000000000000000000000000002/")])
    }

    /// `R` asks, then saves a new secret; the saved result opens the window with the new URL.
    @Test func rotatingAsksThenSavesAndShowsTheNewURL() {
        var model = makeModel()
        let phone = model.data.phones[0]
        press(&model, .char("R"))
        #expect((model.navigation.stack.last as? PhoneQuestion)?.kind == .newURL)
        press(&model, .char("n"))
        #expect(model.navigation.stack.isEmpty)
        press(&model, .char("R"))
        let change = PhoneChange.rotateSecret(id: phone.id, baseRevision: phone.revision)
        #expect(press(&model, .char("y")) == [.apply(change)])
        var data = model.data
        var rotated = phone
        rotated.secret = String(repeating: "ab", count: 16)
        rotated.revision += 1
        data.phones[0] = rotated
        _ = update(&model, .changeFinished(change, .saved(ChangeOutcome(data: data, phoneID: phone.id))))
        #expect(model.addedNotice?.url(model.data) == "https://provisioning.phonedesk.example/\(rotated.secret!)/")
        #expect(model.status?.text.contains("404") == true)
        // Another operator gives it yet another URL: the open window shows and copies the new one.
        var again = rotated
        again.secret = String(repeating: "cd", count: 16)
        data.phones[0] = again
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        #expect(press(&model, .char("c")) == [.copyToClipboard("https://provisioning.phonedesk.example/\(again.secret!)/")])
    }

    @Test func anotherOperatorsSaveAppearsAndKeepsTheSelection() {
        var model = makeModel()
        press(&model, .down)
        var data = model.data
        data.phones = PhoneList([Phone(id: 9, name: "Nowy", modelID: "fanvil-x6u", mac: MACAddress(hex: "0c383e000009"))] + data.phones)
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        #expect(model.table.visible.count == 3)
        #expect(model.selectedPhone?.name == "Magazyn")
    }

    @Test func tooSmallIgnoresKeysButQuitAndRecovers() {
        var model = makeModel()
        _ = update(&model, .resize(TermSize(width: 60, height: 20)))
        #expect(press(&model, .char("a")).isEmpty)
        #expect(model.modal == nil)
        #expect(view(model).text.contains("terminal too small (need 80×24, have 60×20)"))
        _ = update(&model, .resize(TermSize(width: 80, height: 24)))
        #expect(view(model).lines[0].contains("phonedesk"))
        #expect(press(&model, .char("q")) == [.quit])
    }

    @Test func readOnlyStoreRefusesEdits() {
        var model = AppModel(data: demoData(), readOnly: ["phones.json was written by a newer phonedesk"], size: .minimum)
        press(&model, .char("a"))
        #expect(model.modal == nil)
        #expect(model.status?.kind == .error)
    }

    @Test func helpIsGeneratedFromTheKeyTable() {
        // Tall enough for the whole help, the filter syntax included.
        var model = makeModel(height: 60)
        press(&model, .char("?"))
        // The help scrolls at 80×24: every page of it.
        var text = view(model).text
        for _ in 0..<4 {
            press(&model, .pageDown)
            text += view(model).text
        }
        for binding in PhonesKeys.table.bindings {
            #expect(text.contains(binding.help), "help lacks \(binding.help)")
        }
        press(&model, .escape)
        #expect(!model.helpVisible)
    }

    @Test func everyRenderedLineFitsTheWidth() {
        var data = manyPhones(30)
        data.phones[0].name = "長い名前の電話機テスト用"
        for size in [TermSize(width: 80, height: 24), TermSize(width: 81, height: 30), TermSize(width: 20, height: 5)] {
            let model = makeModel(data, width: size.width, height: size.height)
            for line in view(model).lines { #expect(CellWidth.of(line) <= size.width) }
        }
    }
}

struct ProgressiveLoadingTests {
    @Test func aLargeAccountShowsItsFirstPhonesWhileTheRestLoads() {
        var model = makeModel()
        model.loading = true
        #expect(view(model).lines[0].contains("loading…"))
        press(&model, .char("a"))
        #expect(model.modal == nil)
        #expect(model.status?.text == "Still reading the phones; a moment.")
        var all = model.data
        all.phones.append(Phone(id: 3, name: "Trzeci", modelID: "snom-d717", mac: MACAddress(hex: "000413000003")))
        press(&model, .down)
        _ = update(&model, .storeChanged(Store.Loaded(data: all, readOnly: [])))
        #expect(!model.loading)
        #expect(view(model).lines[0].contains("3 phones"))
        #expect(model.selectedPhone?.name == "Magazyn")
    }

    @Test func aDamagedFileFoundWhileLoadingStopsThePanel() {
        var model = makeModel()
        model.loading = true
        let effects = update(&model, .storeFailed(.corrupt(path: "/d/phones.json", detail: "line 9, column 2: expected ':'")))
        #expect(effects == [.quit])
        #expect(model.fatal?.contains("/d/phones.json") == true)
    }
}

extension TableTests {
    func shown(_ model: AppModel) -> [Int] { model.table.visible.map { model.data.phones.id(at: $0) } }

    func filter(_ model: inout AppModel, _ text: String) {
        press(&model, .char("/"), .escape, .char("/"))  // Esc while filtering clears the filter
        type(&model, text)
        press(&model, .enter)
    }

    /// After another operator's save only the changed chunk of keys is folded again; what the
    /// filter finds must still be exactly right: the new name, the new user's name, the new MAC.
    @Test func searchKeysFollowEveryChangeOfALargeAccount() {
        var data = manyPhones(3_000)
        var model = makeModel(data)
        filter(&model, "phone 2500")
        #expect(shown(model) == [2_500])
        data.phones[2_499].name = "Sala Konferencyjna"
        data.phones[2_499].userExtension = "104"
        data.phones[2_499].mac = MACAddress(hex: "0c383eabcdef")
        data.phones.remove(at: 10)
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        filter(&model, "phone 2500")
        #expect(shown(model).isEmpty)
        filter(&model, "konferencyjna")
        #expect(shown(model) == [2_500])
        filter(&model, "ab:cd:ef")
        #expect(shown(model) == [2_500])
        // Quoted: a phrase (bare words are ANDed, and "12" alone is also a MAC fragment).
        filter(&model, "\"phone 12\"")
        #expect(shown(model) == [12] + Array(120...129) + Array(1_200...1_299))
        filter(&model, "tomasz")
        #expect(shown(model) == [2_500])
        // Users renamed: every key that names a user changes.
        data.users = data.users.map { user in
            var user = user
            if user.extensionNumber == "104" { user.name = "Zofia Zielińska" }
            return user
        }
        _ = update(&model, .storeChanged(Store.Loaded(data: data, readOnly: [])))
        filter(&model, "tomasz")
        #expect(shown(model).isEmpty)
        filter(&model, "zielinska")
        #expect(shown(model) == [2_500])
    }
}

/// "No phone matches … — Esc clears the filter" was not true on the table itself.
struct KeptFilterTests {
    @Test func escOnTheTableClearsAKeptFilter() {
        var model = makeModel()
        press(&model, .char("/"))
        type(&model, "zzz")
        press(&model, .enter)
        #expect(model.table.visible.isEmpty)
        press(&model, .escape)
        #expect(model.table.filter.isEmpty)
        #expect(model.table.visible.count == 2)
    }
}

/// The three filters take the same keys, and their help lists exactly those (the settings
/// filter ignored ↑/↓ though its help listed them).
struct FilterLineTests {
    @Test func settingsAndShopFiltersTakeTheKeysTheirHelpLists() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"), .char("/"))
        type(&model, "xyz")
        press(&model, .ctrl("u"))
        #expect(model.settings?.filter == "")
        type(&model, "ab")
        press(&model, .backspace)
        #expect(model.settings?.filter == "a")
        press(&model, .escape, .escape, .char("b"), .char("/"))
        type(&model, "yealink")
        let first = model.shop?.cursor.selected
        press(&model, .down)
        #expect(model.shop?.cursor.selected == (first ?? 0) + 1)
        press(&model, .ctrl("u"))
        #expect(model.shop?.filter == "")
        let rows = FilterLine.keys.helpRows.map(\.keys)
        #expect(rows.contains("Ctrl-U") && rows.contains("Backspace") && rows.contains("↑"))
    }
}
