import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

struct OperatorsCommandTests {
    static let anna = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnNnKlpx+dh9w6DtEzPAXgemp2Ns9elc27fyxLztyRa anna@laptop\n"
    static let bob = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBB8/98J2zl5fzOmzU2ytN7C8BOyj0eDsVpqweO+E6lh6dIUELBkyy00GDkaFd9xHw3AQhiITYI/HXVTj158/I5I= bob\n"

    func run(_ account: Account, _ words: [String], ssh: String? = nil) -> (status: Int32, out: String, err: String) {
        var console = Console()
        var environment = ["HOME": "/nonexistent", "PHONEDESK_EXECUTABLE": "/usr/bin/phonedesk",
                           "PHONEDESK_AUTHORIZED_KEYS": account.url.path + ".authorized_keys"]
        if let ssh { environment["SSH_CONNECTION"] = ssh }
        let status = CLI.run(words + ["--data", account.url.path], environment: environment, console: &console)
        return (status, console.out, console.err)
    }

    @Test func rolesDecideWhatACommandMayDo() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        #expect(run(account, ["operators", "add", "anna", "--role", "view", "--key", account.file("anna.pub", Self.anna)]).status == 0)
        #expect(run(account, ["operators", "add", "bob", "--role", "edit,buy", "--key", account.file("bob.pub", Self.bob)]).status == 0)
        let keys = try String(contentsOfFile: account.url.path + ".authorized_keys", encoding: .utf8)
        #expect(keys.contains("command=\"'/usr/bin/phonedesk' --data '\(account.url.path)' --operator bob\""))
        let phones = try Data(contentsOf: account.url.appendingPathComponent("phones.json"))
        let refused = run(account, ["--operator", "anna", "phones", "remove", "1"])
        #expect(refused.status == 1 && refused.err == "phonedesk: your role is view: editing needs edit\n")
        #expect(try Data(contentsOf: account.url.appendingPathComponent("phones.json")) == phones)
        #expect(run(account, ["--operator", "anna", "phones", "list"]).status == 0)
        #expect(run(account, ["--operator", "anna", "provision", "--check"]).err.contains("your role") == false)
        #expect(run(account, ["--operator", "anna", "provision"]).err.contains("administration needs admin"))
        #expect(run(account, ["--operator", "bob", "settings", "set", "sip-server", "x.example"]).err.contains("your roles are edit, buy: administration needs admin"))
        #expect(run(account, ["--operator", "bob", "operators", "list"]).status == 1)
        let unknown = run(account, ["--operator", "zed", "phones", "list"])
        #expect(unknown.status == 1 && unknown.err.contains("unknown operator \"zed\""))
        #expect(run(account, ["phones", "remove", "1", "--operator", "bob"], ssh: "10.0.0.7 5555 10.0.0.1 22").status == 0)
        let audit = run(account, ["audit", "--operator", "bob", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(audit.out.utf8)) as? [[String: Any]]
        #expect(entries?.count == 1 && entries?.first?["client"] as? String == "10.0.0.7" && entries?.first?["action"] as? String == "phone.delete")
        #expect(run(account, ["audit", "--phone", "1"]).out.contains("phone.delete"))
        #expect(run(account, ["audit", "--since", "2999-01-01"]).out.split(separator: "\n").count == 1)
        #expect(run(account, ["audit", "--since", "yesterday"]).status == 2)
    }

    @Test func badInputIsRefusedWithAMessage() {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let privateKey = run(account, ["operators", "add", "anna", "--role", "view", "--key", account.file("id", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n")])
        #expect(privateKey.status == 1 && privateKey.err.contains("private key"))
        let name = run(account, ["operators", "add", "Anna Nowak", "--role", "view", "--key", account.file("a.pub", Self.anna)])
        #expect(name.status == 1 && name.err.contains("a-z 0-9"))
        let role = run(account, ["operators", "add", "anna", "--role", "owner", "--key", account.file("a.pub", Self.anna)])
        #expect(role.status == 1 && role.err.contains("unknown role \"owner\""))
        #expect(run(account, ["operators", "add", "anna", "--role", "view", "--key", account.file("a.pub", Self.anna)]).status == 0)
        let duplicate = run(account, ["operators", "add", "ania", "--role", "view", "--key", account.file("a.pub", Self.anna)])
        #expect(duplicate.status == 1 && duplicate.err.contains("already operator \"anna\"'s"))
        #expect(run(account, ["operators", "list"]).out.contains("anna"))
        #expect(run(account, ["operators", "remove", "zed"]).status == 1)
    }
}
