import Foundation
import FoundationXML
import Testing
@testable import PhoneDeskCore

/// Key capacity, the layout's rules (each bad input of issue 13), its compatible storage and
/// a key change going through the store like any phone edit.
struct KeyLayoutTests {
    static let extensions: Set<String> = ["101", "102", "103"]
    let t46u = try! #require(PhoneCatalog.model(id: "yealink-t46u"))

    func problem(_ keys: [PhoneKey], model: String = "yealink-t46u", sidecars: Int = 0) -> String? {
        KeyRules.problem(with: KeyLayout(keys: keys, sidecars: sidecars), model: PhoneCatalog.model(id: model), extensions: Self.extensions)
    }

    @Test func everyModelHasACapacityAndASource() {
        for model in PhoneCatalog.models {
            #expect(!model.source.isEmpty, "\(model.id)")
            #expect(model.keysPerPage >= 0 && model.pages * model.keysPerPage >= model.lineKeys, "\(model.id)")
            if let module = model.expansionModule { #expect(module.keys > 0 && model.maxModules > 0, "\(model.id)") }
        }
        #expect(t46u.pages == 3 && t46u.expansionModule?.keys == 60)
        #expect(KeyRules.capacity(of: t46u, sidecars: 2) == 27 + 120)
    }

    @Test func aGoodLayoutPasses() {
        #expect(problem([PhoneKey(number: 1, type: .line), PhoneKey(number: 2, type: .blf, value: "102"),
                         PhoneKey(number: 3, type: .speedDial, value: "+48*12#", label: "Dom"),
                         PhoneKey(number: 4, type: .callPark, value: "700"), PhoneKey(number: 5, type: .dnd),
                         PhoneKey(number: 6, type: .speedDial, value: "103")]) == nil)
    }

    @Test func aValueThatIsNeitherAnExtensionNorDialableIsRefused() throws {
        for bad in ["12a", "sip:100@host", "1 2", "", String(repeating: "1", count: 33)] {
            let message = try #require(problem([PhoneKey(number: 3, type: .speedDial, value: bad)]), "\(bad)")
            #expect(message.hasPrefix("Key 3:"))
        }
        #expect(problem([PhoneKey(number: 3, type: .speedDial)])?.contains("needs a value") == true)
        // BLF watches a user: a number that is not an extension is refused even if dialable.
        #expect(problem([PhoneKey(number: 3, type: .blf, value: "555")])?.contains("not an extension on the account") == true)
        #expect(problem([PhoneKey(number: 3, type: .dnd, value: "1")])?.contains("takes no value") == true)
    }

    @Test func aLabelWithControlsOrTooLongIsRefused() throws {
        for bad in ["A\nB", "A\u{1B}[31m", "A\u{85}", "A\u{7F}", "A\u{2028}"] {
            #expect(problem([PhoneKey(number: 3, type: .speedDial, value: "1", label: bad)])?.contains("control characters") == true, "\(bad.debugDescription)")
        }
        #expect(problem([PhoneKey(number: 3, type: .speedDial, value: "1", label: String(repeating: "ż", count: 33))])?.contains("at most 32") == true)
        #expect(problem([PhoneKey(number: 3, type: .speedDial, value: "1", label: "  ")])?.contains("blank") == true)
        #expect(problem([PhoneKey(number: 3, type: .speedDial, value: "1", label: String(repeating: "ż", count: 32))]) == nil)
    }

    /// Bidi overrides and zero-width characters change or hide what the phone's display shows.
    @Test func aLabelWithBidiOrInvisibleCharactersIsRefused() throws {
        for bad in ["Anna\u{202E}gnp", "A\u{202A}B", "A\u{2066}B", "A\u{200B}B", "A\u{200C}B", "A\u{200D}B", "A\u{200E}B",
                    "A\u{200F}B", "A\u{2060}B", "\u{FEFF}Anna"] {
            let message = problem([PhoneKey(number: 3, type: .speedDial, value: "1", label: bad)])
            #expect(message?.hasPrefix("Key 3: the label contains a") == true && message?.hasSuffix("; remove it.") == true, "\(bad.debugDescription): \(message ?? "nil")")
        }
        #expect(problem([PhoneKey(number: 3, type: .speedDial, value: "1", label: "Anna\u{202E}gnp")])
                == "Key 3: the label contains a text-direction control (U+202E) at position 5; remove it.")
        #expect(problem([PhoneKey(number: 3, type: .speedDial, value: "1", label: "Zoë Łódź 漢字")]) == nil)
    }

    /// A "+" is the international prefix: alone, or inside a number, it dials nothing.
    @Test func aPlusIsAPrefixOnly() {
        for bad in ["+", "++", "12+3", "+*+"] {
            #expect(problem([PhoneKey(number: 3, type: .speedDial, value: bad)])?.contains("is neither an extension") == true, "\(bad)")
        }
        for good in ["+48221234567", "*97", "#1", "+1"] { #expect(problem([PhoneKey(number: 3, type: .speedDial, value: good)]) == nil, "\(good)") }
        #expect(problem([PhoneKey(number: 0, type: .dnd)]) == "Keys are numbered from 1; 0 is not a key.")
        #expect(KeyRules.problem(with: KeyLayout(keys: [PhoneKey(number: -1, type: .dnd)]), extensions: []) == "Keys are numbered from 1; -1 is not a key.")
    }

    @Test func moreKeysThanTheModelHoldsNamesTheLimit() throws {
        let message = try #require(problem([PhoneKey(number: 28, type: .speedDial, value: "1")]))
        #expect(message == "Yealink T46U holds 27 keys without sidecars (each EXP50 adds 60, at most 3): key 28 is beyond that.")
        #expect(problem([PhoneKey(number: 28, type: .speedDial, value: "1")], sidecars: 1) == nil)
        #expect(problem([PhoneKey(number: 88, type: .speedDial, value: "1")], sidecars: 1)
                == "Yealink T46U with 1 EXP50 holds 87 keys (27 + 1 × 60): key 88 is beyond that.")
        #expect(problem([PhoneKey(number: 1, type: .line)], model: "yealink-w73p")?.contains("holds 0 keys") == true)
        #expect(problem([PhoneKey(number: 0, type: .line)]) != nil)
        #expect(problem([], sidecars: 4) == "Yealink T46U takes at most 3 EXP50 modules, not 4.")
        #expect(problem([], model: "yealink-t31p", sidecars: 1) == "Yealink T31P takes no expansion modules; set sidecars to 0.")
        #expect(problem([PhoneKey(number: 3, type: .dnd), PhoneKey(number: 3, type: .line)])?.contains("set twice") == true)
    }

    @Test func grandstreamTakesOnlyTheKeysPhonedeskWrites() {
        // The GXP2170's 48 virtual keys: any type, a line only on the 12 fixed ones.
        #expect(problem([PhoneKey(number: 2, type: .blf, value: "102"), PhoneKey(number: 48, type: .callPark, value: "701"),
                         PhoneKey(number: 3, type: .dnd), PhoneKey(number: 12, type: .line)], model: "grandstream-gxp2170") == nil)
        #expect(problem([PhoneKey(number: 13, type: .line)], model: "grandstream-gxp2170")?.contains("a line only on keys 1 to 12") == true)
        // Multi-purpose keys (GXP1630, GRP2614): keys 2-8, BLF, speed dial or park.
        #expect(problem([PhoneKey(number: 2, type: .blf, value: "102"), PhoneKey(number: 8, type: .callPark, value: "701")], model: "grandstream-gxp1630") == nil)
        #expect(problem([PhoneKey(number: 3, type: .dnd)], model: "grandstream-gxp1630")?.contains("keys 2 to 8 only") == true)
        #expect(problem([PhoneKey(number: 9, type: .speedDial, value: "1")], model: "grandstream-grp2614")?.contains("keys 2 to 8 only") == true)
    }

    @Test func theSeedBLFIsKeyTwoAndStaysInItsField() {
        var phone = Phone(id: 1, name: "A", modelID: "yealink-t46u", mac: nil, blfExtension: "102")
        #expect(phone.layout.keys == [PhoneKey(number: 2, type: .blf, value: "102")])
        var layout = phone.layout
        layout.set(PhoneKey(number: 3, type: .dnd))
        phone.setLayout(layout)
        #expect(phone.blfExtension == "102" && phone.keys == [PhoneKey(number: 3, type: .dnd)])
        // A BLF on key 2 with a label of its own stays in the BLF field, its label beside it.
        layout.set(PhoneKey(number: 2, type: .blf, value: "103", label: "Szef"))
        phone.setLayout(layout)
        #expect(phone.blfExtension == "103" && phone.blfLabel == "Szef" && phone.keys == [PhoneKey(number: 3, type: .dnd)])
        #expect(phone.layout.keys == [PhoneKey(number: 2, type: .blf, value: "103", label: "Szef"), PhoneKey(number: 3, type: .dnd)])
        // Another type on key 2 replaces the BLF, label and all.
        layout.set(PhoneKey(number: 2, type: .speedDial, value: "600"))
        phone.setLayout(layout)
        #expect(phone.blfExtension == nil && phone.blfLabel == nil && phone.keys?.count == 2)
        layout.clear(2); layout.clear(3)
        phone.setLayout(layout)
        #expect(phone.blfExtension == nil && phone.keys == nil && phone.sidecars == nil)
        #expect(KeyType.named("Speed-Dial") == .speedDial && KeyType.named("speedDial") == .speedDial && KeyType.named("x") == nil)
    }

    /// A file of an earlier phonedesk kept a labelled key-2 BLF in `keys` (the table then said
    /// "BLF off"); both readers put it in `blf`, and a hand-edited key 2 beside `blf` wins over it.
    @Test func keyTwoInKeysIsReadIntoTheBLFField() throws {
        func read(_ phone: String) throws -> [Phone] {
            let json = "{\"nextID\": 2, \"phones\": [\(phone)], \"revision\": 1, \"schemaVersion\": 2}"
            let careful = Array(try JSONDecoder().decode(PhonesDocument.self, from: Data(json.utf8)).phones)
            let fast = try #require(try PhonesReaderTests().read(json))
            return careful + Array(fast.phones)
        }
        let labelled = #"{"id": 1, "revision": 1, "name": "A", "model": "yealink-t46u", "keys": [{"number": 2, "type": "blf", "value": "102", "label": "Anna N"}, {"number": 3, "type": "dnd"}]}"#
        for phone in try read(labelled) {
            #expect(phone.blfExtension == "102" && phone.blfLabel == "Anna N" && phone.keys == [PhoneKey(number: 3, type: .dnd)])
        }
        let both = #"{"id": 1, "revision": 1, "name": "A", "model": "yealink-t46u", "blf": "103", "keys": [{"number": 2, "type": "speedDial", "value": "600"}]}"#
        for phone in try read(both) {
            #expect(phone.blfExtension == nil && phone.layout.keys == [PhoneKey(number: 2, type: .speedDial, value: "600")])
        }
        let orphanLabel = #"{"id": 1, "revision": 1, "name": "A", "model": "yealink-t46u", "blfLabel": "X"}"#
        for phone in try read(orphanLabel) { #expect(phone.blfLabel == nil) }
        let labelKept = #"{"id": 1, "revision": 1, "name": "A", "model": "yealink-t46u", "blf": "102", "blfLabel": "Anna N"}"#
        for phone in try read(labelKept) {
            #expect(phone.layout.keys == [PhoneKey(number: 2, type: .blf, value: "102", label: "Anna N")])
            // The chunked list keeps the label too.
            #expect(PhoneList([phone]).first == phone)
        }
    }

    /// The edit form's BLF turned on over a key 2 of another type: the BLF field wins key 2.
    @Test func theBLFFieldTakesKeyTwo() {
        let phone = Phone(id: 1, name: "A", modelID: "yealink-t46u", mac: nil, keys: [PhoneKey(number: 2, type: .dnd), PhoneKey(number: 3, type: .line)])
        var edit = PhoneEdit(phone)
        edit.blfExtension = "103"
        let updated = edit.applyingKeys(to: phone)
        #expect(updated.blfExtension == "103" && updated.keys == [PhoneKey(number: 3, type: .line)])
        #expect(updated.layout.key(2) == PhoneKey(number: 2, type: .blf, value: "103"))
    }

    @Test func aKeyChangeIsAPhoneEditThatReRendersTheFile() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let phone = try #require(try store.load().data.phones.first { $0.modelID.hasPrefix("yealink") })
        var edit = PhoneEdit(phone)
        var layout = phone.layout
        layout.set(PhoneKey(number: 3, type: .speedDial, value: "600", label: "Recepcja"))
        edit.setLayout(layout)
        let saved = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)).get()
        let now = try #require(saved.data.phone(id: phone.id))
        #expect(now.revision == phone.revision + 1 && now.keys == [PhoneKey(number: 3, type: .speedDial, value: "600", label: "Recepcja")])
        #expect(now.blfExtension == phone.blfExtension)
        let file = try store.phoneDirectory(of: now).appendingPathComponent(ProvisioningRenderer.fileNames(for: now)[0])
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("linekey.3.type = 13\nlinekey.3.line = 1\nlinekey.3.value = 600\nlinekey.3.label = Recepcja\n"))
        // phones.json keeps the new keys, and reading it back gives the same phone.
        #expect(try Store.open(directory: temp.url).load().data.phone(id: phone.id) == now)
        // The same edit again, from the old revision, is stale; a bad layout is refused by name.
        guard case .failure(.stale) = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) else {
            Issue.record("a stale key change was saved"); return
        }
        var tooMany = PhoneEdit(now)
        tooMany.keys = [PhoneKey(number: 40, type: .dnd)]
        guard case .failure(.invalid(let errors)) = try store.apply(.update(id: phone.id, baseRevision: now.revision, tooMany)) else {
            Issue.record("too many keys were saved"); return
        }
        #expect(errors[.keys]?.contains("key 40 is beyond that") == true)
    }

    /// A key of type none is an explicit empty key: kept, stored, read back by both readers,
    /// and written so the vendor's default on that key goes (Yealink: type 0, not a line).
    @Test func aNoneKeyIsKeptStoredAndWritten() throws {
        var layout = KeyLayout()
        layout.set(PhoneKey(number: 12, type: .none))
        #expect(layout.keys == [PhoneKey(number: 12, type: .none)])
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let phone = try #require(try store.load().data.phones.first { $0.modelID.hasPrefix("yealink") })
        var edit = PhoneEdit(phone)
        var keys = phone.layout
        keys.set(PhoneKey(number: 12, type: .none))
        edit.setLayout(keys)
        let now = try #require(try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)).get().data.phone(id: phone.id))
        #expect(now.keys == [PhoneKey(number: 12, type: .none)])
        let file = try store.phoneDirectory(of: now).appendingPathComponent(ProvisioningRenderer.fileNames(for: now)[0])
        #expect(try String(contentsOf: file, encoding: .utf8).contains("linekey.12.type = 0\nlinekey.12.line = 1\n"))
        #expect(try Store.open(directory: temp.url).load().data.phone(id: phone.id)?.layout.key(12) == PhoneKey(number: 12, type: .none))
        let json = #"{"nextID": 2, "phones": [{"id": 1, "revision": 1, "name": "A", "model": "yealink-t46u", "keys": [{"number": 12, "type": "none"}]}], "revision": 1, "schemaVersion": 2}"#
        let careful = try JSONDecoder().decode(PhonesDocument.self, from: Data(json.utf8)).phones.first
        let fast = try #require(try PhonesReaderTests().read(json)).phones.first
        #expect(careful?.keys == [PhoneKey(number: 12, type: .none)] && fast?.keys == careful?.keys)
    }

    @Test func aPresetAppliedToManyPhonesIsOneBulkChange() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let phones = Array(try store.load().data.phones)
        let preset = KeyLayout(keys: [PhoneKey(number: 2, type: .blf, value: "103"), PhoneKey(number: 3, type: .callPark, value: "700")])
        let change = BulkChange(phones: phones.map(PhoneRef.init), action: .edit(BulkEdit(layout: preset), skipUnfit: false))
        let saved = try store.apply(.bulk(change)).get()
        for phone in phones {
            let now = try #require(saved.data.phone(id: phone.id))
            #expect(now.layout.keys == preset.keys && now.blfExtension == "103" && now.revision == phone.revision + 1)
        }
    }
}

/// A hand-edited phones.json is not checked on save: hostile key labels and values still
/// cannot add a key, a field or an element to any vendor's file.
struct KeyEscapingTests {
    /// Key 2's own label reaches every vendor's file in place of the user's name.
    @Test(arguments: ProvisioningTests.brands)
    func keyTwosLabelIsRendered(modelID: String, mac: String, template: String) throws {
        var (data, phone) = ProvisioningTests.account(modelID: modelID, mac: mac, template: "")
        phone.template = nil
        phone.blfLabel = "Szefowa Anna"
        data.phones = [phone]
        let text = ProvisioningRenderer.files(for: phone, in: data).map(\.contents).joined()
        #expect(text.contains("Szefowa Anna"), "\(modelID)")
    }

    @Test(arguments: ProvisioningTests.brands)
    func hostileKeysStayInTheirField(modelID: String, mac: String, template: String) throws {
        var (data, phone) = ProvisioningTests.account(modelID: modelID, mac: mac, template: "")
        phone.template = nil
        let hostile = "Bob;sub=999@evil.example;fnc=sd\nlinekey.9.type = 13</Title><x>&\u{1B}[2J$PROXY"
        phone.keys = [PhoneKey(number: 3, type: .speedDial, value: "12;fnc=blf\n<x>", label: hostile),
                      PhoneKey(number: 4, type: .callPark, value: "7+0@0", label: hostile)]
        data.phones = [phone]
        for file in ProvisioningRenderer.files(for: phone, in: data) {
            #expect(!file.contents.contains("\u{1B}"), "\(file.name)")
            if file.contents.hasPrefix("<?xml") {
                #expect(!file.contents.contains("<x>"), "\(file.name)")
                let parser = XMLParser(data: Data(file.contents.utf8))
                #expect(parser.parse(), "\(file.name) is not well-formed XML")
            } else {
                // Yealink: every line is one key = value, and no key is there twice.
                let keys = file.contents.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "=", maxSplits: 1)[0] }
                #expect(Set(keys).count == keys.count && !keys.contains("linekey.9.type "))
            }
            if modelID.hasPrefix("cisco") {
                for line in file.contents.split(separator: "\n") where line.contains("Extended_Function_3_") || line.contains("Extended_Function_4_") {
                    // The function string's own fields, once the XML entities (`&lt;`) are read.
                    var text = String(line)
                    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
                        text = text.replacingOccurrences(of: entity, with: character)
                    }
                    #expect(text.split(separator: ";").count == 3, "\(line)")
                }
            }
        }
    }
}
