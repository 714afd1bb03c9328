import Foundation
import Testing
@testable import PhoneDeskCore

/// The packed phone list behaves like an array of phones.
struct PhoneListTests {
    static func phone(_ i: Int, name: String? = nil) -> Phone {
        Phone(id: i, revision: i % 7 + 1, name: name ?? "Desk \(i) Łódź", modelID: "yealink-t46u",
              mac: i % 5 == 0 ? nil : MACAddress(hex: String(format: "02%010x", i)),
              userExtension: i % 3 == 0 ? "\(100 + i % 50)" : nil, blfExtension: i % 4 == 0 ? "101" : nil,
              background: i % 6 == 0 ? "Logo" : nil, template: i % 8 == 0 ? "T" : nil)
    }

    @Test func holdsWhatWasAppendedAcrossChunks() {
        let phones = (1...3_000).map { Self.phone($0) }
        let list = PhoneList(phones)
        #expect(list.count == 3_000)
        #expect(Array(list) == phones)
        #expect(list.firstIndex(id: 2_500) == 2_499)
        #expect(list.id(at: 1_024) == 1_025)
        #expect(list.phone(id: 3_001) == nil)
        #expect(list.maxID == 3_000)
    }

    @Test func replacesAndRemovesLikeAnArray() {
        var array = (1...2_500).map { Self.phone($0) }
        var list = PhoneList(array)
        // Replacing many times leaves garbage the chunk compacts away; values stay right.
        for round in 0..<300 {
            let at = (round * 37) % array.count
            let changed = Self.phone(array[at].id, name: "Renamed \(round) " + String(repeating: "x", count: round % 300))
            array[at] = changed
            list[at] = changed
        }
        for at in [0, 1_023, 1_024, 2_000, 5, 0] {
            #expect(list.remove(at: at) == array.remove(at: at))
        }
        #expect(Array(list) == array)
        #expect(list == PhoneList(array))
        #expect(list.firstIndex(id: array[1_500].id) == 1_500)
        list[10].name = "In place"
        array[10].name = "In place"
        #expect(Array(list) == array)
    }

    @Test func emptiedChunksAreDropped() {
        var list = PhoneList((1...1_030).map { Self.phone($0) })
        for _ in 0..<1_024 { list.remove(at: 0) }
        #expect(list.map(\.id) == Array(1_025...1_030))
        list.append(Self.phone(2_000))
        #expect(list.last?.id == 2_000)
        while !list.isEmpty { list.remove(at: list.count - 1) }
        #expect(list == [])
    }

    @Test func sharedChunksAreCopiedOneAtATime() {
        let original = PhoneList((1...4_000).map { Self.phone($0) })
        var copy = original
        copy[3_999].userExtension = "999"
        #expect(original[3_999].userExtension != "999")
        #expect(copy[3_999].userExtension == "999")
        #expect(copy != original)
        copy[3_999] = original[3_999]
        #expect(copy == original)
    }

    @Test func codesAsAJSONArray() throws {
        let list = PhoneList((1...20).map { Self.phone($0) })
        let data = try JSONEncoder().encode(list)
        #expect(try JSONDecoder().decode([Phone].self, from: data) == Array(list))
        #expect(try JSONDecoder().decode(PhoneList.self, from: data) == list)
    }
}

extension PhoneListTests {
    /// Ids out of order (a hand-edited file) are still found, by a scan instead of bisection.
    @Test func findsIdsInAnyOrder() {
        var list = PhoneList((1...2_100).map { Self.phone($0 * 2) })
        #expect(list.firstIndex(id: 2_000) == 999)
        #expect(list.firstIndex(id: 2_001) == nil)
        list.append(Self.phone(3))
        #expect(list.firstIndex(id: 3) == 2_100)
        #expect(list.firstIndex(id: 4_200) == 2_099)
        var swapped = PhoneList((1...50).map { Self.phone($0) })
        swapped[10] = Self.phone(99)
        #expect(swapped.firstIndex(id: 99) == 10)
        #expect(swapped.firstIndex(id: 50) == 49)
    }
}

extension PhoneListTests {
    @Test func findsThePhonesUsingAnImageOrTemplate() {
        var phones = (1...2_500).map { Self.phone($0) }
        var list = PhoneList(phones)
        list[6].background = "Other"
        phones[6].background = "Other"
        #expect(list.using(background: "Logo") == phones.filter { $0.background == "Logo" })
        #expect(list.using(background: "Other").map(\.id) == [7])
        #expect(list.using(template: "T") == phones.filter { $0.template == "T" })
        #expect(list.using(template: "Logo").isEmpty)
        #expect(list.using(background: "Nothing").isEmpty)
    }
}

extension PhoneListTests {
    @Test func findsANameIgnoringCaseAndSpacesAsTheRuleSays() {
        var list = PhoneList((1...1_500).map { Self.phone($0) })
        list.append(Phone(id: 2_000, name: " Recepcja ", modelID: "snom-d717", mac: nil))
        list.append(Phone(id: 2_001, name: "ÉCRAN Kelvin", modelID: "snom-d717", mac: nil))
        #expect(list.phone(named: "desk 5 łódź")?.id == 5)
        #expect(list.phone(named: "  DESK 5 ŁÓDŹ\t")?.id == 5)
        #expect(list.phone(named: "Desk 5 Lodz") == nil)
        #expect(list.phone(named: "Desk 5") == nil)
        #expect(list.phone(named: "desk 5 łódź", except: 5) == nil)
        #expect(list.phone(named: "recepcja")?.id == 2_000)
        #expect(list.phone(named: "écran \u{212A}elvin")?.id == 2_001)  // the Kelvin sign lowercases to k
        #expect(list.phone(withMAC: MACAddress(hex: String(format: "02%010x", 1_234)))?.id == 1_234)
        #expect(list.phone(withMAC: MACAddress(hex: String(format: "02%010x", 1_234)), except: 1_234) == nil)
        #expect(list.phone(withMAC: MACAddress(hex: String(format: "02%010x", 1_235))) == nil)  // 1,235 has none
    }
}

extension PhoneListTests {
    @Test func findsNamesByPrefixIgnoringCase() {
        var list = PhoneList((1...1_200).map { Self.phone($0) })
        for (i, name) in ["Yealink T46U #1", "yealink t46u #2", " YEALINK T46U #3", "Yealink T46 #4", "\u{212A}Yealink"].enumerated() {
            list.append(Phone(id: 5_000 + i, name: name, modelID: "yealink-t46u", mac: nil))
        }
        #expect(list.names(withPrefix: "Yealink T46U #") == ["Yealink T46U #1", "yealink t46u #2", " YEALINK T46U #3"])
        #expect(list.names(withPrefix: "desk 1199 ").count == 1)
        #expect(list.names(withPrefix: "kyealink") == ["\u{212A}Yealink"])
    }
}
