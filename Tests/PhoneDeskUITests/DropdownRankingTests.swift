import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The one ranking every dropdown uses (issue 12, item 9).
struct DropdownRankingTests {
    func labels(_ typed: String, _ options: [DropdownOption]) -> [String] {
        DropdownRanking.matches(typed, in: options.map(\.searchKeys)).map { options[$0].label }
    }

    let english = AddressWindow.countryOptions(.en)
    let polish = AddressWindow.countryOptions(.pl)

    @Test func anExactCodeComesBeforeNamesThatMerelyContainIt() {
        // Before: "pl" highlighted KP Korea, Democratic People's Republic; "de" BD Bangladesh.
        #expect(labels("pl", english).first == "PL Poland")
        #expect(labels("PL", english).first == "PL Poland")
        #expect(labels("de", english).first == "DE Germany")
        #expect(labels("pl", polish).first == "PL Polska")
        #expect(labels("de", polish).first == "DE Niemcy")
        #expect(labels("pl", english).contains("KP Korea, Democratic People's Republic"))  // still found, later
    }

    @Test func polishNamesEnglishNamesAndCodesAllFindACountryInPolishMode() {
        #expect(labels("niem", polish).first == "DE Niemcy")
        #expect(labels("germ", polish).first == "DE Niemcy")
        #expect(labels("wlochy", polish) == ["IT Włochy"])
        #expect(labels("wegry", polish).first == "HU Węgry")
        #expect(labels("niem", english).isEmpty)  // English mode: English names and codes only
    }

    @Test func prefixesComeBeforeWordPrefixesBeforeSubstrings() {
        let options = ["Ablodz", "Nowa Łódź", "Łódź", "Łódź Kaliska"].map { DropdownOption(value: $0, label: $0) }
        #expect(labels("lodz", options) == ["Łódź", "Łódź Kaliska", "Nowa Łódź", "Ablodz"])
        #expect(labels("ŁÓDŹ", options).first == "Łódź")
        #expect(labels("kor polu", polish) == ["KR Korea Południowa"])  // "pol" alone also starts Północna
        #expect(labels("yea t46", PhoneCatalog.models.map { DropdownOption(value: $0.id, label: $0.label) }).first == "Yealink T46U")
        #expect(labels("zzz", options).isEmpty)
        #expect(labels("", options) == options.map(\.label))  // nothing typed: list order
    }

    @Test func theDropdownHighlightsTheBestMatchSoEnterShipsToTheRightCountry() {
        var dropdown = Dropdown(options: english, selectedValue: nil)
        _ = dropdown.handle(.char("p"))
        _ = dropdown.handle(.char("l"))
        #expect(dropdown.handle(.enter) == .accepted(moveOn: false))
        #expect(dropdown.selectedValue == "PL")
        var users = Dropdown(options: demoData().users.map { DropdownOption(value: $0.extensionNumber, label: $0.label, code: $0.extensionNumber) },
                             selectedValue: nil)
        for c in "103" { _ = users.handle(.char(c)) }
        _ = users.handle(.enter)
        #expect(users.selectedValue == "103")
    }

    @Test func everyCountryHasAPolishName() {
        let names = Countries.all.map { PolishCountries.byCode[$0.code] }
        #expect(!names.contains(nil), "\(Countries.all.filter { PolishCountries.byCode[$0.code] == nil }.map(\.code))")
        #expect(PolishCountries.byCode.count == Countries.all.count)
        #expect(Set(names).count == names.count)
        #expect(Localizer.tr("Not a Germany postal code: expected the form 10115.", .pl)
                == "To nie jest kod pocztowy (Niemcy): oczekiwany zapis 10115.")
    }
}
