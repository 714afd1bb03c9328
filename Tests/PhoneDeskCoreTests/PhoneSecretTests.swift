import Foundation
import Testing
@testable import PhoneDeskCore

/// Issue 11 item 1: a secret per phone, rotation, and the migration of an account that had one
/// URL for every phone.
struct PhoneSecretTests {
    /// Kept as 128 bits in memory, given back as the same text: zeros first and last kept; a
    /// secret that is not 32 lowercase hex digits (hand-edited) is kept as it is.
    @Test(arguments: ["0000000000000000000000000000000f", "f0000000000000000000000000000000", "0123456789abcdef0123456789abcdef",
                      "00000000000000000000000000000000", "0123456789ABCDEF0123456789ABCDEF", "short", ""])
    func aSecretComesBackAsItWasStored(_ text: String) throws {
        var phone = Phone(id: 1, name: "Desk", modelID: "yealink-t46u", mac: nil, secret: text)
        #expect(phone.secret == text)
        let decoded = try JSONDecoder().decode(Phone.self, from: JSONEncoder().encode(phone))
        #expect(decoded.secret == text && decoded == phone)
        phone.secret = nil
        #expect(phone.secret == nil)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test func secretsAre128RandomBitsInHexAndOnlyThatShapeIsASecret() {
        let drawn = (0..<1_000).map { _ in Secrets.phoneSecret() }
        #expect(Set(drawn).count == drawn.count)
        #expect(drawn.allSatisfy(Secrets.isPhoneSecret))
        for bad in ["", "../..", String(repeating: "a", count: 31), String(repeating: "a", count: 33), String(repeating: "A", count: 32),
                    String(repeating: "g", count: 32), "0123456789abcdef0123456789abcde/", "0123456789abcdef0123456789abcd\u{0}f"] {
            #expect(!Secrets.isPhoneSecret(bad), "\(bad.debugDescription)")
        }
        let bits = SecretBits(drawn[0])
        #expect(bits?.hex == drawn[0])
    }

    /// Every phone its own directory: one phone's URL gives nothing of another's.
    @Test func eachPhoneHasItsOwnDirectoryWithOnlyItsFiles() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let data = try store.load().data
        let root = try store.servedDirectory().path
        let phones = data.phones.filter { $0.mac != nil }
        #expect(phones.count == 2 && Set(phones.compactMap(\.secret)).count == 2)
        for phone in phones {
            let names = try FileManager.default.contentsOfDirectory(atPath: root + "/" + (try #require(phone.secret)))
            #expect(Set(names) == Set(ProvisioningRenderer.fileNames(for: phone)))
            for other in phones where other.id != phone.id {
                for name in ProvisioningRenderer.fileNames(for: other) { #expect(!Self.exists(root + "/" + phone.secret! + "/" + name)) }
            }
        }
        // No account-wide directory in a new account.
        #expect(!Self.exists(root + "/" + data.account.token))
    }

    @Test func rotationMovesTheFilesAndTheOldDirectoryIsGone() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let phone = try #require(try store.load().data.phones.first { $0.mac?.hex == "805ec0112233" })
        let old = try store.phoneDirectory(of: phone)
        let outcome = try store.apply(.rotateSecret(id: phone.id, baseRevision: phone.revision)).get()
        let rotated = try #require(outcome.data.phone(id: phone.id))
        #expect(rotated.secret != phone.secret && rotated.revision == phone.revision + 1)
        #expect(!Self.exists(old.path))
        let new = try store.phoneDirectory(of: rotated)
        #expect(Self.exists(new.appendingPathComponent("805ec0112233.cfg").path))
        #expect(outcome.data.account.provisioningURL(of: rotated) == "https://provisioning.phonedesk.example/\(rotated.secret!)/")
        #expect(try store.checkProvisioning().isCurrent)
        // Based on the old revision: refused as stale, nothing moves.
        guard case .failure(.stale) = try store.apply(.rotateSecret(id: phone.id, baseRevision: phone.revision)) else {
            Issue.record("a stale rotation was saved"); return
        }
        #expect(Self.exists(new.path))
        // Only the secret changed: nothing else of the phone.
        var same = rotated
        same.secret = phone.secret
        same.revision = phone.revision
        #expect(same == phone)
    }

    /// A background image is served from the phone's own directory, linked (not copied).
    @Test func theBackgroundImageIsInThePhonesDirectory() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let image = temp.file("logo.png")
        try Data(SampleImages.png(width: 480, height: 272)).write(to: image)
        let added = try store.apply(.addBackground(name: "Logo", path: image.path)).get()
        let file = try #require(added.data.backgrounds.first).file
        let phone = try #require(added.data.phones.first { $0.modelID == "yealink-t46u" })
        var edit = PhoneEdit(phone)
        edit.background = "Logo"
        let edited = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)).get()
        let directory = try store.phoneDirectory(of: try #require(edited.data.phone(id: phone.id)))
        let served = directory.appendingPathComponent(file)
        #expect(try Data(contentsOf: served) == Data(SampleImages.png(width: 480, height: 272)))
        var a = stat(), b = stat()
        let master = try store.servedDirectory().appendingPathComponent(".images/\(file)").path
        #expect(lstat(served.path, &a) == 0 && lstat(master, &b) == 0)
        #expect(a.st_ino == b.st_ino)
        let config = try String(contentsOf: directory.appendingPathComponent("805ec0112233.cfg"), encoding: .utf8)
        #expect(config.contains("wallpaper_upload.url = https://provisioning.phonedesk.example/\(directory.lastPathComponent)/\(file)"))
        // No background any more: the link goes.
        edit = PhoneEdit(try #require(edited.data.phone(id: phone.id)))
        edit.background = nil
        _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision + 1, edit)).get()
        #expect(!Self.exists(served.path))
    }

    /// An account of phonedesk 0.2 (schema 1: no secrets, files under `<token>/`, images under
    /// `<token>/backgrounds/`): the next start gives every phone a secret, keeps the old URL open
    /// with files that only move each phone, and `legacy-url off` closes it.
    @Test func anOldAccountMigratesAndItsOldURLMovesThePhones() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let data = try store.load().data
        let token = data.account.token
        // Make it look as 0.2 left it.
        var document = try #require(try store.phones.read()).document
        document.phones = PhoneList(document.phones.map { var p = $0; p.secret = nil; return p })
        try store.phones.write(document)
        try store.phones.write(document)  // written by this program: schema 2; make it 1 as 0.2 wrote it
        let phonesURL = temp.file("phones.json")
        try (try String(contentsOf: phonesURL, encoding: .utf8)).replacingOccurrences(of: "\"schemaVersion\" : 2", with: "\"schemaVersion\" : 1")
            .write(to: phonesURL, atomically: false, encoding: .utf8)
        let root = try store.servedDirectory().path
        for name in try FileManager.default.contentsOfDirectory(atPath: root) where Secrets.isPhoneSecret(name) {
            try FileManager.default.removeItem(atPath: root + "/" + name)
        }
        let legacy = root + "/" + token
        try FileManager.default.createDirectory(atPath: legacy + "/backgrounds", withIntermediateDirectories: true)
        try Data("account.1.password = old-secret\n".utf8).write(to: URL(fileURLWithPath: legacy + "/805ec0112233.cfg"))
        try Data("operator's own".utf8).write(to: URL(fileURLWithPath: legacy + "/y000000000028.cfg"))
        try Data(SampleImages.png(width: 480, height: 272)).write(to: URL(fileURLWithPath: legacy + "/backgrounds/logo-1.png"))
        var backgrounds = BackgroundsDocument()
        backgrounds.backgrounds = [BackgroundImage(name: "Logo", file: "logo-1.png", width: 480, height: 272, bytes: 10)]
        try store.backgrounds.write(backgrounds)
        try? FileManager.default.removeItem(at: temp.file(ProvisioningManifest.fileName))

        let reopened = try Store.open(directory: temp.url)
        _ = try reopened.recoverProvisioning()
        let migrated = try reopened.load().data
        #expect(migrated.phones.allSatisfy { $0.secret.map(Secrets.isPhoneSecret) == true })
        #expect(migrated.account.legacyURL == true)
        #expect(try String(contentsOf: phonesURL, encoding: .utf8).contains("\"schemaVersion\" : 2"))
        // The old URL's file: only the way to the phone's own URL — no SIP password, no PIN.
        let yealink = try #require(migrated.phones.first { $0.mac?.hex == "805ec0112233" })
        let bridge = try String(contentsOfFile: legacy + "/805ec0112233.cfg", encoding: .utf8)
        #expect(bridge.contains("static.auto_provision.server.url = https://provisioning.phonedesk.example/\(yealink.secret!)/"))
        #expect(!bridge.contains("password"))
        #expect(Self.exists(root + "/" + yealink.secret! + "/805ec0112233.cfg"))
        // The image moved to .images; the operator's file stayed.
        #expect(Self.exists(root + "/.images/logo-1.png") && !Self.exists(legacy + "/backgrounds"))
        #expect(Self.exists(legacy + "/y000000000028.cfg"))
        #expect(try reopened.checkProvisioning().isCurrent)
        // A phone added since was never given the old URL: no file there tells its URL.
        _ = try reopened.apply(.add(NewPhone(name: "New", modelID: "yealink-t31p", mac: MACAddress(hex: "805ec0777777")))).get()
        #expect(!Self.exists(legacy + "/805ec0777777.cfg"))

        // Closed: the bridge files go, the operator's file stays (and so does the directory).
        let closed = try reopened.apply(.setLegacyURL(false)).get()
        #expect(closed.warning == nil && closed.data.account.legacyURL == false)
        #expect(!Self.exists(legacy + "/805ec0112233.cfg") && !Self.exists(legacy + "/cfg000b82aabbcc.xml"))
        #expect(Self.exists(legacy + "/y000000000028.cfg"))
        // Not reopened by a later start.
        _ = try Store.open(directory: temp.url).recoverProvisioning()
        #expect(try reopened.load().data.account.legacyURL == false)
        #expect(!Self.exists(legacy + "/805ec0112233.cfg"))
    }

    /// A hand-edited phones.json with a secret of the wrong shape, or two phones sharing one, is
    /// refused (it names a directory), naming the phone.
    @Test func aBadOrSharedSecretIsRefused() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let phones = try store.load().data.phones
        let url = temp.file("phones.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        for (bad, reason) in [("../../../../etc", "32 digits"), (try #require(phones[0].secret), "also phones[0]")] {
            try text.replacingOccurrences(of: try #require(phones[1].secret), with: bad).write(to: url, atomically: false, encoding: .utf8)
            #expect { try Store(directory: temp.url).load() } throws: { error in
                "\(error)".contains("phones[1]") && "\(error)".contains(reason)
            }
        }
    }
}
