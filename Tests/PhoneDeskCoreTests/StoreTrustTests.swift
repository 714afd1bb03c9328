import Foundation
import Testing
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

/// Files phonedesk refuses to load (issue 9): each is reported as corrupt, with the file, where
/// and why, and its bytes are left exactly as they were.
struct StoreTrustTests {
    let temp = TempDirectory()
    var data: URL { temp.file("data") }

    init() throws {
        _ = try Store.open(directory: temp.file("data"))
    }

    func file(_ name: String) -> URL { data.appendingPathComponent(name) }

    /// Replaces `old` by `new` in a file (the first time, or every time).
    func edit(_ name: String, _ old: String, _ new: String, all: Bool = false) throws -> Data {
        var text = try String(contentsOf: file(name), encoding: .utf8)
        let range = try #require(text.range(of: old), "\(old) in \(name)")
        text = all ? text.replacingOccurrences(of: old, with: new) : text.replacingCharacters(in: range, with: new)
        try text.write(to: file(name), atomically: false, encoding: .utf8)
        return Data(text.utf8)
    }

    /// Loading fails as corrupt `name`, with a detail containing every piece, bytes unchanged.
    func refused(_ name: String, _ pieces: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try Data(contentsOf: file(name))
        do {
            _ = try Store(directory: data).load()
            Issue.record("loaded", sourceLocation: sourceLocation)
        } catch {
            guard case .corrupt(let path, let detail) = error else {
                Issue.record("not corrupt: \(error)", sourceLocation: sourceLocation); return
            }
            #expect(path == file(name).path, sourceLocation: sourceLocation)
            for piece in pieces { #expect(detail.contains(piece), "\(detail)", sourceLocation: sourceLocation) }
        }
        #expect(try Data(contentsOf: file(name)) == before, sourceLocation: sourceLocation)
    }

    // MARK: item 3: the account token

    @Test(arguments: ["../..", "", "a/b", "Tok3nTok3nTok3nTok3n_", "Tok3nTok3nTok3nTok3n_.", "Tok3nTok3nTok3nTok3n_-x"])
    func aTokenThatIsNotTwentyTwoURLSafeCharactersIsACorruptAccount(token: String) throws {
        let current = try Store(directory: data).load().data.account.token
        _ = try edit("account.json", "\"\(current)\"", "\"\(token)\"")
        try refused("account.json", ["account.token"])
    }

    @Test func provisioningNeverUsesATokenAsAPath() throws {
        let current = try Store(directory: data).load().data.account.token
        let outside = temp.file("keep.cfg")
        try Data("operator's".utf8).write(to: outside)
        _ = try edit("account.json", "\"\(current)\"", "\"..\"")
        #expect(throws: StoreError.self) { try Store(directory: data).provisionAll() }
        #expect(try String(contentsOf: outside, encoding: .utf8) == "operator's")
    }

    // MARK: item 4: JSON that would lose data

    @Test func invalidUTF8IsRefusedWithItsPositionOnEveryPath() throws {
        var bytes = try Data(contentsOf: file("phones.json"))
        let at = try #require(bytes.range(of: Data("Recepcja".utf8)))
        bytes.replaceSubrange(at, with: [0x52, 0x65, 0xFF, 0x63])
        try bytes.write(to: file("phones.json"))
        try refused("phones.json", ["line 9, column 19: invalid UTF-8 (byte 0xFF)"])
        // A lone surrogate escape would become U+FFFD the same way.
        _ = try edit("users.json", "Anna Nowak", "Anna \\ud800Nowak")
        try refused("users.json", ["surrogate"])
    }

    /// The fast phones.json reader let a high surrogate escape wait over ordinary characters for
    /// a later low one ("Rec\uD800x\uDC00" read as "Recx𐀀", rewritten so by the next save) and
    /// read "id" : 0001 as 1. Both are refused with their position, as in users.json.
    @Test func aSplitSurrogatePairOrALeadingZeroInPhonesJSONIsRefusedWithItsPosition() throws {
        _ = try edit("phones.json", "\"Recepcja\"", "\"Rec\\uD800x\\uDC00\"")
        try refused("phones.json", ["line 9, column 26: a lone UTF-16 surrogate escape"])
        _ = try edit("phones.json", "\"Rec\\uD800x\\uDC00\"", "\"Recepcja\"")
        _ = try edit("phones.json", "\"id\" : 1,", "\"id\" : 0001,")
        try refused("phones.json", ["a number with a leading zero", "line"])
    }

    @Test func aRepeatedKeyIsRefusedInAnyDocument() throws {
        _ = try edit("phones.json", "\"name\" : \"Magazyn\"", "\"name\" : \"Magazyn\", \"name\" : \"Other\"")
        try refused("phones.json", ["duplicate key \"name\"", "line"])
        _ = try edit("account.json", "\"name\" : \"Demo account\"", "\"name\" : \"Demo account\", \"n\\u0061me\" : \"x\"")
        try refused("account.json", ["duplicate key \"name\""])
    }

    @Test func phoneIdsMustBePositiveAndUnique() throws {
        _ = try edit("phones.json", "\"id\" : 1,", "\"id\" : 0,")
        try refused("phones.json", ["phones[0] (id 0)", "1 or more"])
        _ = try edit("phones.json", "\"id\" : 0,", "\"id\" : 2,")
        try refused("phones.json", ["id 2 is also phones[0]'s"])
    }

    @Test func duplicateMACsAndNamesAreRefused() throws {
        _ = try edit("phones.json", "000b82aabbcc", "805ec0112233")
        try refused("phones.json", ["phones[1] (id 2)", "MAC 80:5e:c0:11:22:33 is also phones[0]'s"])
        _ = try edit("phones.json", "805ec0112233", "000b82aabbcc", all: true)
        _ = try edit("phones.json", "\"000b82aabbcc\"", "\"000b82aabbcd\"")
        _ = try edit("phones.json", "\"Magazyn\"", "\"  RECEPCJA \"")
        try refused("phones.json", ["name \"  RECEPCJA \" is also phones[0]'s"])
        _ = try edit("phones.json", "\"Recepcja\"", "\"Łódź\"")
        _ = try edit("phones.json", "\"  RECEPCJA \"", "\"ŁÓDŹ\"")
        try refused("phones.json", ["name \"ŁÓDŹ\" is also phones[0]'s"])
    }

    @Test func nextIDMustBeAboveEveryId() throws {
        _ = try edit("phones.json", "\"nextID\" : 3", "\"nextID\" : 2")
        try refused("phones.json", ["nextID 2 is not above the largest phone id 2"])
    }

    @Test func negativeMoneyAndCountsAreRefused() throws {
        _ = try edit("account.json", "\"cents\" : 50000", "\"cents\" : -1")
        try refused("account.json", ["account.balance.cents is -1"])
        _ = try edit("account.json", "\"cents\" : -1", "\"cents\" : 50000")
        try Data(#"{"schemaVersion": 1, "revision": 1, "lines": [{"sku": "YEA-T31P", "quantity": 0}]}"#.utf8).write(to: file("cart.json"))
        try refused("cart.json", ["lines[0].quantity is 0"])
        try Data(#"{"schemaVersion": 1, "revision": 1, "lines": [{"sku": "YEA-T31P", "quantity": 3000000000000000}]}"#.utf8).write(to: file("cart.json"))
        try refused("cart.json", ["lines[0].quantity is 3000000000000000"])
        unlink(file("cart.json").path)
        let order = #"{"number": "PD-1", "date": "2026-01-01T00:00:00Z", "lines": [{"sku": "A", "name": "A", "quantity": 1, "unitPrice": -500, "total": -500}], "address": {"name": "a", "company": "", "street": "s", "city": "c", "postalCode": "1", "country": "PL"}, "zone": "domestic", "subtotal": 0, "delivery": 0, "vatBasisPoints": 0, "vat": 0, "total": 0, "currency": "EUR", "payment": "x", "status": "Paid", "idempotencyKey": "k", "phoneIDs": []}"#
        try Data(#"{"schemaVersion": 1, "revision": 1, "orders": [\#(order)]}"#.utf8).write(to: file("orders.json"))
        try refused("orders.json", ["orders[0].lines[0].unitPrice is -500"])
    }

    @Test(arguments: ["2026-11-31T12:07:41Z", "2026-11-18 12:07:41", "18.11.2026"])
    func aMalformedOrderDateIsRefusedNamingOrdersJSON(date: String) throws {
        let golden = try OrderFileTests.golden("orders-cards.json")
        let text = String(decoding: golden, as: UTF8.self).replacingOccurrences(of: "2026-11-18T12:07:41Z", with: date)
        try Data(text.utf8).write(to: file("orders.json"))
        try refused("orders.json", ["\"\(date)\" is not a UTC date and time of the form 2026-11-26T20:13:40Z at orders[1].date"])
        do { _ = try Store(directory: data).load() } catch {
            #expect(error.description.hasPrefix("\(file("orders.json").path): not valid data ("), "\(error)")
        }
    }

    @Test func duplicateExtensionsAndLibraryNamesAreRefused() throws {
        _ = try edit("users.json", "\"extension\" : \"102\"", "\"extension\" : \"101\"")
        try refused("users.json", ["users[1]: extension 101 is also users[0]'s"])
        _ = try edit("users.json", "\"extension\" : \"101\"", "\"extension\" : \"102\"")
        let image = #"{"name": "Logo", "file": "logo.png", "width": 1, "height": 1, "bytes": 1}"#
        try Data(#"{"schemaVersion": 1, "revision": 1, "backgrounds": [\#(image), \#(image.replacingOccurrences(of: "Logo", with: "logo "))]}"#.utf8)
            .write(to: file("backgrounds.json"))
        try refused("backgrounds.json", ["backgrounds[1]: name \"logo \" is also backgrounds[0]'s"])
        try Data(#"{"schemaVersion": 1, "revision": 1, "backgrounds": [{"name": "L", "file": "../../x", "width": 1, "height": 1, "bytes": 1}]}"#.utf8)
            .write(to: file("backgrounds.json"))
        try refused("backgrounds.json", ["not a plain file name"])
    }

    @Test func theJournalIsHeldToTheSameRules() throws {
        // A journal line that gives phone 2 phone 1's MAC: refused once replayed, no file changed.
        let line = #"{"nextID":3,"op":"put","phone":{"id":2,"mac":"805ec0112233","model":"grandstream-gxp2170","name":"Magazyn","revision":5},"revision":9}"#
        try Data((line + "\n").utf8).write(to: file("phones.journal"))
        try refused("phones.journal", ["replayed on phones.json", "MAC 80:5e:c0:11:22:33"])
        try Data((#"{"nextID":3,"nextID":4,"op":"delete","id":2,"revision":9}"# + "\n").utf8).write(to: file("phones.journal"))
        try refused("phones.journal", ["byte 12: duplicate key \"nextID\""])
    }

    @Test func aLargeAccountReadByTheFastPathIsCheckedToo() throws {
        var phones = PhoneList()
        for i in 1...6_000 { phones.append(Phone(id: i, name: "Desk \(i) Łódź", modelID: "yealink-t46u", mac: nil)) }
        phones.append(Phone(id: 6_001, name: "desk 17 łÓDŹ", modelID: "yealink-t46u", mac: nil))
        try DocumentFile<PhonesDocument>(in: data).write(PhonesDocument(phones: phones))
        #expect(DocumentFile<PhonesDocument>.streamPhones(file("phones.json").path) != nil)
        try refused("phones.json", ["phones[6000] (id 6001)", "is also phones[16]'s"])
    }

    // MARK: item 5: a size cap before reading

    @Test func aHugeFileIsRefusedBeforeItIsRead() throws {
        for name in ["phones.json", "users.json", "phones.journal"] {
            let original = try? Data(contentsOf: file(name))
            let fd = Glibc.open(file(name).path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            #expect(ftruncate(fd, 1 << 30) == 0)  // sparse: no disk used, but 1 GiB to read
            close(fd)
            let start = Date()
            do {
                _ = try Store(directory: data).load()
                Issue.record("loaded \(name)")
            } catch {
                #expect(error == .corrupt(path: file(name).path, detail: "the file is 1024 MiB, larger than the \(name == "phones.json" ? 256 : name == "users.json" ? 16 : 64) MiB phonedesk reads"))
            }
            #expect(Date().timeIntervalSince(start) < 1)
            var info = stat()
            #expect(stat(file(name).path, &info) == 0 && info.st_size == 1 << 30)
            unlink(file(name).path)
            try original?.write(to: file(name))
        }
        // Nothing near a gigabyte was ever allocated.
        #expect(peakResidentKiB() < 512 << 10)
    }

    private func peakResidentKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// The duplicate-name check hashes without allocating; it must agree with the forms' rule.
struct PhoneNameKeyTests {
    func key(_ name: String) -> Int {
        Array(name.utf8).withUnsafeBufferPointer { PhoneList.nameKey($0) }
    }

    @Test(arguments: [("Łódź", "  łÓDŹ\t"), ("Café", "CAFE\u{301}"), ("Straße", "STRAßE"), ("\u{212A}elvin", "kelvin"),
                      ("İstanbul", "i\u{307}stanbul"), ("Ÿ", "ÿ"), ("a;b", "A\u{37E}B"), ("\u{A0}x\u{3000}", "X")])
    func namesTheRuleCallsEqualHashEqual(a: String, b: String) {
        #expect(PhoneList([Phone(id: 1, name: a, modelID: "yealink-t46u", mac: nil)]).phone(named: b) != nil)
        #expect(key(a) == key(b))
        let phones = PhoneList([Phone(id: 1, name: a, modelID: "yealink-t46u", mac: nil),
                                Phone(id: 2, name: b, modelID: "yealink-t46u", mac: nil)])
        #expect(phones.firstProblem(nextID: 3)?.contains("is also phones[0]'s") == true)
    }

    /// Several problems: the first in file order is told, and at one phone the rules' order
    /// (MAC, then the secret's form, its repeat, then the name), as the one-pass check did.
    @Test func theFirstProblemInFileOrderIsTold() {
        func phone(_ id: Int, _ name: String, mac: String? = nil, secret: String? = nil) -> Phone {
            Phone(id: id, name: name, modelID: "yealink-t46u", mac: mac.map { MACAddress(hex: $0) }, secret: secret)
        }
        let a = String(repeating: "a", count: 32), b = String(repeating: "b", count: 32)
        var phones = [phone(1, "One", mac: "805ec0000001", secret: a), phone(2, "Two", mac: "805ec0000002", secret: b),
                      phone(3, "one"), phone(4, "Four", mac: "805ec0000001"), phone(5, "Five", secret: b)]
        #expect(PhoneList(phones).firstProblem(nextID: 6) == "phones[2] (id 3): name \"one\" is also phones[0]'s (names are compared ignoring case)")
        phones[2].name = "Three"
        #expect(PhoneList(phones).firstProblem(nextID: 6) == "phones[3] (id 4): MAC 80:5e:c0:00:00:01 is also phones[0]'s")
        // At one phone, a repeated MAC before its broken secret; a broken secret before a later repeat.
        phones[3].secret = "not hex"
        #expect(PhoneList(phones).firstProblem(nextID: 6) == "phones[3] (id 4): MAC 80:5e:c0:00:00:01 is also phones[0]'s")
        phones[3].mac = nil
        #expect(PhoneList(phones).firstProblem(nextID: 6)?.hasPrefix("phones[3] (id 4): secret must be 32 digits") == true)
        phones[3].secret = nil
        #expect(PhoneList(phones).firstProblem(nextID: 6) == "phones[4] (id 5): secret is also phones[1]'s (each phone's URL is its own)")
        phones[4].secret = nil
        #expect(PhoneList(phones).firstProblem(nextID: 6) == nil)
        #expect(PhoneList(phones).firstProblem(nextID: 5)?.contains("nextID 5 is not above") == true)
    }

    @Test func differentNamesPass() {
        let phones = PhoneList(["Łódź", "Lodz", "Łodź", "Desk 1", "Desk 10", "Café", "Cafe"].enumerated().map {
            Phone(id: $0.offset + 1, name: $0.element, modelID: "yealink-t46u", mac: nil)
        })
        #expect(phones.firstProblem(nextID: 8) == nil)
    }
}
