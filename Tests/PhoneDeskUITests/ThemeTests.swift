import Foundation
import Testing
@testable import PhoneDeskUI

struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func shippedThemesDecodeWithEverySlot(name: String) throws {
        let data = try Data(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).json"))
        let theme = try Theme.decode(data).get()
        #expect(theme.name == name)
        #expect(Set(theme.slots.keys) == Set(Role.allCases))
    }

    @Test func aBrokenThemeSaysWhatIsWrong() {
        let missing = Theme.decode(Data(#"{"name": "x", "slots": {"text": "white"}}"#.utf8))
        guard case .failure(let error) = missing else { Issue.record("accepted"); return }
        #expect(error.message.hasPrefix("missing slots: background, surface"))
        guard case .failure(let colour) = Theme.decode(Data(#"{"name": "x", "slots": {"text": "pink"}}"#.utf8)) else { Issue.record(); return }
        #expect(colour.message.contains("unknown colour \"pink\""))
        guard case .failure(let range) = Theme.decode(Data(#"{"name": "x", "slots": {"text": 300}}"#.utf8)) else { Issue.record(); return }
        #expect(range.message == "colour 300 is not 0–255")
    }

    @Test(arguments: [(1, 8, 1), (9, 8, 1), (8, 8, 7), (244, 8, 7), (196, 8, 1), (130, 16, 1), (244, 16, 8), (252, 16, 7), (255, 16, 7), (231, 16, 15), (4, 256, 4), (244, 256, 244), (-1, 8, -1)])
    func fitsColoursToTheTerminal(index: Int, available: Int, expected: Int) {
        #expect(ColourDepth.fit(index, available: available) == expected)
    }
}
