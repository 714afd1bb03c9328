import Foundation
import Testing
@testable import PhoneDeskCore

enum TestKeys {
    static let anna = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnNnKlpx+dh9w6DtEzPAXgemp2Ns9elc27fyxLztyRa anna@laptop\n"
    static let bob = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBB8/98J2zl5fzOmzU2ytN7C8BOyj0eDsVpqweO+E6lh6dIUELBkyy00GDkaFd9xHw3AQhiITYI/HXVTj158/I5I= bob\n"
}

struct OperatorRulesTests {
    @Test func names() {
        #expect(OperatorRules.nameProblem("anna.k_2-x") == nil)
        #expect(OperatorRules.nameProblem("")?.contains("empty") == true)
        #expect(OperatorRules.nameProblem("Anna") != nil)
        #expect(OperatorRules.nameProblem("anna nowak") != nil)
        #expect(OperatorRules.nameProblem("-x") != nil)
        #expect(OperatorRules.nameProblem(String(repeating: "a", count: 33))?.contains("32") == true)
        #expect(OperatorRules.nameProblem(String(repeating: "a", count: 32)) == nil)
    }

    @Test func publicKeys() throws {
        let anna = try PublicKey.parse(TestKeys.anna).get()
        #expect(anna.type == "ssh-ed25519" && anna.comment == "anna@laptop")
        #expect((try? PublicKey.parse(TestKeys.bob).get())?.type == "ecdsa-sha2-nistp256")
        func problem(_ text: String) -> String? { if case .failure(let p) = PublicKey.parse(text) { return p.message }; return nil }
        #expect(problem("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE=\n-----END OPENSSH PRIVATE KEY-----\n")?.contains("private key") == true)
        #expect(problem("hello world\n")?.contains("not an OpenSSH public key") == true)
        #expect(problem("ssh-ed25519 not*base64 x\n")?.contains("base64") == true)
        // A valid body under another type's name.
        #expect(problem(TestKeys.anna.replacingOccurrences(of: "ssh-ed25519", with: "ssh-rsa"))?.contains("not a ssh-rsa key") == true)
        #expect(problem("restrict,command=\"sh\" " + TestKeys.anna)?.contains("options") == true)
        #expect(problem(TestKeys.anna + TestKeys.bob)?.contains("2 lines") == true)
        #expect(problem("\n\n")?.contains("no key") == true)
    }

    @Test func rights() {
        #expect(Rights([.view]).refusal(.edit) == "your role is view: editing needs edit")
        #expect(Rights([.edit, .buy]).refusal(.admin) == "your roles are edit, buy: administration needs admin")
        #expect(Rights([.admin]).allows(.edit) && !Rights([.admin]).allows(.buy))
        #expect(Rights.local.allows(.buy) && Rights.local.allows(.admin))
        if case .failure(let problem) = OperatorRole.parseList("view,owner") { #expect(problem.message.contains("owner")) } else { Issue.record("owner accepted") }
    }
}

struct OperatorStoreTests {
    func setUp() throws -> (TempDirectory, Store, AuthorizedKeys) {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url.appendingPathComponent("data"))
        return (temp, store, AuthorizedKeys(path: temp.url.appendingPathComponent("ssh/authorized_keys").path))
    }

    @Test func addWritesTheForcedCommandAndKeepsOtherLines() throws {
        let (temp, store, keys) = try setUp()
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("ssh"), withIntermediateDirectories: true)
        let own = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBWtmnq2cYqnJEkR7+N79M6INSoMiy9T20gZvppts20 root@console"
        try (own + "\n# a comment\n").write(toFile: keys.path, atomically: false, encoding: .utf8)
        let added = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/usr/bin/phonedesk")
        #expect(try added.get().map(\.name) == ["anna"])
        _ = try store.apply(.add(name: "bob", roles: [.edit, .buy], keyText: TestKeys.bob), keys: keys, executable: "/usr/bin/phonedesk")
        let text = try String(contentsOfFile: keys.path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == own && lines[1] == "# a comment")
        #expect(lines[2] == "restrict,pty,command=\"'/usr/bin/phonedesk' --data '\(store.directory.path)' --operator anna\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnNnKlpx+dh9w6DtEzPAXgemp2Ns9elc27fyxLztyRa phonedesk:anna")
        #expect(lines[3].hasSuffix("phonedesk:bob") && lines.count == 4)
        let attributes = try FileManager.default.attributesOfItem(atPath: keys.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        _ = try store.apply(.setRoles(name: "bob", roles: [.admin]), keys: keys, executable: "/usr/bin/phonedesk")
        _ = try store.apply(.remove(name: "anna"), keys: keys, executable: "/usr/bin/phonedesk")
        let after = try String(contentsOfFile: keys.path, encoding: .utf8).split(separator: "\n")
        #expect(after.count == 3 && after[0] == own && after[2].hasSuffix("phonedesk:bob"))
        #expect(try store.operators().map(\.roles) == [[.admin]])
        #expect(temp.mode("data/operators.json") == 0o600)
        let actions = store.audit.read().entries.map(\.action)
        #expect(actions == ["operator.delete", "operator.edit", "operator.add", "operator.add"])
    }

    @Test func duplicateKeyIsRefused() throws {
        let (temp, store, keys) = try setUp()
        defer { withExtendedLifetime(temp) {} }
        _ = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/p")
        let second = try store.apply(.add(name: "anna2", roles: [.edit], keyText: TestKeys.anna.replacingOccurrences(of: "anna@laptop", with: "other")),
                                     keys: keys, executable: "/p")
        #expect(throws: OperatorProblem.self) { try second.get() }
        if case .failure(let problem) = second { #expect(problem.message.contains("already operator \"anna\"'s")) }
        #expect(try store.operators().count == 1)
    }

    @Test func keyThatAlreadyLogsInWithAShellIsRefused() throws {
        let (temp, store, keys) = try setUp()
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("ssh"), withIntermediateDirectories: true)
        try TestKeys.anna.write(toFile: keys.path, atomically: false, encoding: .utf8)
        let result = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/p")
        if case .failure(let problem) = result { #expect(problem.message.contains("line 1")) } else { Issue.record("accepted") }
    }

    @Test func badKeyFileAndUnknownOperator() throws {
        let (temp, store, keys) = try setUp()
        defer { withExtendedLifetime(temp) {} }
        let result = try store.apply(.add(name: "anna", roles: [.view], keyText: "-----BEGIN OPENSSH PRIVATE KEY-----\n"), keys: keys, executable: "/p")
        if case .failure(let problem) = result { #expect(problem.message.contains("private key")) } else { Issue.record("accepted") }
        if case .failure(let problem) = try store.resolveOperator("zed") { #expect(problem.message.contains("unknown operator \"zed\"")) } else { Issue.record("zed") }
        if case .failure(let problem) = try store.apply(.remove(name: "zed"), keys: keys, executable: "/p") {
            #expect(problem.message.contains("unknown operator"))
        } else { Issue.record("removed zed") }
        #expect(!FileManager.default.fileExists(atPath: keys.path))
    }

    /// A CRLF file (edited on Windows): its lines are kept byte for byte, and a key already on
    /// one of them is found. "\r\n" is one Character to Swift: a String split on "\n" once took
    /// the whole file for one line and dropped it, the admin's own login key with it.
    @Test func aCRLFFileKeepsItsLinesByteForByte() throws {
        let (temp, store, keys) = try setUp()
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("ssh"), withIntermediateDirectories: true)
        let own = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBWtmnq2cYqnJEkR7+N79M6INSoMiy9T20gZvppts20"
        let before = Data((own + "\r\n# kept\r\n").utf8)
        try before.write(to: URL(fileURLWithPath: keys.path))
        _ = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/usr/bin/phonedesk").get()
        let added = try Data(contentsOf: URL(fileURLWithPath: keys.path))
        #expect(added.starts(with: before))
        #expect(String(decoding: added, as: UTF8.self).hasSuffix("phonedesk:anna\n"))
        _ = try store.apply(.remove(name: "anna"), keys: keys, executable: "/usr/bin/phonedesk").get()
        #expect(try Data(contentsOf: URL(fileURLWithPath: keys.path)) == before)
        // The admin's key on a CRLF line, with no comment: still found as a shell login.
        #expect(try keys.foreignLine(for: PublicKey.parse(own + "\n").get(), dataDirectory: store.directory.path) == 1)
    }

    /// Only this account's own lines are rewritten: a login whose comment happens to end in
    /// "phonedesk:…" and another account's operator in the same file are kept as they are.
    @Test func linesOfOthersAreKeptEvenWithTheMarker() throws {
        let (temp, store, keys) = try setUp()
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("ssh"), withIntermediateDirectories: true)
        let login = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHBWtmnq2cYqnJEkR7+N79M6INSoMiy9T20gZvppts20 backup phonedesk:ops"
        let otherAccount = "restrict,pty,command=\"'/usr/bin/phonedesk' --data '/srv/other' --operator zed\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOnPy3iTtLdFb3Ap0nPhKkDUyBbkW0Af/n2fBz4eHCpT phonedesk:zed"
        try (login + "\n" + otherAccount + "\n").write(toFile: keys.path, atomically: false, encoding: .utf8)
        _ = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/usr/bin/phonedesk").get()
        _ = try store.apply(.remove(name: "anna"), keys: keys, executable: "/usr/bin/phonedesk").get()
        #expect(try String(contentsOfFile: keys.path, encoding: .utf8) == login + "\n" + otherAccount + "\n")
        #expect(!AuthorizedKeys.isOwned(Substring(otherAccount), dataDirectory: store.directory.path))
        #expect(AuthorizedKeys.isOwned(Substring(otherAccount), dataDirectory: "/srv/other"))
    }

    /// The roles are checked again under the lock at each change: an operator demoted or removed
    /// while their panel is open cannot save on the role they started with.
    @Test func aDemotedOrRemovedOperatorCannotSave() throws {
        let (temp, admin, keys) = try setUp()
        defer { withExtendedLifetime(temp) {} }
        _ = try admin.apply(.add(name: "eddy", roles: [.edit], keyText: TestKeys.anna), keys: keys, executable: "/usr/bin/phonedesk").get()
        let eddy = try Store.open(directory: admin.directory)
        eddy.actor = AuditActor(name: "eddy", client: "192.0.2.7")
        var phone = try eddy.load().data.phones[0]
        var edit = PhoneEdit(phone); edit.name = "Edited by eddy"
        phone = try #require(try eddy.apply(.update(id: phone.id, baseRevision: phone.revision, edit)).get().data.phone(id: phone.id))

        _ = try admin.apply(.setRoles(name: "eddy", roles: [.view]), keys: keys, executable: "/usr/bin/phonedesk").get()
        let before = try Data(contentsOf: admin.directory.appendingPathComponent("phones.json"))
        edit.name = "Edited after the demotion"
        #expect(throws: StoreError.notAllowed("your role is now view: editing needs edit; nothing was saved")) {
            _ = try eddy.apply(.update(id: phone.id, baseRevision: phone.revision, edit))
        }
        #expect(throws: StoreError.self) { _ = try eddy.apply(.saveKeyPreset(KeyPreset(name: "Desk", keys: []))) }
        #expect(try Data(contentsOf: admin.directory.appendingPathComponent("phones.json")) == before)

        _ = try admin.apply(.setRoles(name: "eddy", roles: [.edit]), keys: keys, executable: "/usr/bin/phonedesk").get()
        #expect(throws: StoreError.self) { _ = try eddy.apply(.setAccountSettings(pin: "7351", sipServer: nil, provisioningBaseURL: nil)) }
        _ = try admin.apply(.remove(name: "eddy"), keys: keys, executable: "/usr/bin/phonedesk").get()
        #expect(throws: StoreError.notAllowed("an admin removed operator \"eddy\" from this account; nothing was saved")) {
            _ = try eddy.apply(.update(id: phone.id, baseRevision: phone.revision, edit))
        }
        // Only the one edit made before the demotion is in the log as eddy's.
        #expect(admin.audit.read().entries.filter { $0.who == "eddy" }.map(\.action) == ["phone.edit"])
        // The console's own name cannot be taken by an operator.
        if case .failure(let problem) = try admin.apply(.add(name: "local", roles: [.view], keyText: TestKeys.bob), keys: keys, executable: "/p") {
            #expect(problem.message.contains("account owner at the console"))
        } else { Issue.record("an operator named local was added") }
    }

    /// However --data is spelled (a link, "//", "/./"), an operator's line is the account's:
    /// removed through another spelling, the key stops working.
    @Test func theDataDirectoryIsOneAccountHoweverItIsSpelled() throws {
        let (temp, store, keys) = try setUp()
        let link = temp.url.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store.directory.path)
        let viaLink = try Store.open(directory: URL(fileURLWithPath: link))
        _ = try viaLink.apply(.add(name: "tmpop", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/usr/bin/phonedesk").get()
        let written = try String(contentsOfFile: keys.path, encoding: .utf8)
        #expect(written.contains("--data '\(AuthorizedKeys.canonical(store.directory.path))' --operator tmpop"))
        let dotted = try Store.open(directory: URL(fileURLWithPath: temp.url.path + "/./data/"))
        _ = try dotted.apply(.remove(name: "tmpop"), keys: keys, executable: "/usr/bin/phonedesk").get()
        #expect(try String(contentsOfFile: keys.path, encoding: .utf8).isEmpty)
        // A line written before, with the link's spelling, is still this account's.
        let old = "restrict,pty,command=\"'/usr/bin/phonedesk' --data '\(link)' --operator zed\" ssh-ed25519 AAAA phonedesk:zed"
        #expect(AuthorizedKeys.isOwned(Substring(old), dataDirectory: store.directory.path))
    }

    /// An empty file stays without a blank line; a key set aside in a comment is no login.
    @Test func anEmptyFileAndACommentedKeyAreNoObstacle() throws {
        let (temp, store, keys) = try setUp()
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("ssh"), withIntermediateDirectories: true)
        let key = try PublicKey.parse(TestKeys.anna).get()
        try ("# " + key.line + "\n").write(toFile: keys.path, atomically: false, encoding: .utf8)
        #expect(try keys.foreignLine(for: key, dataDirectory: store.directory.path) == nil)
        try "".write(toFile: keys.path, atomically: false, encoding: .utf8)
        _ = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/usr/bin/phonedesk").get()
        #expect(try String(contentsOfFile: keys.path, encoding: .utf8).hasPrefix("restrict,pty,"))
    }

    @Test func symlinkedAuthorizedKeysIsRefused() throws {
        let (temp, store, keys) = try setUp()
        try FileManager.default.createDirectory(at: temp.url.appendingPathComponent("ssh"), withIntermediateDirectories: true)
        let target = temp.url.appendingPathComponent("elsewhere").path
        try "keep me\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: keys.path, withDestinationPath: target)
        #expect(throws: StoreError.self) {
            _ = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/p")
        }
        do { _ = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/p") } catch {
            #expect(error.description.contains("symbolic link"))
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
        #expect(try store.operators().isEmpty)
        #expect(store.audit.read().entries.isEmpty)
    }
}
