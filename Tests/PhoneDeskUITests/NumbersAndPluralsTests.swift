import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// One plural rule and one number formatter per language (issue 12, item 10).
struct NumbersAndPluralsTests {
    @Test func polishPluralForms() {
        let expected: [(Int, String)] = [(0, "telefonów"), (1, "telefon"), (2, "telefony"), (4, "telefony"), (5, "telefonów"),
                                         (12, "telefonów"), (14, "telefonów"), (21, "telefonów"), (22, "telefony"),
                                         (25, "telefonów"), (112, "telefonów"), (104, "telefony")]
        for (n, noun) in expected {
            #expect(Plural.polishNoun(n, one: "telefon", few: "telefony", many: "telefonów") == noun, "\(n)")
            #expect(Localizer.tr(Plural.count(n, "phone", "phones"), .pl) == "\(n) \(noun)", "\(n)")
        }
    }

    @Test func englishPluralForms() {
        #expect(Plural.count(0, "phone", "phones") == "0 phones")
        #expect(Plural.count(1, "phone", "phones") == "1 phone")
        #expect(Plural.count(2, "phone", "phones") == "2 phones")
        #expect(Plural.count(21, "phone", "phones") == "21 phones")
    }

    @Test func pluralFormsInsideSentences() {
        #expect(Localizer.tr("5 phones joined the account as \"Awaiting delivery\".", .pl)
                == "Do konta dołączyło 5 telefonów jako „Oczekuje na dostawę”.")
        #expect(Localizer.tr("1 phone joined the account as \"Awaiting delivery\".", .pl)
                == "Do konta dołączył 1 telefon jako „Oczekuje na dostawę”.")
        #expect(Localizer.tr("Saved; provisioning files of 22 phones updated.", .pl)
                == "Zapisano; zaktualizowano pliki provisioningu 22 telefonów.")
        #expect(Localizer.tr("3 orders", .pl) == "3 zamówienia")
    }

    @Test func moneyPerLanguage() {
        #expect(NumberFormat.money(50_000, currency: "EUR", .en) == "EUR 500.00")
        #expect(NumberFormat.money(50_000, currency: "EUR", .pl) == "EUR 500,00")
        #expect(NumberFormat.money(150_000, currency: "EUR", .pl) == "EUR 1\u{A0}500,00")
        #expect(NumberFormat.money(123_456_789, currency: "PLN", .pl) == "PLN 1\u{A0}234\u{A0}567,89")
        #expect(NumberFormat.money(-5, currency: "EUR", .pl) == "EUR -0,05")
        #expect(NumberFormat.money(Int.min, currency: "EUR", .pl).hasPrefix("EUR -"))
    }

    @Test func weightsAndRatesPerLanguage() {
        #expect(NumberFormat.kilograms(grams: 800, .en) == "0.8 kg")
        #expect(NumberFormat.kilograms(grams: 800, .pl) == "0,8 kg")
        #expect(NumberFormat.kilograms(grams: 2_940, .pl) == "2,9 kg")
        #expect(NumberFormat.kilograms(grams: 0, .en) == "0.0 kg")
        #expect(NumberFormat.percent(basisPoints: 2_300, .pl) == "23 %")
        #expect(NumberFormat.percent(basisPoints: 750, .pl) == "7,5 %")
    }

    @Test func numbersInsideCoreMessagesAreWrittenThePolishWay() {
        let message = CheckoutRejection.insufficientBalance(balance: Money(cents: 100, currency: "EUR"),
                                                            total: Money(cents: 150_000, currency: "EUR")).message
        #expect(Localizer.tr(message, .pl) == "Na koncie firmowym jest EUR 1,00, zamówienie kosztuje EUR 1\u{A0}500,00. Nic nie pobrano; zapłać kartą.")
        #expect(Localizer.tr("Delivery (EU, 0.8 kg)", .pl) == "Dostawa (UE, 0,8 kg)")
        #expect(Localizer.tr("VAT 7.5 %", .pl) == "VAT 7,5 %")
    }
}
