import Foundation
import Testing
@testable import PhoneDeskCore

/// The one text rule (TextRules): what every field refuses, what names refuse, the caps, and
/// that each way in (store, import, settings, shop) applies it.
struct TextRulesTests {
    static let name = Check<String>.name("Name")

    @Test(arguments: [
        ("Biuro Łódź", nil),
        ("O'Brien's desk", nil),
        ("受付", nil),
        ("a\u{1B}]0;pwned\u{7}", "Name contains a control character (U+001B) at position 2; remove it."),
        ("\u{0}x", "Name contains a control character (U+0000) at position 1; remove it."),
        ("x\u{7F}", "Name contains a control character (U+007F) at position 2; remove it."),
        ("ab\u{9B}31m", "Name contains a control character (U+009B) at position 3; remove it."),
        ("abc\u{202E}txt.exe", "Name contains a text-direction control (U+202E) at position 4; remove it."),
        ("\u{2066}x", "Name contains a text-direction control (U+2066) at position 1; remove it."),
        ("x\u{200E}", "Name contains a text-direction control (U+200E) at position 2; remove it."),
        ("x\u{061C}y", "Name contains a text-direction control (U+061C) at position 2; remove it."),
        ("Re\u{AD}cepcja", "Name contains an invisible character (U+00AD) at position 3; remove it."),
        ("a\u{200B}b", "Name contains an invisible character (U+200B) at position 2; remove it."),
        ("ab\u{2060}", "Name contains an invisible character (U+2060) at position 3; remove it."),
        ("\u{FEFF}Desk", "Name contains an invisible character (U+FEFF) at position 1; remove it."),
        ("Desk\u{E0041}", "Name contains an invisible character (U+E0041) at position 4; remove it."),
        ("a\u{2028}b", "Name contains an invisible character (U+2028) at position 2; remove it."),
        ("x\u{FFFF}", "Name contains a noncharacter (U+FFFF) at position 2; remove it."),
        (String(Unicode.Scalar(0xFDD0)!), "Name contains a noncharacter (U+FDD0) at position 1; remove it."),
        ("x\u{1FFFE}", "Name contains a noncharacter (U+1FFFE) at position 2; remove it."),
    ] as [(String, String?)])
    func names(text: String, message: String?) { #expect(Self.name.run(text) == message) }

    @Test func everyFieldRefusesControlsButNotInvisibles() {
        let any = Check<String>.printable("The path")
        #expect(any.run("/tmp/\u{1B}x") == "The path contains a control character (U+001B) at position 6; remove it.")
        #expect(any.run("/tmp/\u{85}x") != nil)
        #expect(any.run("/tmp/a\u{200B}b.png") == nil)
    }

    @Test func namesAreCappedInColumnsWideCharactersCountTwo() {
        #expect(Self.name.run(String(repeating: "ł", count: 64)) == nil)
        #expect(Self.name.run(String(repeating: "ł", count: 65)) == "Name is too long: 65 columns wide, at most 64.")
        #expect(Self.name.run(String(repeating: "受", count: 32)) == nil)
        #expect(Self.name.run(String(repeating: "受", count: 33)) == "Name is too long: 66 columns wide, at most 64.")
        #expect(Self.name.run("  " + String(repeating: "x", count: 64) + "  ") == nil, "surrounding spaces are trimmed before saving")
    }

    /// Columns did not bound bytes: one letter and 2,000,000 combining marks is one column and
    /// 4 MB, and `phones import` took it. Names are capped in code points too (four per column)
    /// and a character at eight (a base and seven marks).
    @Test func namesAreCappedInCodePointsAndMarksPerCharacter() throws {
        let huge = "a" + String(repeating: "\u{301}", count: 2_000_000)
        #expect(Self.name.run(huge) == "Name is too long: 2000001 code points, at most 256.")
        #expect(Self.name.run(String(repeating: "ł", count: 64)) == nil)
        #expect(Self.name.run("Tr\u{1EA7}n " + String(repeating: "e\u{302}\u{301}", count: 40)) == nil, "Vietnamese stacks two marks")
        #expect(Self.name.run("ab" + "e" + String(repeating: "\u{301}", count: 7)) == nil)
        #expect(Self.name.run("ab" + "e" + String(repeating: "\u{301}", count: 8))
                == "Name contains a character with 8 combining marks at position 3; at most 7.")
        #expect(Check<String>.label("Company", columns: 80).run(String(repeating: "\u{301}", count: 321))
                == "Company is too long: 321 code points, at most 320.")
        // The way the tester took: an import.
        let rows = try CSV.parse("model,mac,name\nt46u,02:00:00:00:00:01,\(huge)\n").get()
        guard case .failure(let failure) = BulkImport.phones(rows, existing: AccountData(account: DemoAccount.account(token: "t"), users: [], phones: [])) else {
            Issue.record("accepted"); return
        }
        #expect(failure.problems.map(\.message) == ["Name is too long: 2000001 code points, at most 256."])
    }

    @Test func email() {
        #expect(Check<String>.email.run("") == nil)
        #expect(Check<String>.email.run("ewa@example.com") == nil)
        #expect(Check<String>.email.run("no-at") == "\"no-at\" is not an e-mail address")
        #expect(Check<String>.email.run("a@b.c\u{1B}]52;c;aGk=\u{7}") == "E-mail contains a control character (U+001B) at position 6; remove it.")
        #expect(Check<String>.email.run("e\u{202E}@x.com")?.contains("U+202E") == true)
        #expect(Check<String>.email.run(String(repeating: "a", count: 250) + "@x.com") == "E-mail is too long (at most 254 characters).")
    }

    @Test func templateBodiesTakeNewlinesAndTabsOnly() {
        #expect(TextRules.templateProblems("a = 1\n\tb = 2\n").isEmpty)
        #expect(TextRules.templateProblems("a = 1\nb = \u{1B}[2J\n") == [
            TemplateProblem(line: 2, message: "The line contains a control character (U+001B) at position 5; remove it."),
        ])
        #expect(TextRules.templateProblems("a = 1\r\nb = 2") == [
            TemplateProblem(line: 1, message: "The line contains a control character (U+000D) at position 6; remove it."),
        ])
        #expect(TextRules.templateProblems(String(repeating: "x", count: 64 * 1024)).isEmpty)
        #expect(TextRules.templateProblems(String(repeating: "x", count: 64 * 1024 + 1)).map(\.message)
            == ["the template is 64 KiB; at most 64 KiB"])
    }

    @Test func shopFieldsFollowTheRule() {
        let good = PostalAddress(name: "Jan", company: "", street: "Ulica 1", city: "Kraków", postalCode: "30-001", country: "PL")
        #expect(AddressRules.check(good).isEmpty)
        var bad = good
        bad.name = "Jan\u{202E}"
        bad.company = "ACME\u{200B}"
        bad.street = "Ulica\u{1B} 1"
        bad.city = String(repeating: "x", count: 81)
        bad.postalCode = "30-0\u{9B}1"
        #expect(Set(AddressRules.check(bad).keys) == [.name, .company, .street, .city, .postalCode])
        #expect(AddressRules.check(bad)[.street] == "Street contains a control character (U+001B) at position 6; remove it.")
        #expect(CardRules.holderName.run("JAN KOWALSKI") == nil)
        #expect(CardRules.holderName.run("JAN\u{AD}KOWALSKI") == "Name on card contains an invisible character (U+00AD) at position 4; remove it.")
        #expect(CardRules.holderName.run(String(repeating: "X", count: 65)) != nil)
    }

    @Test func settingsFieldsFollowTheRule() {
        #expect(AccountSettingsRules.sipServer.run("pbx\u{1B}") == "SIP server contains a control character (U+001B) at position 4; remove it.")
        #expect(AccountSettingsRules.provisioningBaseURL.run("https://p.example/\u{202E}x")?.contains("U+202E") == true)
        #expect(PhoneRules.libraryName(among: []).run("Logo\u{2067}") == "Name contains a text-direction control (U+2067) at position 5; remove it.")
    }

    @Test func importsApplyTheRule() throws {
        let rows = try CSV.parse("extension,name,email\n107,Eve,e@x.com\u{1B}]0;pwned\u{7}\n108,Bob\u{202E},\n").get()
        guard case .failure(let failure) = BulkImport.users(rows, existing: []) else { Issue.record("accepted"); return }
        #expect(failure.problems == [
            RowProblem(line: 2, message: "E-mail contains a control character (U+001B) at position 8; remove it."),
            RowProblem(line: 3, message: "Name contains a text-direction control (U+202E) at position 4; remove it."),
        ])
        let phones = try CSV.parse("model,mac,name\nt46u,02:00:00:00:00:01,Desk\u{200D}1\n").get()
        guard case .failure(let phoneFailure) = BulkImport.phones(phones, existing: AccountData(account: DemoAccount.account(token: "t"), users: [], phones: [])) else { Issue.record("accepted"); return }
        #expect(phoneFailure.problems.map(\.message) == ["Name contains an invisible character (U+200D) at position 4; remove it."])
    }

    @Test func theStoreRefusesWhatTheFormsRefuse() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        guard case .failure(.invalid(let errors)) = try store.apply(.add(NewPhone(name: "Desk\u{202E}", modelID: "yealink-t46u",
                                                                                   mac: try MACAddress.parse("02:00:00:00:00:09").get()))) else {
            Issue.record("a bidi control was saved"); return
        }
        #expect(errors[.name]?.contains("U+202E") == true)
        guard case .success = try store.apply(.addTemplate(name: "T", modelID: "yealink-t46u")) else { Issue.record("not added"); return }
        let refused = try store.apply(.setTemplateBody(name: "T", body: "a = 1\nb = \u{1B}]52;c;aGk=\u{7}\n"))
        #expect(refused == .failure(.invalid(field: .body, message: "line 2: The line contains a control character (U+001B) at position 5; remove it.")))
        #expect(try store.load().data.templates.first { $0.name == "T" }?.body == "")
        let address = PostalAddress(name: "Jan\u{1B}", company: "", street: "Ulica 1", city: "Kraków", postalCode: "30-001", country: "PL")
        #expect(try store.addAddress(address) == .failure(.invalidAddress(field: .name,
                                                                        message: "Name contains a control character (U+001B) at position 4; remove it.")))
    }
}
