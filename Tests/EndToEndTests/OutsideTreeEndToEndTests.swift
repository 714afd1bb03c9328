import Foundation
import PhoneDeskProcess
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The tree outside the data directory, served by nginx workers running as their own user
/// (www-data, else nobody): a phone's file is served, the data directory is not readable by
/// that user (docs/provisioning.md "Where the tree lives"). Needs root (nginx's `user` and
/// giving files to another group); skipped with a note otherwise.
@Suite(.serialized, .enabled(if: outsideTreeEnabled))
struct OutsideTreeEndToEndTests {
    @Test func servedAsItsOwnUserWhichCannotReadTheData() throws {
        let workers = try #require(outsideTreeWorkers)
        // Under /tmp (1777): the test's own temp directories are 0700 (umask 077), which no
        // other user could pass; phonedesk creates the missing parent 0750 with the group.
        let base = URL(fileURLWithPath: "/tmp/phonedesk-e2e-outside-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let data = base.appendingPathComponent("data")
        let tree = base.appendingPathComponent("srv/provisioning")
        let created = ChildProcess([Tmux.binary, "init", "--provisioning-dir", tree.path, data.path]).run(timeout: 30)
        #expect(created.status == 0, "\(created.output)")
        if workers.group != "www-data" {
            let group = ChildProcess([Tmux.binary, "settings", "set", "group", workers.group, "--data", data.path]).run(timeout: 30)
            #expect(group.status == 0, "\(group.output)")
        }
        // /tmp/phonedesk-e2e-outside-… is the test's (0700 under umask 077): let others through.
        chmod(base.path, 0o711)

        guard let nginx = Nginx(serving: tree, user: workers.user) else { Issue.record("nginx did not start"); return }
        let secret = try #require(try ProvisioningEndToEndTests.secrets(data)["805ec0112233"])
        let other = try #require(try ProvisioningEndToEndTests.secrets(data)["000b82aabbcc"])
        let config = Curl.get("http://127.0.0.1:\(nginx.port)/\(secret)/805ec0112233.cfg")
        #expect(config.status == 200)
        #expect(String(decoding: config.body, as: UTF8.self).contains("linekey.2.type = 16"))
        #expect(Curl.get("http://127.0.0.1:\(nginx.port)/\(secret)/cfg000b82aabbcc.xml").status == 404)
        #expect(Curl.get("http://127.0.0.1:\(nginx.port)/\(other)/cfg000b82aabbcc.xml",
                         userAgent: "Grandstream Model HW GXP2170 SW 1.0.11.23 DevId 000b82aabbcc").status == 200)
        #expect(Curl.get("http://127.0.0.1:\(nginx.port)/\(secret)/").status == 404)

        // The workers' user reads the tree, and nothing of the data directory.
        let token = try #require(try String(contentsOf: data.appendingPathComponent("account.json"), encoding: .utf8)
            .split(separator: "\"").drop { $0 != "token" }.dropFirst(2).first)
        let readTree = ChildProcess(["/usr/sbin/runuser", "-u", workers.user, "--", "cat", tree.path + "/\(secret)/805ec0112233.cfg"]).run(timeout: 10)
        #expect(readTree.status == 0)
        for name in ["account.json", "users.json", "phones.json", "provisioning.manifest"] {
            let read = ChildProcess(["/usr/sbin/runuser", "-u", workers.user, "--", "cat", data.path + "/" + name]).run(timeout: 10)
            #expect(read.status != 0, "\(workers.user) read \(name)")
            #expect(!read.output.contains(token))
        }
        let list = ChildProcess(["/usr/sbin/runuser", "-u", workers.user, "--", "ls", data.path]).run(timeout: 10)
        #expect(list.status != 0)
    }
}

/// The workers' user and its group: www-data, else nobody (with nogroup).
let outsideTreeWorkers: (user: String, group: String)? = {
    for (user, group) in [("www-data", "www-data"), ("nobody", "nogroup")] where getpwnam(user) != nil && getgrnam(group) != nil {
        return (user, group)
    }
    return nil
}()

/// Root (nginx's `user`, another group), runuser and a workers' user; else skipped with a note.
let outsideTreeEnabled: Bool = {
    guard nginxEnabled else { return false }
    guard geteuid() == 0, outsideTreeWorkers != nil, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
        print("note: the outside-tree nginx test needs root, runuser and a www-data or nobody user; skipped")
        return false
    }
    return true
}()
