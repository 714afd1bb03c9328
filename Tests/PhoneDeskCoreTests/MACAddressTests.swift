import Testing
@testable import PhoneDeskCore

struct MACAddressTests {
    static let good: [(String, String)] = [
        ("00:1a:4d:5c:25:8d", "001a4d5c258d"),
        ("00-1A-4D-5C-25-8D", "001a4d5c258d"),
        ("001a.4d5c.258d", "001a4d5c258d"),
        ("001A4D5C258D", "001a4d5c258d"),
        ("  00:1a:4d:5c:25:8d  ", "001a4d5c258d"),
        ("\t001a4d5c258d ", "001a4d5c258d"),
        ("80:5E:C0:11:22:33", "805ec0112233"),
        ("00:0b:82:aa:bb:cc", "000b82aabbcc"),
        ("02:00:00:00:00:01", "020000000001"),  // locally administered unicast is fine
        ("fe:ff:ff:ff:ff:ff", "feffffffffff"),
        ("0004.F2AB.CDEF", "0004f2abcdef"),
    ]

    @Test(arguments: good)
    func accepts(input: String, stored: String) throws {
        let mac = try MACAddress.parse(input).get()
        #expect(mac.hex == stored)
    }

    static let bad: [(String, MACProblem)] = [
        ("", .empty),
        ("   ", .empty),
        ("00:1a:4d:5c:25", .wrongGroupCount(found: 5, separator: ":")),  // the manual's "five groups"
        ("00:1a:4d:5c:25:8d:00", .wrongGroupCount(found: 7, separator: ":")),
        ("00-1a-4d-5c-25", .wrongGroupCount(found: 5, separator: "-")),
        ("001a.4d5c", .wrongGroupCount(found: 2, separator: ".")),
        ("00:1a:4d:5c:25:8", .wrongGroupLength(group: 6, expected: 2)),
        ("000:1a:4d:5c:25:8d", .wrongGroupLength(group: 1, expected: 2)),
        ("001a.4d5c.258", .wrongGroupLength(group: 3, expected: 4)),
        ("00:1a:4d:5c:25:", .wrongGroupLength(group: 6, expected: 2)),
        ("00:1a-4d:5c:25:8d", .mixedSeparators),
        ("00:1a:4d.5c:25:8d", .mixedSeparators),
        ("001a4d5c258", .wrongLength(found: 11)),
        ("001a4d5c258d0", .wrongLength(found: 13)),
        ("00:1g:4d:5c:25:8d", .notHex("g")),
        ("001a4d5c258z", .notHex("z")),
        ("00 1a 4d 5c 25 8d", .notHex(" ")),
        ("00:00:00:00:00:00", .allZero),
        ("000000000000", .allZero),
        ("ff:ff:ff:ff:ff:ff", .broadcast),
        ("FF-FF-FF-FF-FF-FF", .broadcast),
        ("01:00:5e:00:00:fb", .multicast),
        ("33:33:00:00:00:01", .multicast),
        ("ąą:1a:4d:5c:25:8d", .notHex("ą")),
    ]

    @Test(arguments: bad)
    func refuses(input: String, problem: MACProblem) {
        #expect(MACAddress.parse(input) == .failure(problem))
        #expect(!problem.message.isEmpty)
    }

    @Test func displaysWithColons() {
        #expect(MACAddress(hex: "001a4d5c258d").display == "00:1a:4d:5c:25:8d")
    }

    @Test func searchFragmentsIgnoreNotation() {
        #expect(MACAddress.searchFragment("5C:25:8d") == "5c258d")
        #expect(MACAddress.searchFragment("4d5c.258d") == "4d5c258d")
        #expect(MACAddress.searchFragment("anna") == nil)
        #expect(MACAddress.searchFragment("a") == "a")  // so narrowing from "5" to "5c258d" keeps MAC matches
        #expect(MACAddress.searchFragment(":") == nil)
    }

    @Test func manualsFiveGroupMessageSaysSix() {
        guard case .failure(let problem) = MACAddress.parse("00:1a:4d:5c:25") else { Issue.record("accepted"); return }
        #expect(problem.message == "A MAC has 6 groups separated by ':'; this one has 5.")
    }
}
