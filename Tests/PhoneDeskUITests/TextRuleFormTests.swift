import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The panel's forms apply the core's one text rule, and its messages read in Polish too.
struct TextRuleFormTests {
    @Test func addFormRefusesHiddenCharactersInTheName() {
        for (name, message) in [
            ("Desk\u{202E}1", "Name contains a text-direction control (U+202E) at position 5; remove it."),
            ("De\u{AD}sk", "Name contains an invisible character (U+00AD) at position 3; remove it."),
            (String(repeating: "受", count: 33), "Name is too long: 66 columns wide, at most 64."),
        ] {
            var model = makeModel(demoData())
            fillAddForm(&model, model: "t46u", mac: "02:00:00:00:00:05", name: name)
            #expect(press(&model, .ctrl("s")).isEmpty, "\(name.debugDescription) was submitted")
            #expect(model.addForm?.form[.name]?.error == message)
        }
    }

    /// A hand-edited phones.json can hold anything; the table never draws it raw.
    @Test func theTableDrawsNoHiddenCharacterFromTheFiles() {
        var data = demoData()
        data.phones[0].name = "R\u{2066}e\u{E0041}c\u{FFFF}e\u{85}p\u{1B}]0;x\u{7}"
        let canvas = view(makeModel(data))
        for line in canvas.lines {
            #expect(!line.unicodeScalars.contains(where: TerminalText.needsEscape), "\(line.debugDescription)")
        }
    }

    @Test func aTemplateWithAnEscapeIsShownAsAnErrorNotSaved() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("3"))
        #expect(update(&model, .templateEdited(name: "Recepcja T46U", body: "a = 1\nb = \u{1B}]52;c;aGk=\u{7}\n")).isEmpty)
        guard case .templateErrors(_, _, let problems)? = model.settings?.modal else { Issue.record("no error window"); return }
        #expect(problems.map(\.description) == ["line 2: The line contains a control character (U+001B) at position 5; remove it."])
    }

    @Test func uploadRefusesAControlCharacterInThePath() {
        var model = makeModel(withLibrary())
        press(&model, .char("s"), .char("2"), .char("a"))
        type(&model, "Logo 2")
        press(&model, .tab)
        // A typed C1 control never enters a field; a pasted one refuses the paste.
        type(&model, "/tmp/a\u{85}")
        press(&model, .paste("x\u{85}.png"))
        guard case .upload(let form)? = model.settings?.modal else { Issue.record("no upload window"); return }
        #expect(form.form.text(.file) == "/tmp/a")
        #expect(form.form[.file]?.error == "Not pasted: a control character (U+0085) at position 2.")
    }

    @Test func aTypedC1ControlNeverEntersAField() {
        var model = makeModel(demoData())
        fillAddForm(&model, model: "t46u", mac: "02:00:00:00:00:05", name: "Desk\u{9B}1")
        #expect(model.addForm?.form.text(.name) == "Desk1")
    }

    @Test func cardHolderFollowsTheRule() {
        var data = demoData()
        data.cart = [CartLine(sku: "YEA-T31P", quantity: 1)]
        var model = shopModel(data)
        press(&model, .char("b"), .char("c"), .tab, .tab, .down, .down, .enter)
        type(&model, "4242424242424242")
        press(&model, .tab)
        type(&model, "08/29")
        press(&model, .tab)
        type(&model, "123")
        press(&model, .tab)
        type(&model, "JAN\u{200B}KOWALSKI")
        #expect(press(&model, .ctrl("s")).isEmpty)
        guard case .card(let refused)? = model.checkout?.window else { Issue.record("window closed"); return }
        #expect(refused.form[.name]?.error == "Name on card contains an invisible character (U+200B) at position 4; remove it.")
    }

    @Test(arguments: [
        ("Name contains a control character (U+001B) at position 3; remove it.", "Nazwa: znak sterujący (U+001B) na pozycji 3; usuń go."),
        ("Name on card contains a text-direction control (U+202E) at position 1; remove it.",
         "Imię i nazwisko: znak sterujący kierunkiem tekstu (U+202E) na pozycji 1; usuń go."),
        ("Street contains an invisible character (U+00AD) at position 2; remove it.", "Ulica: niewidoczny znak (U+00AD) na pozycji 2; usuń go."),
        ("City contains a noncharacter (U+FFFF) at position 2; remove it.", "Miasto: niedozwolony kod Unicode (U+FFFF) na pozycji 2; usuń go."),
        ("Name is too long: 66 columns wide, at most 64.", "Nazwa: za długie — 66 kolumn szerokości, najwyżej 64."),
        ("line 2: The line contains a control character (U+001B) at position 5; remove it.",
         "linia 2: Wiersz: znak sterujący (U+001B) na pozycji 5; usuń go."),
        ("line 1: the template is 65 KiB; at most 64 KiB", "linia 1: szablon ma 65 KiB; najwyżej 64 KiB"),
        ("Provisioning base URL contains a text-direction control (U+202E) at position 19; remove it.",
         "URL bazowy provisioningu: znak sterujący kierunkiem tekstu (U+202E) na pozycji 19; usuń go."),
        ("The path contains a control character (U+0007) at position 1; remove it.", "Ścieżka: znak sterujący (U+0007) na pozycji 1; usuń go."),
    ])
    func polishTranslatesTheRulesMessages(english: String, polish: String) {
        #expect(Localizer.tr(english, .pl) == polish)
    }
}
