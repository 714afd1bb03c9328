import Testing
@testable import PhoneDeskUI

struct WordWrapTests {
    @Test func breaksAtSpacesAndKeepsWhatFits() {
        #expect(WordWrap.lines("the phone keeps its last settings", width: 16) == ["the phone keeps", "its last", "settings"])
        #expect(WordWrap.lines("fits exactly", width: 12) == ["fits exactly"])
        // A line that fits keeps its spaces (aligned columns).
        #expect(WordWrap.lines("Total      EUR 1", width: 20) == ["Total      EUR 1"])
        #expect(WordWrap.lines("", width: 10) == [""])
    }

    @Test func cutsAWordOnlyWhenItIsWiderThanTheLine() {
        #expect(WordWrap.lines("a https://example.com/abcdef b", width: 10) == ["a", "https://ex", "ample.com/", "abcdef b"])
        #expect(WordWrap.lines("settings", width: 8) == ["settings"])
        #expect(WordWrap.lines("settings", width: 7) == ["setting", "s"])
    }

    @Test func collapsesSpacesWhereItBreaks() {
        #expect(WordWrap.lines("one  two   three", width: 9) == ["one two", "three"])
    }

    @Test func keepsIndentationOnEveryLine() {
        #expect(WordWrap.lines("  ✗ line 2: expected key", width: 14) == ["  ✗ line 2:", "  expected key"])
    }

    @Test func countsColumnsNotCharacters() {
        // Polish letters are one column each: "Łódź Łódź" is 9 columns.
        #expect(WordWrap.lines("Łódź Łódź", width: 9) == ["Łódź Łódź"])
        // CJK characters are two: "受受 受受" is 9 columns, so it breaks at 8.
        #expect(WordWrap.lines("受受 受受", width: 8) == ["受受", "受受"])
        // A wide word wider than the line is cut between characters, never through one.
        #expect(WordWrap.lines("受受受", width: 5) == ["受受", "受"])
    }

    @Test func keepsExplicitLineBreaks() {
        #expect(WordWrap.lines("a b\nc", width: 10) == ["a b", "c"])
    }

    @Test func fieldsBreakBetweenFieldsNeverInside() {
        let fields = ["Recepcja", "User 101 Anna Nowak", "BLF off", "Image —"]
        #expect(WordWrap.fields(fields, width: 40) == ["Recepcja · User 101 Anna Nowak · BLF off", "Image —"])
        #expect(WordWrap.fields(fields, width: 100) == ["Recepcja · User 101 Anna Nowak · BLF off · Image —"])
        #expect(WordWrap.fields(["a very long field", "b"], width: 10) == ["a very lo…", "b"])
    }

    /// The status line: a message that does not fit ends at a word with "…", never mid-word.
    @Test func aLineTooLongEndsAtAWordWithAnEllipsis() {
        #expect(WordWrap.line("Saved \"Recepcja\".", width: 78) == "Saved \"Recepcja\".")
        let cut = WordWrap.line("Resync \"Recepcja\": cannot reach the SIP server 127.0.0.1:5072: it refused the NOTIFY (Connection refused)", width: 78)
        #expect(cut == "Resync \"Recepcja\": cannot reach the SIP server 127.0.0.1:5072: it refused the…")
        #expect(CellWidth.of(cut) <= 78)
        #expect(WordWrap.line("Nie wysłano: „Biuro Łódź” nie ma użytkownika", width: 30) == "Nie wysłano: „Biuro Łódź” nie…")
        // A word longer than the line (a URL) is cut inside rather than dropped whole.
        let url = WordWrap.line("Copied: https://provisioning.phonedesk.example/0123456789abcdef0123456789abcdef/", width: 40)
        #expect(url.hasPrefix("Copied: https://provisioning.") && url.hasSuffix("…") && CellWidth.of(url) == 40)
    }
}
