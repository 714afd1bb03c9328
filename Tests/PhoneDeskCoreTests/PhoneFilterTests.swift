import Testing
@testable import PhoneDeskCore

/// The qualified filter: parsing (quotes, unknown fields, `none`) and matching (AND of terms,
/// any case, diacritics optional), as the table and the CLI use it.
struct PhoneFilterTests {
    static let data: AccountData = {
        var phones = DemoAccount.phones()
        phones.append(Phone(id: 3, name: "Biuro Łódź", modelID: "yealink-t46u", mac: nil, template: "Recepcja T46U"))
        phones.append(Phone(id: 4, name: "Sala Narad", modelID: "yealink-t46u", mac: MACAddress(hex: "805ec0445566"),
                            userExtension: "103", background: "Logo Firmy"))
        return AccountData(account: DemoAccount.account(token: "t"), users: DemoAccount.users(), phones: phones)
    }()

    func names(_ text: String, fetch: [Int: String] = [:]) throws -> [String] {
        let filter = try PhoneFilter.parse(text)
        return PhoneSearchIndex.positions(matching: filter, in: Self.data, fetchWords: fetch).map { Self.data.phones[$0].name }
    }

    @Test func fieldsAndFreeWordsAreParsed() throws {
        let filter = try PhoneFilter.parse("user:none Model:T46U biuro")
        #expect(filter.terms == [PhoneFilter.Term(.user, "none"), PhoneFilter.Term(.model, "T46U"), PhoneFilter.Term(nil, "biuro")])
        #expect(filter.terms[0].isNone)
        #expect(filter.display == "user:none model:T46U \"biuro\"")
    }

    @Test func aQuotedValueKeepsItsSpaces() throws {
        let filter = try PhoneFilter.parse("name:\"Biuro Łódź\" \"sala narad\"")
        #expect(filter.terms == [PhoneFilter.Term(.name, "Biuro Łódź"), PhoneFilter.Term(nil, "sala narad")])
        #expect(filter.display == "name:\"Biuro Łódź\" \"sala narad\"")
        #expect(try names("name:\"biuro lodz\"") == ["Biuro Łódź"])
        // An unclosed quote runs to the end: the filter works while the operator types.
        #expect(try names("name:\"biuro lo") == ["Biuro Łódź"])
    }

    @Test func anUnknownFieldIsAnErrorNotANoMatch() {
        #expect(throws: PhoneFilterError(field: "nam")) { try PhoneFilter.parse("nam:biuro") }
        #expect(PhoneFilterError(field: "nam").message.contains("name: mac: user: model: status: template: image: blf:"))
        // A MAC typed with colons is a MAC, not a field.
        #expect(throws: Never.self) { try PhoneFilter.parse("aa:bb:cc") }
    }

    @Test func noneMeansNotSet() throws {
        #expect(try names("user:none") == ["Biuro Łódź"])
        #expect(try names("template:none") == ["Recepcja", "Magazyn", "Sala Narad"])
        #expect(try names("image:none blf:none") == ["Magazyn", "Biuro Łódź"])
        #expect(try names("blf:none").count == 3)
        #expect(try names("mac:none") == ["Biuro Łódź"])
    }

    @Test func caseAndDiacriticsDoNotMatter() throws {
        #expect(try names("LODZ") == ["Biuro Łódź"])
        #expect(try names("user:kaminski") == ["Magazyn"])
        #expect(try names("user:WÓJCIK") == ["Sala Narad"])
        #expect(try names("blf:wisniewski") == ["Recepcja"])
        #expect(try names("image:logo") == ["Sala Narad"])
        #expect(try names("template:recepcja") == ["Biuro Łódź"])
    }

    @Test func termsAreANDed() throws {
        #expect(try names("model:t46u") == ["Recepcja", "Biuro Łódź", "Sala Narad"])
        #expect(try names("model:t46u user:none") == ["Biuro Łódź"])
        #expect(try names("model:t46u mac:80:5e:c0:44") == ["Sala Narad"])
        #expect(try names("sala 103") == ["Sala Narad"])
        #expect(try names("sala 101").isEmpty)
        #expect(try names("user:101 name:sala").isEmpty)
    }

    @Test func statusTakesDeliveryAndFetchWords() throws {
        #expect(try names("status:awaiting") == ["Biuro Łódź"])
        #expect(try names("status:active") == ["Recepcja", "Magazyn", "Sala Narad"])
        let fetch = [1: "fetched", 2: "waiting", 4: "never"]
        #expect(try names("status:waiting", fetch: fetch) == ["Magazyn"])
        #expect(try names("status:never", fetch: fetch) == ["Sala Narad"])
        // A free word still finds a fetch word, as before.
        #expect(try names("fetched", fetch: fetch) == ["Recepcja"])
    }

    @Test func oneMoreLetterNarrowsButNoneDoesNot() throws {
        let parse = { (text: String) in try PhoneFilter.parse(text) }
        #expect(try parse("user:anna").narrows(parse("user:ann")))
        #expect(try parse("desk 9").narrows(parse("desk")))
        #expect(try !parse("user:none").narrows(parse("user:non")))
        #expect(try !parse("status:await").narrows(parse("status:wait")))
        #expect(try parse("name:").narrows(parse("")))
        #expect(try parse("desk ").sameMatches(as: parse("desk")))
        #expect(try parse("\"desk 9\" name:").sameMatches(as: parse("\"desk 9")))
        #expect(try !parse("desk 9").sameMatches(as: parse("desk")))
    }

    @Test func candidatesInAnyOrderKeepTheirOrder() throws {
        var index = PhoneSearchIndex()
        index.update(Self.data)
        #expect(index.matches(try PhoneFilter.parse("model:t46u"), candidates: [3, 1, 0, 2]) == [3, 0, 2])
    }

    @Test func tabCompletesFieldNames() {
        #expect(PhoneFilter.complete("biuro us").text == "biuro user:")
        #expect(PhoneFilter.complete("T").text == "template:")
        let m = PhoneFilter.complete("m")
        #expect(m.text == "m")
        #expect(m.choices == [.mac, .model])
        #expect(PhoneFilter.complete("mo").text == "model:")
        #expect(PhoneFilter.complete("biuro ").choices == PhoneFilter.Field.allCases)
        #expect(PhoneFilter.complete("user:an").choices.isEmpty)
        #expect(PhoneFilter.complete("xyz").text == "xyz")
    }
}
