import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `phones edit ID… | --filter EXPR`: one save for every phone named, all or nothing.
struct BulkEditCommandTests {
    /// The demo account, two more T46U phones ("Biuro 1", "Biuro 2") and a T46U template.
    func account() throws -> Account {
        let account = Account()
        for k in 1...2 {
            #expect(account.run("phones", "add", "--model", "Yealink T46U", "--mac", "80:5e:c0:00:00:0\(k)", "--name", "Biuro \(k)").status == 0)
        }
        let store = try Store.open(directory: account.url)
        _ = try store.apply(.addTemplate(name: "T46", modelID: "yealink-t46u")).get()
        _ = try store.apply(.setTemplateBody(name: "T46", body: "local_time.time_zone = +1\n")).get()
        return account
    }

    func phones(_ account: Account) throws -> PhoneList { try Store.open(directory: account.url).load().data.phones }

    @Test func severalIDsTakeTheTemplateInOneSave() throws {
        let account = try account()
        let result = account.run("phones", "edit", "3", "80:5e:c0:00:00:02", "--template", "T46")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "Saved 2 phones.\n")
        #expect(try phones(account).filter { $0.template == "T46" }.map(\.name) == ["Biuro 1", "Biuro 2"])
        #expect(try String(contentsOf: account.phoneFile("805ec0000001", "805ec0000001.cfg"), encoding: .utf8).contains("local_time.time_zone = +1"))
    }

    @Test func theFilterIsThePanelsFilter() throws {
        let account = try account()
        let result = account.run("phones", "edit", "--filter", "biuro", "--template", "T46")
        #expect(result.status == 0, "\(result.err)")
        #expect(try phones(account).filter { $0.template == "T46" }.count == 2)
        // Any MAC notation, as in the panel.
        #expect(account.run("phones", "edit", "--filter", "805E.C000.0001", "--no-template").out == "Saved 1 phone.\n")
        #expect(account.run("phones", "edit", "--filter", "nothing-like-this", "--no-template").err == "phonedesk: no phone matches \"nothing-like-this\"\n")
    }

    @Test func aPhoneThatCannotTakeItIsNamedAndNothingIsSaved() throws {
        let account = try account()
        let before = try Data(contentsOf: account.url.appendingPathComponent("phones.json"))
        // "a" matches Magazyn (a Grandstream) too.
        let result = account.run("phones", "edit", "--filter", "a", "--template", "T46")
        #expect(result.status == 1)
        #expect(result.err.contains("\"Magazyn\": Template \"T46\" is for another model.\n"))
        #expect(result.err.hasSuffix("1 phone refused; nothing was saved\n"))
        #expect(try Data(contentsOf: account.url.appendingPathComponent("phones.json")) == before)
    }

    @Test func idsAndFilterTogetherOrNeitherIsAUsageError() throws {
        let account = try account()
        #expect(account.run("phones", "edit", "1", "--filter", "x", "--no-blf").status == 2)
        #expect(account.run("phones", "edit", "--no-blf").status == 2)
        #expect(account.run("phones", "edit", "1", "99", "--no-blf").err == "phonedesk: no phone with id or MAC 99\n")
    }
}
