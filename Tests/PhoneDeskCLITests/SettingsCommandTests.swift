import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

extension Account {
    /// `settings show --json`, decoded.
    func settings() throws -> [String: Any] {
        let shown = run("settings", "show", "--json")
        #expect(shown.status == 0, "\(shown.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any])
    }

    /// account.json as it is on disk.
    func accountFile() throws -> Data { try Data(contentsOf: url.appendingPathComponent("account.json")) }

    /// The stored account, read past the CLI.
    func storedAccount() throws -> PhoneDeskCore.Account { try Store(directory: url).load().data.account }

    /// The demo account's Yealink T46U ("Recepcja") provisioning file.
    func yealinkFile() throws -> String {
        try String(contentsOf: try phoneFile("805ec0112233", "805ec0112233.cfg"), encoding: .utf8)
    }
}

/// `phonedesk settings show|set`: the Hot desking tab for scripts.
struct SettingsCommandTests {
    /// Digits that appear nowhere else in the demo account's output.
    static let pin = "86420975"

    @Test func showPrintsTheHotDeskingTabAndNeverThePIN() throws {
        let account = Account()
        let before = account.run("settings", "show")
        #expect(before.status == 0 && before.err.isEmpty, "\(before.err)")
        #expect(before.out == """
            Admin PIN          not set
            SIP server         sip.phonedesk.example
            Provisioning base  https://provisioning.phonedesk.example
            Phone URLs         https://provisioning.phonedesk.example/<phone secret>/
            Old account URL    closed
            Theme              default
            Mouse              on
            Served from        \(account.url.path)/provisioning
            Served to group    none (operator only)
            Access log         none (fetch status not shown)
            Shop phone names   {brand} {model} #{n}

            """)
        #expect(try account.settings()["pinSet"] as? Bool == false)

        let set = account.run(stdin: Self.pin + "\n", "settings", "set", "pin")
        #expect(set.status == 0, "\(set.err)")
        #expect(try account.storedAccount().hotDeskPIN == Self.pin)
        let text = account.run("settings", "show")
        #expect(text.out.hasPrefix("Admin PIN          set\n"))
        let json = account.run("settings", "show", "--json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["pinSet", "sipServer", "provisioningBaseURL", "legacyURL", "theme", "mouse",
                                     "provisioningDirectory", "provisioningGroup", "accessLog", "shopNamePattern"])
        #expect(object["provisioningGroup"] is NSNull)
        #expect(object["pinSet"] as? Bool == true && object["mouse"] as? Bool == true && object["theme"] as? String == "default")
        #expect(object["legacyURL"] is NSNull)
        for output in [set.out, set.err, text.out, text.err, json.out, json.err] {
            #expect(!output.contains(Self.pin), "the PIN was printed: \(output)")
        }
    }

    /// A hand-edited value reaches the terminal escaped, and JSON stays JSON.
    @Test func showEscapesWhatTheFileHolds() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        try account.handEdit("account.json", "\"sip.phonedesk.example\"", #""sip\u001b]0;x\u0007.example""#)
        #expect(account.run("settings", "show").out.contains(#"SIP server         sip\u{1B}]0;x\u{7}.example"#))
        #expect(try account.settings()["sipServer"] as? String == "sip\u{1B}]0;x\u{7}.example")
    }

    @Test func setSIPServerSavesOnlyItAndRegeneratesTheFiles() throws {
        let account = Account()
        #expect(account.run(stdin: Self.pin, "settings", "set", "pin").status == 0)
        #expect(try account.yealinkFile().contains("account.1.sip_server.1.address = sip.phonedesk.example\n"))
        let result = account.run("settings", "set", "sip-server", " pbx.example.com:5060 ")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "Saved SIP server pbx.example.com:5060; provisioning files of 2 phones updated.\n")
        #expect(result.err.isEmpty)
        let stored = try account.storedAccount()
        #expect(stored.sipServer == "pbx.example.com:5060")
        #expect(stored.provisioningBaseURL == "https://provisioning.phonedesk.example" && stored.hotDeskPIN == Self.pin)
        #expect(stored.theme == nil && stored.mouse == nil)
        let file = try account.yealinkFile()
        #expect(file.contains("account.1.sip_server.1.address = pbx.example.com:5060\n") && !file.contains("sip.phonedesk.example"))
        // The panel's save, to the byte: `provision --check` finds nothing out of date.
        #expect(account.run("provision", "--check").status == 0)
    }

    @Test func aRefusedSIPServerWritesNothing() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        let file = try account.accountFile(), phoneFile = try account.yealinkFile()
        for (value, message) in [("bad host", "Not a host name: use letters, digits, '-' and '.'."), ("pbx.example.com:0", "The port must be 1-65535 (digits only)."),
                                 ("", "SIP server is required."), ("a:1:2", "Use host or host:port.")] {
            let result = account.run("settings", "set", "sip-server", value)
            #expect(result.status == 1, "\(value)")
            #expect(result.out.isEmpty)
            #expect(result.err == "phonedesk: sip-server: \(message)\n", "\(value)")
        }
        #expect(try account.accountFile() == file)
        #expect(try account.yealinkFile() == phoneFile)
        // Checked before the store opens: a refused value creates no account.
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-settings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        var console = Console()
        #expect(CLI.run(["settings", "set", "sip-server", "bad host", "--data", parent.path], environment: [:], console: &console) == 1)
        #expect(!FileManager.default.fileExists(atPath: parent.path))
    }

    @Test func setBaseURLPrintsTheNewProvisioningURL() throws {
        let account = Account()
        let result = account.run("settings", "set", "base-url", "http://10.0.0.5:8080/")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == """
            Saved provisioning base URL http://10.0.0.5:8080; provisioning files of 2 phones updated.
            Phone URLs: http://10.0.0.5:8080/<phone secret>/

            """)
        let shown = try account.settings()
        #expect(shown["provisioningBaseURL"] as? String == "http://10.0.0.5:8080")
        #expect(shown["sipServer"] as? String == "sip.phonedesk.example")
        let file = try account.accountFile()
        let bad = account.run("settings", "set", "base-url", "ftp://files.example.com")
        #expect(bad.status == 1 && bad.err == "phonedesk: base-url: Start with http:// or https://.\n")
        #expect(try account.accountFile() == file)
    }

    @Test func thePINIsReadFromStandardInput() throws {
        let account = Account()
        let saved = account.run(stdin: "2580\r\n", "settings", "set", "pin")
        #expect(saved.status == 0, "\(saved.err)")
        #expect(saved.out == "Saved the new PIN; provisioning files of 2 phones updated.\n")
        #expect(try account.storedAccount().hotDeskPIN == "2580")
        #expect(try account.yealinkFile().contains("static.security.user_password = admin:2580\n"))
        let file = try account.accountFile()
        let refusals: [(String, String)] = [
            ("1234\n", "pin: Too easy to guess: an ascending run like 1234."),
            ("12a4\n", "pin: Digits only (0-9)."),
            ("12345678901234567\n", "pin: Use 4 to 16 digits; this has 17."),
            ("2580 \n", "pin: Digits only (0-9)."),
            ("\n", "no PIN on standard input; pipe it: echo 1357 | phonedesk settings set pin"),
            ("", "no PIN on standard input; pipe it: echo 1357 | phonedesk settings set pin"),
            ("2580\n2580\n", "standard input holds more than one line; give the PIN alone: echo 1357 | phonedesk settings set pin"),
            (String(repeating: "7", count: 5_000), "standard input is larger than 1 KiB; give one line with the PIN (4 to 16 digits)"),
        ]
        for (input, message) in refusals {
            let result = account.run(stdin: input, "settings", "set", "pin")
            #expect(result.status == 1, "\(input.debugDescription)")
            #expect(result.err == "phonedesk: \(message)\n", "\(input.debugDescription)")
            #expect(result.out.isEmpty)
        }
        #expect(try account.accountFile() == file)
        // No standard input at all (Console() has none): a failure, not a wait.
        let none = account.run("settings", "set", "pin")
        #expect(none.status == 1 && none.err.hasPrefix("phonedesk: cannot read standard input; pipe the PIN"))
    }

    /// argv is visible in ps and kept in shell history: a PIN there is refused and not echoed.
    @Test func aPINAsAnArgumentIsRefusedUnechoed() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        let file = try account.accountFile()
        for words in [["settings", "set", "pin", "97531"], ["settings", "set", "pin", "--", "97531"], ["settings", "set", "97531"]] {
            var console = Console(input: { Data("2580\n".utf8) })
            let status = CLI.run(words + ["--data", account.url.path], environment: [:], console: &console)
            #expect(status == ExitCode.usage, "\(words)")
            #expect(console.err.contains("echo 1357 | phonedesk settings set pin"), "\(words): \(console.err)")
            #expect(!console.err.contains("97531") && !console.out.contains("97531"), "\(words) echoed the PIN")
        }
        #expect(try account.accountFile() == file)
    }

    /// Typing at a terminal would show the PIN, and the command would wait: refused unread.
    @Test func aPINFromATerminalIsRefusedUnread() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        let file = try account.accountFile()
        var console = Console(input: { Issue.record("read the terminal"); return Data("2580\n".utf8) }, inputIsTerminal: true)
        let status = CLI.run(["settings", "set", "pin", "--data", account.url.path], environment: [:], console: &console)
        #expect(status == ExitCode.usage)
        #expect(console.err.hasPrefix("phonedesk: settings set pin reads the PIN from standard input, which is a terminal; pipe it: echo 1357 | phonedesk settings set pin\n"))
        #expect(try account.accountFile() == file)
        // The decision itself: a terminal is never read; anything else is read up to the cap.
        #expect(PINInput.pin(isTerminal: true, read: { _ in Issue.record("read"); return nil }) ==
                .failure(.usage("settings set pin reads the PIN from standard input, which is a terminal; pipe it: echo 1357 | phonedesk settings set pin")))
        var asked: Int?
        #expect(PINInput.pin(isTerminal: false, read: { limit in asked = limit; return Data("2580\n".utf8) }) == .success("2580"))
        #expect(asked == PINInput.maxBytes)
        // An import from a terminal still reads it (to end of file), as before.
        var importing = Console(input: { Data("model,mac,name,user\n".utf8) }, inputIsTerminal: true)
        #expect(CLI.run(["phones", "import", "-", "--data", account.url.path], environment: [:], console: &importing) == 0)
    }

    @Test func unknownSettingsAndCommandLinesAreUsageErrors() {
        let account = Account()
        let unknown = account.run("settings", "set", "colour", "blue")
        #expect(unknown.status == 2)
        #expect(unknown.err.hasPrefix("phonedesk: unknown setting \"colour\"; the settings are sip-server, base-url, pin, provisioning-dir, group, access-log, legacy-url, shop-name-pattern\nusage: phonedesk settings"))
        let cases: [([String], String)] = [
            (["settings", "frobnicate"], "phonedesk: unknown settings command frobnicate"),
            (["settings", "set"], "phonedesk: settings set needs a setting: sip-server, base-url, pin, provisioning-dir, group, access-log, legacy-url, shop-name-pattern"),
            (["settings", "set", "sip-server"], "phonedesk: settings set sip-server needs one value"),
            (["settings", "set", "base-url", "http://a.example", "http://b.example"], "phonedesk: settings set base-url needs one value"),
            (["settings", "set", "sip-server", "--json", "pbx.example.com"], "phonedesk: unknown option --json"),
            (["settings", "show", "extra"], "phonedesk: unexpected extra"),
            (["settings", "show", "--json", "--json"], "phonedesk: --json is given twice"),
            (["settings", "show", "--data="], "phonedesk: --data needs a value; it is empty"),
        ]
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("phonedesk-settings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        for (words, message) in cases {
            var console = Console()
            #expect(CLI.run(words + ["--data", parent.path], environment: [:], console: &console) == ExitCode.usage, "\(words)")
            #expect(console.err.hasPrefix(message), "\(words): \(console.err)")
            #expect(!FileManager.default.fileExists(atPath: parent.path), "\(words) created \(parent.path)")
        }
        var console = Console()
        #expect(CLI.run(["settings"], environment: [:], console: &console) == ExitCode.usage)
        #expect(console.err.hasPrefix("usage: phonedesk settings show"))
        console = Console()
        #expect(CLI.run(["settings", "--help"], environment: [:], console: &console) == ExitCode.success)
        #expect(console.out.hasPrefix("usage: phonedesk settings show [--json]"))
        console = Console()
        #expect(CLI.run(["settings", "set", "pin", "--help"], environment: [:], console: &console) == ExitCode.success)
        #expect(console.out.contains("echo PIN | phonedesk settings set pin"))
        console = Console()
        #expect(CLI.run(["help"], environment: [:], console: &console) == ExitCode.success)  // `phonedesk --help`
        #expect(console.out.contains("phonedesk settings show [--json]") && console.out.contains("phonedesk settings set pin"))
        #expect(CLI.commands.contains("settings"))
    }

    /// A file from a newer phonedesk is shown, never written: the message of every write command.
    @Test func aNewerAccountFileIsShownButNotWritten() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        try account.handEdit("account.json", "\"schemaVersion\" : 1", "\"schemaVersion\" : 99")
        let file = try account.accountFile()
        #expect(account.run("settings", "show").status == 0)
        let path = account.url.appendingPathComponent("account.json").path
        for (words, stdin) in [(["settings", "set", "sip-server", "pbx.example.com"], ""), (["settings", "set", "pin"], "2580\n")] {
            var console = Console(input: { Data(stdin.utf8) })
            #expect(CLI.run(words + ["--data", account.url.path], environment: [:], console: &console) == ExitCode.failure, "\(words)")
            #expect(console.err == "phonedesk: Not saved: \(path) was written by a newer phonedesk.\n", "\(words)")
            #expect(console.out.isEmpty)
        }
        #expect(try account.accountFile() == file)
    }

    /// The lock held by another process (here another open file description): the busy message
    /// and exit 1 of every other command, and nothing written.
    @Test func aBusyStoreIsAFailureLikeOtherWrites() throws {
        let account = Account()
        #expect(account.run("settings", "show").status == 0)
        let file = try account.accountFile()
        let lock = account.url.appendingPathComponent(".lock").path
        let fd = Glibc.open(lock, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        let settings = account.run("settings", "set", "sip-server", "pbx.example.com")
        let phones = account.run("phones", "remove", "1")
        #expect(settings.status == 1 && phones.status == 1)
        #expect(settings.err == "phonedesk: \(StoreError.locked(path: lock, holder: "\(getpid())").description)\n")
        #expect(settings.err == phones.err && settings.out.isEmpty)
        #expect(try account.accountFile() == file)
    }
}
