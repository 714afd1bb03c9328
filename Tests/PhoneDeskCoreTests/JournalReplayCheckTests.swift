import Foundation
import Testing
@testable import PhoneDeskCore

/// Journal lines replayed on phones already checked are checked phone by phone
/// (`PhoneList.changedPhonesAreSound`); a line that breaks a rule is still refused with the
/// full check's words, whether the store had the phones cached or reads them afresh.
@Suite(.serialized)
struct JournalReplayCheckTests {
    let temp = TempDirectory()

    /// A journal is replayed whatever the account's size: a few phones are enough.
    func store() throws -> Store {
        let store = try Store.open(directory: temp.url, seed: .empty)
        let phones = (0..<40).map {
            NewPhone(name: "Desk \($0)", modelID: "snom-d717", mac: MACAddress(hex: String(format: "02%010x", $0)))
        }
        _ = try store.importPhones(phones).get()
        return store
    }

    /// Appends lines as a hand edit (or another program) would: outside the store.
    func append(_ phones: [Phone], nextID: Int) throws {
        let encoder = JSONEncoder()
        var bytes = Data()
        for phone in phones {
            bytes += try encoder.encode(PhonesJournal.Line(op: .put, phone: phone, id: nil, nextID: nextID, revision: 1))
            bytes.append(0x0A)
        }
        let journal = temp.file(PhonesJournal.fileName)
        if !FileManager.default.fileExists(atPath: journal.path) {
            _ = FileManager.default.createFile(atPath: journal.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try FileHandle(forWritingTo: journal)
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
        try handle.close()
    }

    /// Each broken rule, read by the store that cached the phones and by a fresh one.
    @Test(arguments: [
        ("a MAC another phone has", "MAC 02:00:00:00:00:08 is also"),
        ("a name another phone has, in other case", "is also phones["),
        ("a secret another phone has", "secret is also"),
        ("a secret that is not 32 hex digits", "secret must be 32 digits"),
        ("an id not below nextID", "is not above the largest phone id"),
        ("a negative revision", "negative revision"),
    ])
    func aLineThatBreaksARuleIsRefused(_ rule: String, _ words: String) throws {
        let store = try store()
        let data = try store.load().data  // warms the cache
        let nextID = try #require(data.phones.maxID) + 1
        var phone = try #require(data.phone(id: 3))
        let other = try #require(data.phone(id: 9))
        var lineNextID = nextID
        switch rule {
        case "a MAC another phone has": phone.mac = other.mac
        case "a name another phone has, in other case": phone.name = other.name.uppercased()
        case "a secret another phone has": phone.secret = other.secret
        case "a secret that is not 32 hex digits": phone.secret = "../../etc"
        case "an id not below nextID": phone.id = nextID + 5; phone.name = "New"; phone.mac = MACAddress(hex: "0a0000000001"); phone.secret = nil
        default:  // a new phone (a lower revision of a known one is skipped, not taken)
            phone.id = nextID; phone.name = "New"; phone.mac = MACAddress(hex: "0a0000000002"); phone.secret = nil
            phone.revision = -1
            lineNextID = nextID + 1
        }
        try append([phone], nextID: lineNextID)
        for reader in [store, Store(directory: temp.url)] {
            #expect { try reader.load() } throws: { error in
                let text = "\(error)"
                return text.contains("replayed on phones.json") && text.contains(words)
            }
        }
    }

    /// A sound line is taken by the cached store and a fresh one alike.
    @Test func aSoundLineIsTaken() throws {
        let store = try store()
        let data = try store.load().data
        var phone = try #require(data.phone(id: 3))
        phone.name = "Reception"
        phone.revision += 1
        try append([phone], nextID: try #require(data.phones.maxID) + 1)
        #expect(try store.load().data.phone(id: 3)?.name == "Reception")
        #expect(try Store(directory: temp.url).load().data.phone(id: 3)?.name == "Reception")
    }

    /// More lines than are checked one by one: the full check.
    @Test func manyLinesAreCheckedInFull() throws {
        let store = try store()
        let data = try store.load().data
        var phones = (10..<(10 + PhonesJournal.checkedLines + 4)).compactMap { data.phone(id: $0) }.map { phone -> Phone in
            var renamed = phone
            renamed.name += " (moved)"
            renamed.revision += 1
            return renamed
        }
        phones[phones.count - 1].mac = data.phone(id: 2)?.mac
        try append(phones, nextID: try #require(data.phones.maxID) + 1)
        #expect { try store.load() } throws: { "\($0)".contains("is also") }
    }
}
