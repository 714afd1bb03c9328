import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

/// `settings set provisioning-dir|group` and `init --provisioning-dir`.
struct ProvisioningTreeCommandTests {
    static var ownGroup: String { String(cString: getgrgid(getegid())!.pointee.gr_name) }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    static func gid(_ path: String) -> gid_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_gid : gid_t.max
    }

    @Test func setProvisioningDirAndGroup() throws {
        let account = Account()
        let served = account.url.path + "-served"
        defer { try? FileManager.default.removeItem(atPath: served) }
        #expect(account.run("settings", "show").status == 0)
        let group = account.run("settings", "set", "group", Self.ownGroup)
        #expect(group.status == 0, "\(group.err)")
        #expect(group.err.contains("note: The group applies once the tree is outside the data directory"))
        let moved = account.run("settings", "set", "provisioning-dir", served)
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.out.hasPrefix("Saved provisioning directory \(served); provisioning files of 2 phones updated."))
        #expect(moved.err.contains("was left as it was"))
        let directory = try account.phoneDirectory("805ec0112233", tree: served)
        let file = "\(directory)/805ec0112233.cfg"
        #expect(Self.mode(file) == 0o640 && Self.gid(file) == getegid())
        #expect(Self.mode(directory) == 0o750 && Self.mode(served) == 0o750)
        #expect(Self.mode(account.url.appendingPathComponent("account.json").path) == 0o600)
        #expect(Self.mode(account.url.appendingPathComponent("users.json").path) == 0o600)
        #expect(Self.mode(account.url.appendingPathComponent("phones.json").path) == 0o600)
        #expect(Self.mode(account.url.path) == 0o700)
        let shown = try account.settings()
        #expect(shown["provisioningDirectory"] as? String == served && shown["provisioningGroup"] as? String == Self.ownGroup)
        let provision = account.run("provision")
        #expect(provision.status == 0 && provision.out.contains(served), "\(provision.err)")

        // A group that does not exist: saved, with the warning (exit 0, as after `phones edit`).
        let missing = account.run("settings", "set", "group", "phonedesk-no-such-group")
        #expect(missing.status == 0)
        #expect(missing.err.contains("warning: Saved, but provisioning files were not all written") && missing.err.contains("does not exist"))
        #expect(try account.storedAccount().provisioningGroup == "phonedesk-no-such-group")
        #expect(Self.mode(file) == 0o600)

        // Back to the defaults.
        #expect(account.run("settings", "set", "group", "default").status == 0)
        #expect(account.run("settings", "set", "provisioning-dir", "default").status == 0)
        let stored = try account.storedAccount()
        #expect(stored.provisioningDirectory == nil && stored.provisioningGroup == nil)
        #expect(Self.mode(try account.phoneFile("805ec0112233", "805ec0112233.cfg").path) == 0o600)
    }

    @Test func refusedPathsAndGroupsChangeNothing() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        let before = try account.accountFile()
        let cases: [([String], String)] = [
            (["settings", "set", "provisioning-dir", "srv/tree"], "phonedesk: provisioning-dir must be an absolute path"),
            (["settings", "set", "provisioning-dir", account.url.path + "/tree"], "phonedesk: provisioning-dir must be outside the data directory"),
            (["settings", "set", "provisioning-dir", "/"], "phonedesk: provisioning-dir must not be /"),
            (["settings", "set", "provisioning-dir", account.url.deletingLastPathComponent().path],
             "phonedesk: provisioning-dir must not contain the data directory"),
            (["settings", "set", "group", "a b"], "phonedesk: group: \"a b\" is not a group name"),
        ]
        for (words, message) in cases {
            var console = Console()
            let status = CLI.run(words + ["--data", account.url.path], environment: ["HOME": "/nonexistent"], console: &console)
            #expect(status == 1, "\(words)")
            #expect(console.err.hasPrefix(message), "\(console.err)")
        }
        #expect(try account.accountFile() == before)
    }

    @Test func initWithAProvisioningDir() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let data = base.appendingPathComponent("data").path
        let served = base.appendingPathComponent("www/provisioning").path
        var console = Console()
        #expect(CLI.run(["init", "--provisioning-dir", served, data], environment: [:], console: &console) == 0, "\(console.err)")
        let store = Store(directory: URL(fileURLWithPath: data))
        let secret = try #require(try store.load().data.phones.first { $0.mac?.hex == "805ec0112233" }?.secret)
        #expect(console.out.contains("Provisioning files: \(served) "))
        #expect(Self.mode("\(served)/\(secret)/805ec0112233.cfg") == 0o640)
        #expect(!FileManager.default.fileExists(atPath: data + "/provisioning"))
        // Refused: relative, or inside the new directory; nothing is created.
        let other = base.appendingPathComponent("other").path
        for bad in ["www", other + "/tree"] {
            var refused = Console()
            #expect(CLI.run(["init", "--provisioning-dir", bad, other], environment: [:], console: &refused) == 1)
            #expect(refused.err.hasPrefix("phonedesk: provisioning-dir must"), "\(refused.err)")
            #expect(!FileManager.default.fileExists(atPath: other))
        }
    }
}
