import Testing
@testable import PhoneDeskUI

/// The fetch status reads in Polish in the Status column and the details line (the operator
/// tester found them in English).
struct FetchWordsPolishTests {
    @Test func statusWordsAndDetails() {
        #expect(Localizer.tr("waiting", .pl, record: false) == "czeka")
        #expect(Localizer.tr("never", .pl, record: false) == "nigdy")
        #expect(Localizer.tr("waiting: changed since fetched 14:02 from 10.0.0.7 (T46U 108.86.0.45)", .pl, record: false)
                == "czeka: zmiany od pobrania 14:02 z 10.0.0.7 (T46U 108.86.0.45)")
        #expect(Localizer.tr("fetched 2026-11-28 from 10.0.0.7", .pl, record: false) == "pobrał 2026-11-28 z 10.0.0.7")
    }
}
