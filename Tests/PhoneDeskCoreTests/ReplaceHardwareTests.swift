import Foundation
import Testing
@testable import PhoneDeskCore

/// Issue 12 item 4: a phone renamed, and its hardware replaced (a new MAC) without losing its
/// id, user, keys or URL; the old MAC's files go in the same store operation.
struct ReplaceHardwareTests {
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The demo account; `phone` by MAC.
    static func phone(_ store: Store, _ hex: String) throws -> Phone {
        try #require(try store.load().data.phones.first { $0.mac?.hex == hex })
    }

    static func replaced(_ phone: Phone, mac: String, name: String? = nil) -> PhoneChange {
        var edit = PhoneEdit(phone)
        edit.mac = MACAddress(hex: mac)
        if let name { edit.name = name }
        return .update(id: phone.id, baseRevision: phone.revision, edit)
    }

    /// Both demo vendors' file names: Yealink `<mac>.cfg`, Grandstream `cfg<mac>.xml`.
    @Test(arguments: [("805ec0112233", "805ec0445566", "%@.cfg"), ("000b82aabbcc", "000b82ddeeff", "cfg%@.xml")])
    func aNewMACMovesTheFilesUnderTheSameSecret(old: String, new: String, pattern: String) throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let before = try Self.phone(store, old)
        let directory = try store.phoneDirectory(of: before).path
        let oldFile = directory + "/" + String(format: pattern, old), newFile = directory + "/" + String(format: pattern, new)
        #expect(Self.exists(oldFile) && !Self.exists(newFile))

        let outcome = try store.apply(Self.replaced(before, mac: new)).get()
        #expect(outcome.warning == nil)
        let after = try #require(outcome.data.phone(id: before.id))
        #expect(after.mac == MACAddress(hex: new))
        #expect(after.secret == before.secret && after.userExtension == before.userExtension)
        #expect(after.blfExtension == before.blfExtension && after.name == before.name)
        #expect(after.revision == before.revision + 1)
        #expect(!Self.exists(oldFile), "the old MAC's file is still served")
        #expect(Self.exists(newFile))
        // The new file is the phone's whole profile: its user's account is in it.
        let sipUser = try #require(after.userExtension)
        #expect(try String(contentsOfFile: newFile, encoding: .utf8).contains(sipUser))
        // Saved to phones.json and the provisioning record is current.
        #expect(try Store(directory: temp.url).load().data.phone(id: before.id)?.mac == MACAddress(hex: new))
        #expect(try store.checkProvisioning().isCurrent)
    }

    /// A phone given the old account URL (id below `legacyPhonesBelow`) has a bridge file there
    /// named by its MAC: the old MAC's goes, the new MAC's points at the same own URL.
    @Test func theOldAccountURLsBridgeFileFollowsTheNewMAC() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        var document = try #require(try store.account.read()).document
        document.account.legacyURL = true
        document.account.legacyPhonesBelow = 2  // only phone 1 (Recepcja) had the old URL
        try store.account.write(document)
        try store.provisionAll()
        let data = try store.load().data
        let legacy = try store.servedDirectory().path + "/" + data.account.token
        #expect(Self.exists(legacy + "/805ec0112233.cfg"))
        #expect(!Self.exists(legacy + "/cfg000b82aabbcc.xml"))

        let recepcja = try Self.phone(store, "805ec0112233")
        _ = try store.apply(Self.replaced(recepcja, mac: "805ec0445566")).get()
        #expect(!Self.exists(legacy + "/805ec0112233.cfg"))
        let bridge = try String(contentsOfFile: legacy + "/805ec0445566.cfg", encoding: .utf8)
        #expect(bridge.contains("https://provisioning.phonedesk.example/\(try #require(recepcja.secret))/"))

        // A phone added since the migration never had the old URL: a new MAC gives it no file there.
        let magazyn = try Self.phone(store, "000b82aabbcc")
        _ = try store.apply(Self.replaced(magazyn, mac: "000b82ddeeff")).get()
        #expect(!Self.exists(legacy + "/cfg000b82ddeeff.xml") && !Self.exists(legacy + "/cfg000b82aabbcc.xml"))
    }

    /// A MAC another phone has is refused, naming that phone; nothing changes on disk.
    @Test func aDuplicateMACIsRefusedAndNothingIsLost() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let recepcja = try Self.phone(store, "805ec0112233")
        let phonesBefore = try Data(contentsOf: temp.file("phones.json"))
        let result = try store.apply(Self.replaced(recepcja, mac: "000b82aabbcc"))
        guard case .failure(.invalid(let errors)) = result else { Issue.record("not refused: \(result)"); return }
        #expect(errors[.mac] == "00:0b:82:aa:bb:cc is already on the account: phone \"Magazyn\".")
        #expect(try Data(contentsOf: temp.file("phones.json")) == phonesBefore)
        #expect(Self.exists(try store.phoneDirectory(of: recepcja).path + "/805ec0112233.cfg"))
    }

    /// A rename: trimmed, unique on the account (any case), never blank; the rest is kept.
    @Test func aRenameIsTrimmedAndMustBeUniqueAndNotBlank() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let recepcja = try Self.phone(store, "805ec0112233")
        for (name, field) in [("magazyn", "already used"), ("   ", "Name")] {
            var edit = PhoneEdit(recepcja)
            edit.name = name
            let result = try store.apply(.update(id: recepcja.id, baseRevision: recepcja.revision, edit))
            guard case .failure(.invalid(let errors)) = result else { Issue.record("\(name) not refused: \(result)"); continue }
            #expect(errors[.name]?.contains(field) == true, "\(errors)")
        }
        var edit = PhoneEdit(recepcja)
        edit.name = "  Recepcja główna  "
        let saved = try store.apply(.update(id: recepcja.id, baseRevision: recepcja.revision, edit)).get()
        let renamed = try #require(saved.data.phone(id: recepcja.id))
        #expect(renamed.name == "Recepcja główna" && renamed.secret == recepcja.secret && renamed.mac == recepcja.mac)
        #expect(try Store(directory: temp.url).load().data.phone(id: recepcja.id)?.name == "Recepcja główna")
    }

    /// Another operator saved the phone meanwhile: the replacement is refused as stale, as edits are.
    @Test func aStaleReplacementIsRefused() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let recepcja = try Self.phone(store, "805ec0112233")
        var theirs = PhoneEdit(recepcja)
        theirs.userExtension = "104"
        _ = try store.apply(.update(id: recepcja.id, baseRevision: recepcja.revision, theirs)).get()
        let result = try store.apply(Self.replaced(recepcja, mac: "805ec0445566"))
        guard case .failure(.stale(let current, _)) = result else { Issue.record("not stale: \(result)"); return }
        #expect(current.userExtension == "104" && current.mac == recepcja.mac)
        #expect(Self.exists(try store.phoneDirectory(of: recepcja).path + "/805ec0112233.cfg"))
    }
}
