import Foundation
import Testing
@testable import PhoneDeskCore

struct TrimmingTests {
    @Test(arguments: ["", " ", "\t", "abc", "  a b  ", "\u{00A0}x\u{3000}", " \u{301}e\u{301} ", "\n x \n", "łódź\t", "\u{2003}漢字 😀\u{2003}", "a\u{301}"])
    func trimsLikeFoundation(text: String) {
        #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
    }
}
