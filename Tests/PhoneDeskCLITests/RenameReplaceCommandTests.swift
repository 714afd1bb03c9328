import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `phones edit ID --name NAME --mac MAC …`: rename a phone and replace its hardware; `none` clears.
struct RenameReplaceCommandTests {
    func phone(_ account: Account, id: Int) throws -> Phone {
        try #require(try Store.open(directory: account.url).load().data.phone(id: id))
    }

    func phonesJSON(_ account: Account) throws -> Data { try Data(contentsOf: account.url.appendingPathComponent("phones.json")) }

    @Test func renameAndReplaceKeepTheIdUserAndURL() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let before = try phone(account, id: 1)
        let directory = try account.phoneDirectory("805ec0112233")
        let result = account.run("phones", "edit", "1", "--name", " Recepcja główna ", "--mac", "80-5E-C0-44-55-66")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "Replaced the hardware of \"Recepcja główna\": 80:5e:c0:11:22:33 → 80:5e:c0:44:55:66; "
                + "its URL is unchanged and the old MAC's files were removed.\n")
        let after = try phone(account, id: 1)
        #expect(after.name == "Recepcja główna" && after.mac == MACAddress(hex: "805ec0445566"))
        #expect(after.secret == before.secret && after.userExtension == before.userExtension && after.blfExtension == before.blfExtension)
        #expect(!FileManager.default.fileExists(atPath: directory + "/805ec0112233.cfg"))
        #expect(FileManager.default.fileExists(atPath: directory + "/805ec0445566.cfg"))
        // A rename alone says "Saved" with the new name; by MAC in any notation.
        #expect(account.run("phones", "edit", "805e.c044.5566", "--name", "Recepcja").out == "Saved \"Recepcja\".\n")
    }

    @Test func noneClearsAField() throws {
        let account = Account()
        let result = account.run("phones", "edit", "1", "--user", "none", "--blf", "none")
        #expect(result.status == 0, "\(result.err)")
        let after = try phone(account, id: 1)
        #expect(after.userExtension == nil && after.blfExtension == nil)
        // For several phones too.
        #expect(account.run("phones", "edit", "1", "2", "--user", "none").out == "Saved 2 phones.\n")
        #expect(try phone(account, id: 2).userExtension == nil)
    }

    /// Each bad value: a message naming the field, exit 1, phones.json untouched.
    @Test(arguments: [
        (["--mac", "80:5e:c0:11"], "phonedesk: mac: A MAC has 6 groups separated by ':'; this one has 4.\n"),
        (["--mac", "00:0b:82:aa:bb:cc"], "phonedesk: mac: 00:0b:82:aa:bb:cc is already on the account: phone \"Magazyn\".\n"),
        (["--name", "magazyn"], "phonedesk: name: Name \"magazyn\" is already used; choose another.\n"),
        (["--name", "  "], nil),
    ])
    func badNamesAndMACsAreRefusedAndNothingChanges(options: [String], message: String?) throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let before = try phonesJSON(account)
        var console = Console()
        let status = CLI.run(["phones", "edit", "1"] + options + ["--data", account.url.path], environment: ["HOME": "/nonexistent"], console: &console)
        #expect(status == 1)
        if let message { #expect(console.err == message) } else { #expect(console.err.hasPrefix("phonedesk: name: Name ")) }
        #expect(try phonesJSON(account) == before)
    }

    /// A MAC of another brand's range is a warning, not a refusal (as `phones add`).
    @Test func anotherVendorsMACIsAWarning() throws {
        let account = Account()
        let result = account.run("phones", "edit", "1", "--mac", "00:0b:82:12:34:56")
        #expect(result.status == 0)
        #expect(result.err.contains("warning: This MAC's vendor prefix belongs to Grandstream, not Yealink."))
    }

    /// --name and --mac are one phone's: several IDs or --filter is a usage error (exit 2).
    @Test func nameAndMACTakeExactlyOnePhone() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)
        let before = try phonesJSON(account)
        let several = account.run("phones", "edit", "1", "2", "--name", "X")
        #expect(several.status == 2)
        #expect(several.err.hasPrefix("phonedesk: phones edit --name edits one phone: give exactly one ID or MAC, not several or --filter\n"))
        let filtered = account.run("phones", "edit", "--filter", "recepcja", "--name", "X", "--mac", "805ec0445566")
        #expect(filtered.status == 2)
        #expect(filtered.err.hasPrefix("phonedesk: phones edit --name and --mac edits one phone"))
        #expect(try phonesJSON(account) == before)
    }
}

/// `settings set shop-name-pattern`: the names of phones bought from then on.
struct ShopNamePatternCommandTests {
    @Test func setUseAndResetThePattern() throws {
        let account = Account()
        let set = account.run("settings", "set", "shop-name-pattern", "Stock {model}-{n}")
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out == "Saved shop name pattern \"Stock {model}-{n}\": phones bought from now on are named by it (e.g. \"Stock T46U-1\").\n")
        let order = account.run("orders", "place", "--sku", "YEA-T46U", "--quantity", "2")
        #expect(order.status == 0, "\(order.err)")
        let names = try Store.open(directory: account.url).load().data.phones.filter { $0.mac == nil }.map(\.name)
        #expect(names == ["Stock T46U-1", "Stock T46U-2"])
        #expect(account.run("settings", "show").out.contains("Shop phone names   Stock {model}-{n}\n"))
        let reset = account.run("settings", "set", "shop-name-pattern", "default")
        #expect(reset.out == "Saved shop name pattern \"{brand} {model} #{n}\": phones bought from now on are named by it (e.g. \"Yealink T46U #1\").\n")
        #expect(try Store.open(directory: account.url).load().data.account.shopNamePattern == nil)
    }

    @Test func aBadPatternIsRefusedAndNothingChanges() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        let before = try Data(contentsOf: account.url.appendingPathComponent("account.json"))
        let missing = account.run("settings", "set", "shop-name-pattern", "{brand} {model}")
        #expect(missing.status == 1)
        #expect(missing.err == "phonedesk: shop-name-pattern: Put {n} in the pattern: it numbers the phones so each gets a name of its own (e.g. \"{brand} {model} #{n}\").\n")
        let unknown = account.run("settings", "set", "shop-name-pattern", "{type} {n}")
        #expect(unknown.err == "phonedesk: shop-name-pattern: Unknown placeholder {type}; the placeholders are {brand}, {model} and {n}.\n")
        #expect(try Data(contentsOf: account.url.appendingPathComponent("account.json")) == before)
    }
}
