import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

struct FuzzTests {
    /// Seeds that once failed stay here as regression tests.
    static let regressions: [UInt64] = [26]  // 26: a long dropdown filter put the cursor past the edge

    @Test(arguments: regressions)
    func regression(seed: UInt64) { #expect(InputFuzzer.run(seed: seed, length: 500, data: withLibrary()) == nil) }

    /// The same on an account of several chunks of the packed phone list (3,000 phones), so
    /// filtering, paging and the details line run over more than one chunk.
    @Test func randomInputOnALargeAccount() {
        var data = withLibrary()
        data.phones.append(contentsOf: (3...3_000).map { i in
            Phone(id: i, name: "Desk \(i) Łódź", modelID: PhoneCatalog.models[i % PhoneCatalog.models.count].id,
                  mac: MACAddress(hex: String(format: "02%010x", i)), userExtension: i % 3 == 0 ? "101" : nil)
        })
        for seed in UInt64(500)...UInt64(502) {
            if let failure = InputFuzzer.run(seed: seed, length: 500, data: data) {
                Issue.record(Comment(rawValue: failure))
                return
            }
        }
    }

    /// A small share of the benchmark's 10,000 × 500 run, every CI run.
    @Test func randomInputNeverBreaksTheScreen() {
        for seed in UInt64(100)...UInt64(119) {
            if let failure = InputFuzzer.run(seed: seed, length: 500, data: withLibrary()) {
                Issue.record(Comment(rawValue: failure))
                return
            }
        }
    }
}
