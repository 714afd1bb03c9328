import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

extension Account {
    /// Runs a command with `stdin` as its standard input.
    func run(stdin: String, _ words: String...) -> (status: Int32, out: String, err: String) {
        var console = Console(input: { Data(stdin.utf8) })
        let status = CLI.run(words + ["--data", url.path], environment: ["HOME": "/nonexistent"], console: &console)
        return (status, console.out, console.err)
    }

    /// Replaces `old` with `new` in one of the account's files, as an editor would.
    func handEdit(_ name: String, _ old: String, _ new: String) throws {
        let path = url.appendingPathComponent(name)
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: path)
    }
}

/// Everything the CLI prints shows controls and invisible characters escaped, never raw.
struct OutputEscapingTests {
    /// OSC 52 (sets the clipboard), OSC 0 (the title), a C1 CSI, a bidi override — as JSON
    /// escapes, so the files hold the raw characters once decoded.
    static let hostile = #"\u001b]52;c;cHduZWQ=\u0007\u001b]0;pwned\u0007X\u0085\u009b31m\u202eY\u2066\u00ad\ufeff\udb40\udc41"#
    static let decoded = "\u{1B}]52;c;cHduZWQ=\u{7}\u{1B}]0;pwned\u{7}X\u{85}\u{9B}31m\u{202E}Y\u{2066}\u{AD}\u{FEFF}\u{E0041}"

    /// No byte or scalar a terminal acts on, or that hides or reorders text.
    static func expectInert(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!text.utf8.contains(0x1B) && !text.utf8.contains(0x07), "\(what): raw ESC or BEL", sourceLocation: sourceLocation)
        for scalar in text.unicodeScalars where scalar != "\n" {
            #expect(!TerminalText.needsEscape(scalar), "\(what): raw U+\(String(scalar.value, radix: 16))", sourceLocation: sourceLocation)
        }
    }

    @Test func handEditedNamesAndEmailsArePrintedEscaped() throws {
        let account = Account()
        #expect(account.run("phones", "list").status == 0)  // creates the demo account
        try account.handEdit("phones.json", "\"Recepcja\"", "\"R\(Self.hostile)\"")
        try account.handEdit("users.json", "\"Anna Nowak\"", "\"Anna\(Self.hostile)\"")
        try account.handEdit("users.json", "\"name\" : \"Piotr", "\"email\" : \"p@x.pl\(Self.hostile)\", \"name\" : \"Piotr")
        for words in [["phones", "list"], ["phones", "list", "--json"], ["phones", "list", "--csv"], ["phones", "export"],
                      ["phones", "export", "--json"], ["users", "list"], ["users", "list", "--json"], ["users", "list", "--csv"],
                      ["phones", "edit", "1", "--user", "102", "--blf", "101"], ["phones", "remove", "2"]] {
            var console = Console()
            let status = CLI.run(words + ["--data", account.url.path], environment: [:], console: &console)
            #expect(status == 0, "\(words): \(console.err)")
            Self.expectInert(console.out, "\(words) stdout")
            Self.expectInert(console.err, "\(words) stderr")
            if !words.contains("--json") && words != ["phones", "edit", "1", "--user", "102", "--blf", "101"] && words != ["phones", "remove", "2"] {
                #expect(console.out.contains(#"\u{1B}]52;c;cHduZWQ=\u{7}"#), "\(words) shows the escape as text")
            }
        }
        // JSON stays valid JSON and decodes to exactly what the file holds.
        let json = account.run("users", "list", "--json").out
        #expect(json.contains(#"\u009b31m\u202eY"#) && json.contains(#"\udb40\udc41"#))
        let users = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        #expect(users.first?["name"] == "Anna" + Self.decoded)
        #expect(users.first { $0["extension"] == "102" }?["email"] == "p@x.pl" + Self.decoded)
        let phones = try #require(JSONSerialization.jsonObject(with: Data(account.run("phones", "list", "--json").out.utf8)) as? [[String: Any]])
        #expect(phones.first?["name"] as? String == "R" + Self.decoded)
    }

    @Test func importErrorsQuoteInputEscaped() {
        let account = Account()
        let csv = "extension,name,email\n107,Eve,\u{1B}]0;pwned\u{7}\n\u{1B}[2J,Bob,\n"
        let result = account.run("users", "import", account.file("u.csv", csv))
        #expect(result.status == 1)
        Self.expectInert(result.err, "users import")
        #expect(result.err.contains("line 2: E-mail contains a control character (U+001B) at position 1; remove it."))
        #expect(account.run("users", "list").out.contains("Eve") == false)
        let phones = account.run("phones", "import", account.file("p.csv", "model,mac,name\nNokia\u{1B}]52;c;eA==\u{7},zz\u{9B},Desk\n"))
        #expect(phones.status == 1)
        Self.expectInert(phones.err, "phones import")
        #expect(phones.err.contains(#"unknown model "Nokia\u{1B}]52;c;eA==\u{7}""#))
        let arguments = account.run("phones", "edit", "\u{1B}]0;x\u{7}", "--user", "101")
        #expect(arguments.status == 1)
        Self.expectInert(arguments.err, "phones edit")
        let unknown = account.run("phones", "list", "--\u{202E}x")
        #expect(unknown.status == 2)
        Self.expectInert(unknown.err, "an unknown option")
    }

    @Test func addRefusesANameWithAControlCharacter() {
        let account = Account()
        let result = account.run("phones", "add", "--model", "t46u", "--mac", "02:00:00:00:00:07", "--name", "Desk\u{1B}]0;x\u{7}")
        #expect(result.status == 1)
        #expect(result.err == "phonedesk: name: Name contains a control character (U+001B) at position 5; remove it.\n")
    }

    /// Help is the one text written unescaped (`printTrusted`): it must be inert itself.
    @Test func helpTextsAreInert() {
        for text in [Help.main, Help.phones, Help.phonesList, Help.phonesAdd, Help.phonesEdit, Help.phonesRemove, Help.phonesImport,
                     Help.phonesExport, Help.users, Help.orders, Help.settings, Help.models, Help.provision, Help.initialise] {
            Self.expectInert(text, String(text.prefix(40)))
        }
    }

    @Test func escapingIsExactAndLeavesOrdinaryTextAlone() {
        #expect(TerminalText.escaped("Biuro Łódź 受付 C:\\x") == "Biuro Łódź 受付 C:\\x")
        #expect(TerminalText.escaped("a\u{1B}b\u{7F}\u{9B}\u{202E}\u{E0041}\n", keepNewlines: false) == #"a\u{1B}b\u{7F}\u{9B}\u{202E}\u{E0041}\u{A}"#)
        #expect(TerminalText.escaped("a\nb") == "a\nb")
        #expect(TerminalText.escapedJSON("[\n  \"a\u{85}\u{E0041}\"\n]") == "[\n  \"a\\u0085\\udb40\\udc41\"\n]")
    }
}
