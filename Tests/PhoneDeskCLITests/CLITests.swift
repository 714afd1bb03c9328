import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

final class Account {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-cli-\(UUID().uuidString)")
    deinit { try? FileManager.default.removeItem(at: url) }

    func run(_ words: String...) -> (status: Int32, out: String, err: String) {
        var console = Console()
        let status = CLI.run(words + ["--data", url.path], environment: ["HOME": "/nonexistent"], console: &console)
        return (status, console.out, console.err)
    }

    /// `<tree>/<secret>/` of the phone with this MAC (hex), read from the account as it is now.
    func phoneDirectory(_ hex: String, tree: String? = nil) throws -> String {
        let store = try Store.open(directory: url)
        let phone = try #require(try store.load().data.phones.first { $0.mac?.hex == hex })
        return (tree ?? url.appendingPathComponent("provisioning").path) + "/" + (try #require(phone.secret))
    }

    /// A generated file of the phone with this MAC.
    func phoneFile(_ hex: String, _ name: String, tree: String? = nil) throws -> URL {
        URL(fileURLWithPath: try phoneDirectory(hex, tree: tree) + "/" + name)
    }

    func file(_ name: String, _ text: String) -> String {
        let path = url.deletingLastPathComponent().appendingPathComponent("\(UUID().uuidString)-\(name)").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}

struct CLITests {
    @Test func addListEditRemove() throws {
        let account = Account()
        let added = account.run("phones", "add", "--model", "Yealink T46U", "--mac", "00-1A-4D-5C-25-8D", "--name", "Biuro Łódź")
        #expect(added.status == 0)
        #expect(added.out.hasPrefix("https://provisioning.phonedesk.example/") && added.out.hasSuffix("/\n"))
        #expect(account.run("phones", "edit", "001a.4d5c.258d", "--user", "102", "--blf", "101").status == 0)
        let json = account.run("phones", "list", "--json")
        let phones = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]]
        let biuro = try #require(phones?.first { $0["name"] as? String == "Biuro Łódź" })
        #expect(biuro["mac"] as? String == "00:1a:4d:5c:25:8d" && biuro["user"] as? String == "102" && biuro["blf"] as? String == "101")
        #expect(account.run("phones", "edit", "3", "--no-blf").status == 0)
        #expect(account.run("phones", "remove", "00:1a:4d:5c:25:8d").status == 0)
        #expect(!account.run("phones", "list").out.contains("Biuro"))
    }

    /// The table prints an order's date, payment and status as orders.json stores them.
    @Test func ordersListPrintsTheStoredTexts() throws {
        let account = Account()
        #expect(account.run("orders", "list").status == 0)
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../PhoneDeskCoreTests/Goldens/orders-cards.json")
        let text = try String(contentsOf: golden, encoding: .utf8).replacingOccurrences(of: "\"Paid\"", with: "\"Shipped\"")
        try Data(text.utf8).write(to: account.url.appendingPathComponent("orders.json"))
        #expect(account.run("orders", "list").out == """
            NUMBER         DATE                  TOTAL          PAYMENT                STATUS
            PD-2026-0001   2026-11-18T11:06:40Z  EUR 481.95     Visa •••• 4242         Shipped
            PD-2026-0002   2026-11-18T12:07:41Z  EUR 115.62     Visa •••• 4242         Shipped

            """)
        let json = account.run("orders", "list", "--json").out
        #expect(json.contains("\"date\" : \"2026-11-18T11:06:40Z\"") && json.contains("\"payment\" : \"Visa •••• 4242\"")
                    && json.contains("\"status\" : \"Shipped\""), "\(json)")
    }

    @Test func refusalsAreFailuresWithMessagesOnStderr() {
        let account = Account()
        let bad = account.run("phones", "add", "--model", "t46u", "--mac", "00:1a:4d:5c:25", "--name", "X")
        #expect(bad.status == 1)
        #expect(bad.out.isEmpty)
        #expect(bad.err.contains("mac: A MAC has 6 groups"))
        let duplicate = account.run("phones", "add", "--model", "t46u", "--mac", "80:5e:c0:11:22:33", "--name", "X")
        #expect(duplicate.err.contains("phone \"Recepcja\""))
        #expect(account.run("phones", "edit", "99", "--user", "101").status == 1)
        #expect(account.run("phones", "edit", "1", "--blf", "101").err.contains("own user"))
    }

    /// The tester's repro: a hand-edited template 3,000 elements deep made every command end
    /// with SIGSEGV (start-up recovery re-renders it). Now the phone's file leaves it out.
    @Test func deeplyNestedHandEditedTemplateIsLeftOutNotACrash() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let body = "<config>" + String(repeating: "<a>", count: 3000) + "x" + String(repeating: "</a>", count: 3000) + "</config>"
        let templates = ["schemaVersion": 1, "revision": 1,
                         "templates": [["name": "deep", "model": "grandstream-gxp2170", "body": body]]] as [String: Any]
        try JSONSerialization.data(withJSONObject: templates).write(to: account.url.appendingPathComponent("templates.json"))
        #expect(account.run("phones", "edit", "2", "--template", "deep").status == 0)
        #expect(account.run("phones", "list").status == 0)
        let file = try account.phoneFile("000b82aabbcc", "cfg000b82aabbcc.xml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains("<P35>104</P35>") && !text.contains("<a>"))
    }

    @Test func usageErrorsExitTwo() {
        let account = Account()
        #expect(account.run("phones", "add", "--model", "t46u").status == 2)
        #expect(account.run("phones", "frobnicate").status == 2)
        #expect(account.run("phones", "list", "--yaml").status == 2)
        #expect(account.run("phones", "list", "--help").status == 0)
        var console = Console()
        #expect(CLI.run(["nope"], environment: [:], console: &console) == 2)
    }

    @Test func importIsAllOrNothingWithLineNumbers() {
        let account = Account()
        var rows = ["model,mac,name,user"]
        for i in 0..<300 { rows.append("Snom D717,02:00:00:00:\(String(format: "%02x:%02x", i >> 8, i & 255)),Desk \(i),") }
        rows[51] = "Snom D717,02:00:00:00:00:zz,Desk 50,"
        rows[201] = "Snom D717,02:00:00:00:00:c8,\"Desk, \"\"200\"\"\",999"
        let bad = account.run("phones", "import", account.file("bad.csv", rows.joined(separator: "\n")))
        #expect(bad.status == 1)
        #expect(bad.err.contains("line 52: MAC: 'z' is not a hex digit"))
        #expect(bad.err.contains("line 202: user 999 is not on the account"))
        #expect(bad.err.contains("2 bad rows; nothing was imported"))
        #expect(account.run("phones", "list", "--csv").out.split(separator: "\n").count == 3)
        rows[51] = "Snom D717,02:00:00:00:00:32,Desk 50,"
        rows[201] = "Snom D717,02:00:00:00:00:c8,\"Desk, \"\"200\"\"\",101"
        let good = account.run("phones", "import", account.file("good.csv", rows.joined(separator: "\r\n") + "\r\n"))
        #expect(good.status == 0 && good.out == "Imported 300 phones.\n")
        #expect(account.run("phones", "export").out.contains("Snom D717,02:00:00:00:00:c8,\"Desk, \"\"200\"\"\",101"))
    }

    @Test func importRefusesDuplicatesInsideTheFile() {
        let account = Account()
        let text = "model,mac,name,user\nt46u,02:00:00:00:00:01,A,\nt46u,02-00-00-00-00-01,B,\nt46u,02:00:00:00:00:03,a,\n"
        let result = account.run("phones", "import", account.file("dup.csv", text))
        #expect(result.err.contains("line 3: MAC 02:00:00:00:00:01 is already used by line 2"))
        #expect(result.err.contains("line 4: name \"a\" is already used by line 2"))
    }

    @Test func usersImportAndModels() {
        let account = Account()
        let result = account.run("users", "import", account.file("u.csv", "extension,name,email\n107,Ewa Dąbrowska,ewa@example.com\n101,Dup,\nx,Bad,no-at\n"))
        #expect(result.status == 1)
        #expect(result.err.contains("line 3: extension 101 is already user 101 Anna Nowak"))
        #expect(result.err.contains("line 4: the extension must be 1-10 digits; \"no-at\" is not an e-mail address"))
        #expect(account.run("users", "import", account.file("u2.csv", "extension,name,email\n107,Ewa Dąbrowska,ewa@example.com\n")).status == 0)
        #expect(account.run("users", "list").out.contains("107      Ewa Dąbrowska"))
        var console = Console()
        #expect(CLI.run(["models"], environment: [:], console: &console) == 0)
        #expect(console.out.contains("yealink-t46u") && console.out.contains("Yealink T46U"))
    }

    @Test func initAndProvision() {
        let account = Account()
        var console = Console()
        #expect(CLI.run(["init", "--empty", account.url.path], environment: [:], console: &console) == 0)
        #expect(account.run("phones", "list", "--csv").out == "id,name,model,mac,user,blf,background,template,status\n")
        #expect(CLI.run(["init", account.url.path], environment: [:], console: &console) == 1)
        #expect(account.run("provision").status == 0)
    }

    @Test func csvParsesQuotesAndLineNumbers() {
        let rows = try? CSV.parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n").get()
        #expect(rows?.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["multi\nline", "z"]])
        #expect(rows?.map(\.line) == [1, 2, 3])
        #expect(CSV.parse("a,\"open\n") == .failure(CSV.Failure(line: 1, message: "a quoted field is never closed")))
    }
}
