import Foundation
import Testing
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

struct StoreTests {
    let temp = TempDirectory()

    func open() throws -> Store { try Store.open(directory: temp.url) }

    @Test func seedsTheDemoAccountWithPrivatePermissions() throws {
        let data = try open().load().data
        #expect(data.phones.map(\.name) == ["Recepcja", "Magazyn"])
        #expect(data.users.count == 6)
        #expect(data.user("102")?.name == "Piotr Wiśniewski")
        #expect(data.account.balance == Money(cents: 50_000, currency: "EUR"))
        #expect(data.account.token.count >= 22)
        #expect(data.users.allSatisfy { $0.sipPassword.count >= 16 })
        #expect(temp.mode() == 0o700)
        for name in ["account.json", "users.json", "phones.json", "backgrounds.json", "templates.json"] {
            #expect(temp.mode(name) == 0o600, "\(name)")
        }
        let text = try String(contentsOf: temp.file("phones.json"), encoding: .utf8)
        #expect(text.contains("\"mac\" : \"805ec0112233\""))
        #expect(text.contains("\"schemaVersion\" : 2"))
    }

    @Test func tokensAreRandomAndURLSafe() {
        let a = Secrets.accountToken(), b = Secrets.accountToken()
        #expect(a != b)
        #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    }

    @Test func emptySeedHasNoPhones() throws {
        let store = try Store.open(directory: temp.url, seed: .empty)
        #expect(try store.load().data.phones.isEmpty)
    }

    @Test func addsAPhoneExactlyAsTyped() throws {
        let store = try open()
        let new = NewPhone(name: "Biuro Łódź", modelID: "yealink-t46u", mac: MACAddress(hex: "001a4d5c258d"))
        let outcome = try store.apply(.add(new)).get()
        #expect(outcome.phoneID == 3)
        let text = try String(contentsOf: temp.file("phones.json"), encoding: .utf8)
        #expect(text.contains("\"name\" : \"Biuro Łódź\""))
        #expect(text.contains("\"mac\" : \"001a4d5c258d\""))
        #expect(temp.mode("phones.json") == 0o600)
    }

    @Test func anAddRacingAnotherOperatorIsCheckedAgainstTheFile() throws {
        let a = try open()
        let b = Store(directory: temp.url)
        let mac = MACAddress(hex: "001a4d5c258d")
        _ = try a.apply(.add(NewPhone(name: "One", modelID: "yealink-t46u", mac: mac))).get()
        let second = try b.apply(.add(NewPhone(name: "Two", modelID: "yealink-t46u", mac: mac)))
        guard case .failure(.invalid(let errors)) = second else { Issue.record("duplicate MAC written"); return }
        #expect(errors[.mac]?.contains("\"One\"") == true)
    }

    /// An import checked against the file it read, then beaten to the lock by another operator:
    /// the problems found under the lock said "line 0". Now each names the row's real line, or
    /// none when the caller gave no lines.
    @Test func anImportRacingAnotherOperatorNamesTheRowsLine() throws {
        let store = try open()
        let rows = try CSV.parse("model,mac,name\nt46u,02:00:00:00:00:01,Desk\n\nt46u,02:00:00:00:00:02,Office\n").get()
        let data = try store.load().data
        let phones = try BulkImport.phones(rows, existing: data).get()
        _ = try Store(directory: temp.url).apply(.add(NewPhone(name: "Office", modelID: "yealink-t46u", mac: nil))).get()
        guard case .failure(let failure) = try store.importPhones(phones, lines: BulkImport.lines(rows)) else { Issue.record("imported"); return }
        #expect(failure.problems.map(\.description) == ["line \(rows[2].line): \"Office\" was added by another operator meanwhile; nothing imported"])
        #expect(rows[2].line != 0)
        guard case .failure(let unnamed) = try store.importPhones(phones) else { Issue.record("imported"); return }
        #expect(unnamed.problems.map(\.description) == ["\"Office\" was added by another operator meanwhile; nothing imported"])

        let users = try CSV.parse("extension,name,email\n150,Eve,\n").get()
        let new = try BulkImport.users(users, existing: data.users).get()
        _ = try Store(directory: temp.url).importUsers([User(extensionNumber: "150", name: "Bob", sipPassword: "p")]).get()
        guard case .failure(let clash) = try store.importUsers(new, lines: BulkImport.lines(users)) else { Issue.record("imported"); return }
        #expect(clash.problems.map(\.description) == ["line 2: extension 150 was added meanwhile; nothing imported"])
    }

    @Test func editsOfDifferentPhonesMerge() throws {
        let store = try open()
        let data = try store.load().data
        var first = PhoneEdit(data.phones[0]); first.userExtension = "103"; first.blfExtension = nil
        var second = PhoneEdit(data.phones[1]); second.userExtension = "105"
        // Both operators opened their phone from the same load.
        _ = try store.apply(.update(id: 1, baseRevision: data.phones[0].revision, first)).get()
        _ = try store.apply(.update(id: 2, baseRevision: data.phones[1].revision, second)).get()
        let after = try store.load().data
        #expect(after.phone(id: 1)?.userExtension == "103")
        #expect(after.phone(id: 2)?.userExtension == "105")
    }

    @Test func aStaleEditOfTheSamePhoneIsNotWritten() throws {
        let store = try open()
        let data = try store.load().data
        let phone = data.phones[0]
        var theirs = PhoneEdit(phone); theirs.userExtension = "103"; theirs.blfExtension = "104"
        var mine = PhoneEdit(phone); mine.userExtension = "105"
        _ = try store.apply(.update(id: 1, baseRevision: phone.revision, theirs)).get()
        let before = try Data(contentsOf: temp.file("phones.json"))
        let result = try store.apply(.update(id: 1, baseRevision: phone.revision, mine))
        guard case .failure(.stale(let current, _)) = result else { Issue.record("stale edit written"); return }
        #expect(current.userExtension == "103")
        #expect(try Data(contentsOf: temp.file("phones.json")) == before)
        let changes = current.differences(from: phone, users: data.users)
        #expect(changes == ["user 101 Anna Nowak → 103 Katarzyna Wójcik", "BLF 102 Piotr Wiśniewski → 104 Tomasz Kamiński"])
    }

    @Test func idsAreNeverReused() throws {
        let store = try open()
        let data = try store.load().data
        _ = try store.apply(.delete(id: 2, baseRevision: data.phones[1].revision)).get()
        let added = try store.apply(.add(NewPhone(name: "New", modelID: "snom-d717", mac: MACAddress(hex: "000413000001")))).get()
        #expect(added.phoneID == 3)
        let stale = try store.apply(.update(id: 2, baseRevision: 1, PhoneEdit(data.phones[1])))
        #expect(stale == .failure(.gone(name: "Magazyn")))
    }

    @Test func corruptJSONReportsFileAndPositionAndLeavesBytes() throws {
        _ = try open()
        let broken = Data("{\n  \"schemaVersion\": 1,\n  \"phones\": [,]\n}\n".utf8)
        try broken.write(to: temp.file("phones.json"))
        #expect(throws: StoreError.corrupt(path: temp.file("phones.json").path,
                                           detail: "line 3, column 14: unexpected character ','")) {
            try Store(directory: temp.url).load()
        }
        let description = StoreError.corrupt(path: "p", detail: "d").description
        #expect(description.contains("left untouched"))
        // A save must not overwrite it either.
        let result = Result { try Store(directory: temp.url).apply(.delete(id: 1, baseRevision: 1)) }
        #expect(throws: StoreError.self) { try result.get() }
        #expect(try Data(contentsOf: temp.file("phones.json")) == broken)
    }

    @Test func wrongShapeNamesTheField() throws {
        _ = try open()
        try Data(#"{"schemaVersion": 1, "revision": 1, "nextID": 2, "phones": [{"id": 1}]}"#.utf8).write(to: temp.file("phones.json"))
        do {
            _ = try Store(directory: temp.url).load()
            Issue.record("loaded")
        } catch {
            #expect(error.description.contains("missing \"revision\" at phones[0]"))
        }
    }

    @Test func aNewerSchemaIsReadOnlyAndNeverWritten() throws {
        _ = try open()
        let url = temp.file("phones.json")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"schemaVersion\" : 2", with: "\"schemaVersion\" : 7")
        try text.write(to: url, atomically: false, encoding: .utf8)
        let store = Store(directory: temp.url)
        let loaded = try store.load()
        #expect(loaded.readOnly.count == 1)
        #expect(loaded.readOnly[0].contains("newer phonedesk (schema 7"))
        let result = try store.apply(.delete(id: 1, baseRevision: 1))
        guard case .failure(.readOnly) = result else { Issue.record("written"); return }
        #expect(try String(contentsOf: url, encoding: .utf8) == text)
    }

    @Test func aLockedStoreSaysWhoHoldsIt() throws {
        _ = try open()
        // A separate open file description: its flock conflicts with the store's, even in this process.
        let fd = Glibc.open(temp.file(".lock").path, O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        // Whatever the file says, the holder comes from the kernel's lock table.
        _ = "4242\n".withCString { pwrite(fd, $0, 5, 0) }
        let store = Store(directory: temp.url, lockTimeout: 0.1)
        #expect(throws: StoreError.locked(path: temp.file(".lock").path, holder: "\(getpid())")) {
            try store.apply(.delete(id: 1, baseRevision: 1))
        }
    }

    @Test func leftoverTempFilesAreRemovedAtOpen() throws {
        _ = try open()
        let leftover = temp.file(".phones.json.tmp-123-456")
        try Data("partial".utf8).write(to: leftover)
        let secret = try #require(try open().load().data.phones.first?.secret)
        let provisioningLeftover = temp.file("provisioning/\(secret)/.805ec0112233.cfg.tmp-1-2")
        try Data("partial".utf8).write(to: provisioningLeftover)
        let store = try open()
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        try store.provisionAll()
        #expect(!FileManager.default.fileExists(atPath: provisioningLeftover.path))
    }

    /// Only phone directories phonedesk made are removed (ProvisioningManifestTests): a file
    /// beside them stays, even when named like a phone's file.
    @Test func provisioningEveryPhoneKeepsFilesItDidNotGenerate() throws {
        let store = try open()
        let root = try store.servedDirectory()
        let operators = root.appendingPathComponent("0011aabbccdd.cfg")
        try Data("old".utf8).write(to: operators)
        try store.provisionAll()
        #expect(FileManager.default.fileExists(atPath: operators.path))
        #expect(FileManager.default.fileExists(atPath: try store.phoneDirectory(ofMAC: "805ec0112233").appendingPathComponent("805ec0112233.cfg").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent(".images").path))
    }

    @Test func aMissingAccountFileIsExplained() throws {
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: temp.file("notes.json"))
        #expect(throws: StoreError.self) { try open().load() }
    }

    @Test func fingerprintChangesOnSave() throws {
        let store = try open()
        let before = store.fingerprint()
        _ = try store.apply(.add(NewPhone(name: "F", modelID: "fanvil-x4u", mac: MACAddress(hex: "0c383e000001")))).get()
        #expect(store.fingerprint() != before)
    }

    @Test func dataDirectoryFollowsFlagThenEnvironment() {
        let env = ["HOME": "/home/op", "XDG_DATA_HOME": "/xdg", "PHONEDESK_DATA": "/explicit"]
        #expect(DataDirectory.resolve(flag: "~/d", environment: env).path == "/home/op/d")
        #expect(DataDirectory.resolve(flag: nil, environment: env).path == "/explicit")
        #expect(DataDirectory.resolve(flag: nil, environment: ["HOME": "/h", "XDG_DATA_HOME": "/xdg"]).path == "/xdg/phonedesk")
        #expect(DataDirectory.resolve(flag: nil, environment: ["HOME": "/h"]).path == "/h/.local/share/phonedesk")
    }
}

struct JSONErrorLocatorTests {
    @Test(arguments: [
        ("{\"a\": 1}", nil),
        ("[1, 2.5e3, -0, true, false, null, \"x\\u00e9\"]", nil),
        ("{\"a\": 1,}", "line 1, column 9: expected a quoted key"),
        ("{\"a\" 1}", "line 1, column 6: expected ':'"),
        ("[1 2]", "line 1, column 4: expected ',' or ']'"),
        ("{\n\"ł\": tru}", "line 2, column 9: expected 'true'"),
        ("{\"a\": \"open", "line 1, column 12: unterminated string"),
        ("{} x", "line 1, column 4: unexpected text after the end"),
        ("", "line 1, column 1: unexpected end of file"),
    ] as [(String, String?)])
    func locates(text: String, expected: String?) {
        #expect(JSONErrorLocator.locate(Array(text.utf8))?.description == expected)
    }
}
