import Foundation
import Testing
@testable import PhoneDeskCore

/// What the attacker found in the per-phone tree (issue 11): a symlink planted under a name
/// phonedesk removes or rebuilds was followed, and a directory outside the tree emptied.
struct ServedTreeAttackTests {
    let temp = TempDirectory()

    func store() throws -> Store { try Store.open(directory: temp.file("data")) }

    /// A directory outside the tree with files that must survive.
    func victim() throws -> URL {
        let victim = temp.file("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        for name in ["passwd.bak", "805ec0112233.cfg"] { try Data("keep \(name)".utf8).write(to: victim.appendingPathComponent(name)) }
        return victim
    }

    func expectIntact(_ victim: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in ["passwd.bak", "805ec0112233.cfg"] {
            #expect((try? Data(contentsOf: victim.appendingPathComponent(name))) == Data("keep \(name)".utf8), "\(name)", sourceLocation: sourceLocation)
        }
    }

    @Test func aLeftoverNamedSymlinkIsUnlinkedNotFollowed() throws {
        let store = try store()
        let victim = try victim()
        let root = try store.servedDirectory()
        for name in [".gone-whatever", ".new-\(Secrets.phoneSecret())"] {
            #expect(symlink(victim.path, root.appendingPathComponent(name).path) == 0)
        }
        try store.provisionAll()
        try expectIntact(victim)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.hasPrefix(".gone-") && !$0.hasPrefix(".new-") })
    }

    @Test func aPhoneDirectoryReplacedByASymlinkIsNeverFollowed() throws {
        let store = try store()
        let victim = try victim()
        let phone = try #require(try store.load().data.phones.first { $0.mac?.hex == "805ec0112233" })
        let directory = try store.phoneDirectory(of: phone)
        try FileManager.default.removeItem(at: directory)
        #expect(symlink(victim.path, directory.path) == 0)
        // --check does not take the link's target for the phone's directory.
        #expect(try store.checkProvisioning().outOfDate == [phone.id])
        // A PIN change rewrites every phone: this one gets a real directory again, the others theirs.
        _ = try store.apply(.setAccountSettings(pin: "8042", sipServer: nil, provisioningBaseURL: nil)).get()
        try expectIntact(victim)
        #expect(ServedDirectories.isDirectory(directory.path))
        #expect(try store.checkProvisioning().isCurrent)
        // Rotating and deleting it with a link there again: the link goes, the target stays.
        try FileManager.default.removeItem(at: directory)
        #expect(symlink(victim.path, directory.path) == 0)
        let rotated = try store.apply(.rotateSecret(id: phone.id, baseRevision: phone.revision + 0)).get()
        try expectIntact(victim)
        #expect(!ServedDirectories.exists(directory.path))
        let now = try #require(rotated.data.phone(id: phone.id))
        let second = try store.phoneDirectory(of: now)
        try FileManager.default.removeItem(at: second)
        #expect(symlink(victim.path, second.path) == 0)
        _ = try store.apply(.delete(id: phone.id, baseRevision: now.revision)).get()
        try expectIntact(victim)
        #expect(!ServedDirectories.exists(second.path))
    }

    /// Two phones' secrets swapped (a hand edit, an old phones.json restored after rotations):
    /// each phone's files end up in its own directory; neither directory is lost.
    @Test func swappedSecretsKeepBothDirectories() throws {
        let store = try store()
        let url = temp.file("data/phones.json")
        let phones = try store.load().data.phones
        let (a, b) = (try #require(phones[0].secret), try #require(phones[1].secret))
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: a, with: "SWAP").replacingOccurrences(of: b, with: a).replacingOccurrences(of: "SWAP", with: b)
            .write(to: url, atomically: false, encoding: .utf8)
        _ = try store.recoverProvisioning()
        let data = try store.load().data
        for phone in data.phones where phone.mac != nil {
            let names = try FileManager.default.contentsOfDirectory(atPath: try store.phoneDirectory(of: phone).path)
            #expect(Set(names) == Set(ProvisioningRenderer.fileNames(for: phone)), "\(phone.name)")
        }
        #expect(try store.checkProvisioning().isCurrent)
    }

    /// A phone's file hard-linked to a file outside with the same bytes: replaced, and the outside
    /// file keeps its mode (it was chmodded through the link).
    @Test func aHardLinkedFileIsReplacedNotChmodded() throws {
        let store = try store()
        let file = try store.phoneDirectory(ofMAC: "805ec0112233").appendingPathComponent("805ec0112233.cfg")
        let outside = temp.file("outside.cfg")
        try FileManager.default.copyItem(at: file, to: outside)
        chmod(outside.path, 0o400)
        try FileManager.default.removeItem(at: file)
        #expect(link(outside.path, file.path) == 0)
        try store.provisionAll()
        var info = stat()
        #expect(stat(outside.path, &info) == 0 && info.st_mode & 0o777 == 0o400 && info.st_nlink == 1)
    }

    @Test func theOldURLCannotBeOpenedOnAnAccountThatNeverHadOne() throws {
        let store = try store()
        guard case .failure(.invalid(.legacyURL, let message)) = try store.apply(.setLegacyURL(true)) else {
            Issue.record("opened"); return
        }
        #expect(message.contains("never had an account-wide URL"))
        #expect(!ServedDirectories.exists(try store.servedDirectory().appendingPathComponent(try store.load().data.account.token).path))
    }
}
