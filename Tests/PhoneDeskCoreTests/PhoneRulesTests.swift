import Testing
@testable import PhoneDeskCore

struct PhoneRulesTests {
    let phones = DemoAccount.phones()

    @Test func acceptsANewPhoneAndTrimsItsName() throws {
        let new = try PhoneRules.validateNew(modelID: "yealink-t46u", macText: "00-1A-4D-5C-25-8D",
                                             name: "  Biuro Łódź ", phones: phones).get()
        #expect(new == NewPhone(name: "Biuro Łódź", modelID: "yealink-t46u", mac: MACAddress(hex: "001a4d5c258d")))
    }

    @Test func refusesAMACAlreadyOnTheAccountNamingThePhone() {
        let result = PhoneRules.validateNew(modelID: "yealink-t46u", macText: "80-5E-C0-11-22-33", name: "X", phones: phones)
        guard case .failure(let errors) = result else { Issue.record("accepted"); return }
        #expect(errors.errors[.mac] == "80:5e:c0:11:22:33 is already on the account: phone \"Recepcja\".")
    }

    @Test(arguments: ["recepcja", "RECEPCJA ", " Recepcja"])
    func refusesADuplicateNameInAnyCase(name: String) {
        let result = PhoneRules.validateNew(modelID: "yealink-t46u", macText: "001a4d5c258d", name: name, phones: phones)
        guard case .failure(let errors) = result else { Issue.record("accepted"); return }
        #expect(errors.errors[.name]?.contains("already used") == true)
    }

    @Test func reportsEveryFieldAtOnce() {
        let result = PhoneRules.validateNew(modelID: nil, macText: "zz", name: " ", phones: phones)
        guard case .failure(let errors) = result else { Issue.record("accepted"); return }
        #expect(Set(errors.errors.keys) == [.model, .mac, .name])
        #expect(errors.errors[.name] == "Name is required.")
    }

    @Test func refusesControlCharactersAndOverlongNames() {
        #expect(PhoneRules.nameCheck(others: []).run("a\u{7}b") == "Name contains a control character (U+0007) at position 2; remove it.")
        #expect(PhoneRules.nameCheck(others: []).run(String(repeating: "x", count: 65))?.contains("too long") == true)
    }

    @Test func warnsWhenTheVendorPrefixBelongsToAnotherBrand() throws {
        let grandstreamMAC = try MACAddress.parse("00:0b:82:01:02:03").get()
        let yealink = try #require(PhoneCatalog.model(id: "yealink-t46u"))
        #expect(PhoneRules.vendorWarning(mac: grandstreamMAC, model: yealink)?.contains("Grandstream") == true)
        let unknown = try MACAddress.parse("00:1a:4d:5c:25:8d").get()
        #expect(PhoneRules.vendorWarning(mac: unknown, model: yealink) == nil)
        let own = try MACAddress.parse("80:5e:c0:00:00:01").get()
        #expect(PhoneRules.vendorWarning(mac: own, model: yealink) == nil)
    }

    func demoData() -> AccountData {
        AccountData(account: DemoAccount.account(token: "t"), users: DemoAccount.users(), phones: phones,
                    backgrounds: [BackgroundImage(name: "logo", file: "logo.png", width: 480, height: 272, bytes: 1000)],
                    templates: [ConfigTemplate(name: "t46", modelID: "yealink-t46u", body: "")])
    }

    @Test func editRefusesMonitoringTheOwnUser() {
        var edit = PhoneEdit(phones[0])
        edit.blfExtension = "101"
        #expect(PhoneRules.validateEdit(edit, of: phones[0], account: demoData())[.blfUser]?.contains("own user") == true)
    }

    @Test func editRefusesUnknownUsersAndTemplatesOfOtherModels() {
        var edit = PhoneEdit(phones[1])
        edit.userExtension = "999"
        edit.template = "t46"
        let errors = PhoneRules.validateEdit(edit, of: phones[1], account: demoData())
        #expect(errors[.user] == "User 999 is not on the account.")
        #expect(errors[.template]?.contains("another model") == true)
    }

    @Test func editRefusesBackgroundsOnPhonesWithoutAColourScreen() {
        let mono = Phone(id: 9, name: "Mono", modelID: "yealink-t31p", mac: MACAddress(hex: "805ec0000009"))
        var edit = PhoneEdit(mono)
        edit.background = "logo"
        #expect(PhoneRules.validateEdit(edit, of: mono, account: demoData())[.background]?.contains("no colour screen") == true)
    }

    @Test func catalogFindsModelsByIdOrLabel() {
        #expect(PhoneCatalog.model(named: "Yealink T46U")?.id == "yealink-t46u")
        #expect(PhoneCatalog.model(named: "polycom vvx 450")?.id == "polycom-vvx450")
        #expect(PhoneCatalog.models.count >= 21)
        #expect(Set(PhoneCatalog.models.map(\.id)).count == PhoneCatalog.models.count)
    }

    @Test func foldsCaseAndDiacritics() {
        #expect(SearchFold.fold("Biuro ŁÓDŹ") == "biuro lodz")
        #expect(SearchFold.fold("Wiśniewski") == "wisniewski")
        #expect(SearchFold.fold("Straße") == "strasse")
    }

    @Test func checksCompose() {
        let check = Check<String>.required("Name").and(.maxLength(3, "Name"))
        #expect(check.run("") == "Name is required.")
        #expect(check.run("abcd") == "Name is too long (at most 3 characters).")
        #expect(check.run("abc") == nil)
    }
}

struct SearchFoldTests {
    @Test func fastAndFullFoldsAgreeOnEuropeanLetters() {
        for value in 0x20...0x24F {
            guard let scalar = UnicodeScalar(value) else { continue }
            let text = "Ab" + String(Character(scalar)) + "Z"
            #expect(SearchFold.fold(text) == SearchFold.slowFold(text), "U+\(String(value, radix: 16))")
        }
        #expect(SearchFold.fold("ŁÓDŹ 漢字") == "lodz 漢字")
    }
}
