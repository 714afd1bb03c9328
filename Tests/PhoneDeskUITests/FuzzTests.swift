import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

struct FuzzTests {
    /// Seeds that once failed stay here as regression tests.
    static let regressions: [UInt64] = [26]  // 26: a long dropdown filter put the cursor past the edge

    @Test(arguments: regressions)
    func regression(seed: UInt64) { #expect(InputFuzzer.run(seed: seed, length: 500, data: withLibrary()) == nil) }

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
