import Foundation
import Testing
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

/// The served tree outside the data directory: 0640 files and 0750 directories given to a group,
/// while the data files stay 0600 in their 0700 directory (docs/provisioning.md).
struct ProvisioningTreeTests {
    /// The operator's own primary group: tests may not run as root.
    static var ownGroup: String { String(cString: getgrgid(getegid())!.pointee.gr_name) }

    static func info(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    static func mode(_ path: String) -> mode_t { (info(path)?.st_mode ?? 0) & 0o7777 }
    static func gid(_ path: String) -> gid_t? { info(path)?.st_gid }

    /// Every file and directory under `root` (itself included) has these modes and group.
    static func expectTree(_ root: String, file: mode_t, directory: mode_t, gid: gid_t?, sourceLocation: SourceLocation = #_sourceLocation) {
        var paths = [root]
        if let walker = FileManager.default.enumerator(atPath: root) { for case let name as String in walker { paths.append(root + "/" + name) } }
        #expect(paths.count > 2, sourceLocation: sourceLocation)
        for path in paths {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            #expect(mode(path) == (isDirectory.boolValue ? directory : file), "\(path)", sourceLocation: sourceLocation)
            if let gid { #expect(Self.gid(path) == gid, "\(path)", sourceLocation: sourceLocation) }
        }
    }

    static func expectPrivateData(_ data: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(mode(data.path) == 0o700, sourceLocation: sourceLocation)
        for name in ["account.json", "users.json", "phones.json", "provisioning.manifest"] {
            #expect(mode(data.appendingPathComponent(name).path) == 0o600, "\(name)", sourceLocation: sourceLocation)
        }
    }

    @Test func outsideTreeIsGivenToTheGroup() throws {
        let temp = TempDirectory()
        let data = temp.file("data")
        let served = temp.file("srv/provisioning")
        let store = try Store.open(directory: data)
        let group = Self.ownGroup
        #expect(try store.apply(.setProvisioningGroup(group)).get().warning == nil)
        let outcome = try store.apply(.setProvisioningDirectory(served.path)).get()
        #expect(outcome.warning == nil)
        #expect(outcome.note?.contains("was left as it was") == true)
        #expect(try store.servedDirectory().path == served.path)
        let root = try store.phoneDirectory(ofMAC: "805ec0112233")
        #expect(root.path.hasPrefix(served.path + "/"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("805ec0112233.cfg").path))
        let secret = root.lastPathComponent
        // Created directories, the missing parent included, are 0750 with the group.
        Self.expectTree(temp.file("srv").path, file: 0o640, directory: 0o750, gid: getegid())
        Self.expectPrivateData(data)
        // The old default tree is left as it was, private.
        #expect(FileManager.default.fileExists(atPath: data.appendingPathComponent("provisioning/\(secret)/805ec0112233.cfg").path))
        #expect(Self.mode(data.appendingPathComponent("provisioning/\(secret)/805ec0112233.cfg").path) == 0o600)

        // A phone added later, and recovery: the same modes; the manifest stays in the data directory.
        let added = try store.apply(.add(NewPhone(name: "S", modelID: "snom-d717", mac: MACAddress(hex: "000413000001")))).get()
        #expect(added.warning == nil)
        #expect(Self.mode(try store.phoneDirectory(of: try #require(added.data.phones.last)).appendingPathComponent("snomD717-000413000001.htm").path) == 0o640)
        unlink(root.appendingPathComponent("805ec0112233.cfg").path)
        #expect(try store.checkProvisioning().outOfDate.count == 1)
        try store.provisionAll()
        #expect(try store.checkProvisioning().isCurrent)
        Self.expectTree(served.path, file: 0o640, directory: 0o750, gid: getegid())
        Self.expectPrivateData(data)
        #expect(!FileManager.default.fileExists(atPath: served.appendingPathComponent("provisioning.manifest").path))
    }

    /// A group that does not exist: the edit is saved, the files are written private, and the
    /// warning says how to fix it; once the group is fixed, `provision` gives every file to it.
    @Test func missingGroupIsAWarningNeverALostEdit() throws {
        let temp = TempDirectory()
        let data = temp.file("data")
        let served = temp.file("srv")
        let store = try Store.open(directory: data)
        _ = try store.apply(.setProvisioningDirectory(served.path)).get()
        let missing = try store.apply(.setProvisioningGroup("phonedesk-no-such-group")).get()
        #expect(missing.data.account.provisioningGroup == "phonedesk-no-such-group")
        let warning = try #require(missing.warning)
        #expect(warning.contains("the group phonedesk-no-such-group does not exist") && warning.contains("groupadd"))
        Self.expectTree(served.path, file: 0o600, directory: 0o700, gid: nil)

        // A phone edit is saved too, with the warning.
        let phone = try #require(missing.data.phone(id: 1))
        var edit = PhoneEdit(phone)
        edit.name = "Renamed"
        let edited = try store.apply(.update(id: 1, baseRevision: phone.revision, edit)).get()
        #expect(edited.warning?.contains("does not exist") == true)
        #expect(try store.load().data.phone(id: 1)?.name == "Renamed")

        _ = try store.apply(.setProvisioningGroup(Self.ownGroup)).get()
        try store.provisionAll()
        Self.expectTree(served.path, file: 0o640, directory: 0o750, gid: getegid())
    }

    /// As root, a real group such as www-data (when the machine has it).
    @Test(.enabled(if: geteuid() == 0 && ServedModes.gid(of: "www-data") != nil))
    func rootGivesTheTreeToWwwData() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.file("data"))
        let outcome = try store.apply(.setProvisioningDirectory(temp.file("www").path)).get()
        #expect(outcome.warning == nil)
        Self.expectTree(temp.file("www").path, file: 0o640, directory: 0o750, gid: ServedModes.gid(of: "www-data"))
        Self.expectPrivateData(temp.file("data"))
    }

    @Test func pathsThatAreRefused() throws {
        let temp = TempDirectory()
        let data = temp.file("data")
        let store = try Store.open(directory: data)
        for path in ["relative/tree", "", "/", "/srv/../etc", "/srv/./x", "/srv/a\u{7}b", data.path, data.path + "/provisioning",
                     data.path + "/", temp.url.path, data.path + "/account.json", "/etc/passwd"] {
            guard case .failure(.invalid(.provisioningDirectory, _)) = try store.apply(.setProvisioningDirectory(path)) else {
                Issue.record("accepted \(path)"); continue
            }
        }
        // Through a symlink to the data directory, too.
        symlink(data.path, temp.file("link").path)
        #expect(ProvisioningTreeRules.directoryProblem(temp.file("link/sub").path, dataDirectory: data) != nil)
        #expect(try store.load().data.account.provisioningDirectory == nil)
        for group in ["", "9lives", "a b", "x/y", String(repeating: "g", count: 33)] {
            #expect(ProvisioningTreeRules.groupProblem(group) != nil, "\(group)")
        }
        #expect(ProvisioningTreeRules.groupProblem("www-data") == nil && ProvisioningTreeRules.groupProblem("_nginx") == nil)
    }

    /// A hand-edited account.json: a relative path is a corrupt file; one inside the data
    /// directory is refused before anything is written.
    @Test func handEditedLocationsAreChecked() throws {
        let temp = TempDirectory()
        let data = temp.file("data")
        let store = try Store.open(directory: data)
        let file = data.appendingPathComponent("account.json")
        let original = try String(contentsOf: file, encoding: .utf8)
        let edited = original.replacingOccurrences(of: "\"name\" :", with: "\"provisioningDirectory\" : \"srv/tree\",\n    \"name\" :")
        try edited.write(to: file, atomically: false, encoding: .utf8)
        #expect(throws: StoreError.self) { try store.load() }
        let inside = original.replacingOccurrences(of: "\"name\" :", with: "\"provisioningDirectory\" : \"\(data.path)/x\",\n    \"name\" :")
        try inside.write(to: file, atomically: false, encoding: .utf8)
        #expect(throws: StoreError.self) { try store.provisionAll() }
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent("x").path))
    }

    /// The default stays as it was: DATA/provisioning, 0600/0700, and an older account.json
    /// (without the fields) loads and writes without them; set fields round-trip.
    @Test func defaultTreeIsUnchangedAndFieldsRoundTrip() throws {
        let temp = TempDirectory()
        let data = temp.file("data")
        let store = try Store.open(directory: data)
        let account = try store.load().data.account
        let tree = try store.provisioningTree(account)
        #expect(tree.directory == data.appendingPathComponent("provisioning").path && tree.group == nil)
        Self.expectTree(data.appendingPathComponent("provisioning").path, file: 0o600, directory: 0o700, gid: nil)
        #expect(Self.mode(data.appendingPathComponent("provisioning").path) == 0o700)
        Self.expectPrivateData(data)
        let text = try String(contentsOf: data.appendingPathComponent("account.json"), encoding: .utf8)
        #expect(!text.contains("provisioningDirectory") && !text.contains("provisioningGroup"))

        _ = try store.apply(.setProvisioningGroup("www-data")).get()
        #expect(try store.load().data.account.provisioningGroup == "www-data")
        _ = try store.apply(.setProvisioningGroup(nil)).get()
        let reloaded = try String(contentsOf: data.appendingPathComponent("account.json"), encoding: .utf8)
        #expect(!reloaded.contains("provisioningGroup"))
        #expect(try store.load().data.account == account)
    }
}
