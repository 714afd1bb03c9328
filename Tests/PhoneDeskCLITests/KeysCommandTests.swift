import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// `phones keys` and `phones presets`: list, set, clear, sidecars, presets; each bad input
/// refused with its message and nothing saved.
struct KeysCommandTests {
    func phones(_ account: Account) throws -> PhoneList { try Store.open(directory: account.url).load().data.phones }
    func phonesJSON(_ account: Account) throws -> Data { try Data(contentsOf: account.url.appendingPathComponent("phones.json")) }

    @Test func listsTheSeedBLFAsKeyTwo() throws {
        let account = Account()
        let result = account.run("phones", "keys", "1")
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == """
            Yealink T46U: 27 keys on 3 pages of 10; 0 × EXP50 (60 keys each, at most 3); 27 in all, 1 set.
            KEY   PLACE            TYPE        VALUE            LABEL
            2     phone p1         blf         102              Piotr Wiśniewski

            """)
        let json = account.run("phones", "keys", "80:5e:c0:11:22:33", "--json")
        #expect(json.status == 0 && json.out.contains("\"capacity\" : 27") && json.out.contains("\"type\" : \"blf\""))
    }

    @Test func setAndClearAKeyRegeneratesTheFile() throws {
        let account = Account()
        let set = account.run("phones", "keys", "1", "set", "3", "speed-dial", "+48221234567", "--label", "Biuro")
        #expect(set.status == 0, "\(set.err)")
        #expect(set.out == "Saved the keys of \"Recepcja\".\n")
        var phone = try #require(try phones(account).phone(id: 1))
        #expect(phone.keys == [PhoneKey(number: 3, type: .speedDial, value: "+48221234567", label: "Biuro")] && phone.revision == 2)
        #expect(phone.blfExtension == "102")
        let file = try String(contentsOf: account.phoneFile("805ec0112233", "805ec0112233.cfg"), encoding: .utf8)
        #expect(file.contains("linekey.3.type = 13\nlinekey.3.line = 1\nlinekey.3.value = +48221234567\nlinekey.3.label = Biuro\n"))
        // Key 2 is the BLF field: set to another type, the BLF goes, and the command says so.
        let dnd = account.run("phones", "keys", "1", "set", "2", "dnd")
        #expect(dnd.status == 0)
        #expect(dnd.out == "Saved the keys of \"Recepcja\".\nKey 2 was the phone's BLF on 102 Piotr Wiśniewski; it is now dnd, so the BLF is off.\n")
        phone = try #require(try phones(account).phone(id: 1))
        #expect(phone.blfExtension == nil && phone.layout.key(2)?.type == .dnd)
        #expect(account.run("phones", "keys", "1", "clear", "3").status == 0)
        #expect(try phones(account).phone(id: 1)?.layout.keys.map(\.number) == [2])
    }

    /// `none` is an explicit empty key: saved, listed and written (Yealink type 0), not dropped.
    @Test func aNoneKeyIsSavedListedAndWritten() throws {
        let account = Account()
        let set = account.run("phones", "keys", "1", "set", "12", "none")
        #expect(set.status == 0 && set.out == "Saved the keys of \"Recepcja\".\n", "\(set.err)")
        #expect(try phones(account).phone(id: 1)?.keys == [PhoneKey(number: 12, type: .none)])
        let list = account.run("phones", "keys", "1")
        #expect(list.out.hasSuffix("12    phone p2         none        -                -\n"), "\(list.out)")
        let file = try String(contentsOf: account.phoneFile("805ec0112233", "805ec0112233.cfg"), encoding: .utf8)
        #expect(file.contains("linekey.12.type = 0\nlinekey.12.line = 1\n"))
        #expect(String(decoding: try phonesJSON(account), as: UTF8.self).contains("\"type\" : \"none\""))
    }

    /// `phones edit --blf` over a key 2 of another type takes it, and says which it was.
    @Test func theBLFOverAnotherKeyTwoSaysItReplacedIt() throws {
        let account = Account()
        #expect(account.run("phones", "keys", "1", "set", "2", "speed-dial", "103").status == 0)
        let edit = account.run("phones", "edit", "1", "--blf", "104")
        #expect(edit.status == 0, "\(edit.err)")
        #expect(edit.out == "Saved \"Recepcja\".\nKey 2 was a speed dial (103 Katarzyna Wójcik); the BLF replaced it.\n")
        #expect(try phones(account).phone(id: 1)?.layout.key(2) == PhoneKey(number: 2, type: .blf, value: "104"))
        #expect(account.run("phones", "keys", "2", "set", "2", "dnd").status == 0)
        let both = account.run("phones", "edit", "1", "2", "--blf", "105")
        #expect(both.status == 0 && both.out == "Saved 2 phones.\n\"Magazyn\": key 2 was a DND key; the BLF replaced it.\n", "\(both.out)\(both.err)")
    }

    /// A viewer lists a phone's keys and presets; changing them still needs edit.
    @Test func aViewerListsKeysButCannotChangeThem() throws {
        let account = Account()
        let key = account.file("anna.pub", OperatorsCommandTests.anna)
        let environment = ["HOME": "/nonexistent", "PHONEDESK_EXECUTABLE": "/usr/bin/phonedesk",
                           "PHONEDESK_AUTHORIZED_KEYS": account.url.path + ".authorized_keys"]
        func run(_ words: String...) -> (status: Int32, out: String, err: String) { run(words) }
        func run(_ words: [String]) -> (status: Int32, out: String, err: String) {
            var console = Console()
            let status = CLI.run(words + ["--data", account.url.path], environment: environment, console: &console)
            return (status, console.out, console.err)
        }
        #expect(run("operators", "add", "anna", "--role", "view", "--key", key).status == 0)
        let list = run("--operator", "anna", "phones", "keys", "1")
        #expect(list.status == 0 && list.out.contains("2     phone p1         blf         102"), "\(list.err)")
        #expect(run("--operator", "anna", "phones", "keys", "1", "--json").status == 0)
        #expect(run("--operator", "anna", "phones", "presets").status == 0)
        let before = try phonesJSON(account)
        for words in [["set", "3", "dnd"], ["clear", "2"], ["sidecars", "1"], ["--preset", "X"], ["--preset=X"], ["--save-preset", "X"]] {
            #expect(run(["--operator", "anna", "phones", "keys", "1"] + words).err.contains("editing needs edit"), "\(words)")
        }
        let refused = run("--operator", "anna", "phones", "keys", "1", "set", "3", "dnd")
        #expect(refused.err == "phonedesk: your role is view: editing needs edit\n")
        #expect(run("--operator", "anna", "phones", "presets", "remove", "X").status == 1)
        #expect(try phonesJSON(account) == before)
    }

    /// A key-2 BLF with its own label is the phone's BLF: the table's BLF column, the list of
    /// keys (once) and the file all show it.
    @Test func aLabelledKeyTwoBLFIsThePhonesBLF() throws {
        let account = Account()
        let set = account.run("phones", "keys", "1", "set", "2", "blf", "103", "--label", "Anna N")
        #expect(set.status == 0 && set.out == "Saved the keys of \"Recepcja\".\n", "\(set.err)")
        let phone = try #require(try phones(account).phone(id: 1))
        #expect(phone.blfExtension == "103" && phone.blfLabel == "Anna N" && phone.keys == nil)
        let json = String(decoding: try phonesJSON(account), as: UTF8.self)
        #expect(json.contains("\"blf\" : \"103\",\n      \"blfLabel\" : \"Anna N\","))
        let list = account.run("phones", "keys", "1")
        #expect(list.out.hasSuffix("KEY   PLACE            TYPE        VALUE            LABEL\n2     phone p1         blf         103              Anna N\n"))
        let table = account.run("phones", "list")
        #expect(table.out.split(separator: "\n").contains { $0.hasPrefix("1 ") && $0.contains(" 103 ") })
        let file = try String(contentsOf: account.phoneFile("805ec0112233", "805ec0112233.cfg"), encoding: .utf8)
        #expect(file.contains("linekey.2.type = 16\nlinekey.2.line = 1\nlinekey.2.value = 103\nlinekey.2.label = Anna N\n"))
        // Clearing key 2 turns the BLF off, and says so.
        let clear = account.run("phones", "keys", "1", "clear", "2")
        #expect(clear.out.hasPrefix("Saved the keys of \"Recepcja\".\nKey 2 was the phone's BLF on 103 ") && clear.out.hasSuffix("; the BLF is now off.\n"), "\(clear.out)")
        let cleared = try #require(try phones(account).phone(id: 1))
        #expect(cleared.blfExtension == nil && cleared.blfLabel == nil)
    }

    /// A hand-edited line feed in a key's value: `provision` leaves that key out of the file,
    /// never joining the halves into another number, and says which key and how to fix it.
    @Test func aLineBreakInAHandEditedValueIsLeftOutWithAWarning() throws {
        let account = Account()
        #expect(account.run("phones", "keys", "1", "set", "3", "speed-dial", "600").status == 0)
        let path = account.url.appendingPathComponent("phones.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        #expect(text.contains(#""value" : "600""#))
        try text.replacingOccurrences(of: #""value" : "600""#, with: #""value" : "60\n0""#).write(to: path, atomically: true, encoding: .utf8)
        let result = account.run("provision")
        #expect(result.status == 0)
        #expect(result.err.contains("warning: phone 1 \"Recepcja\": key 3's value holds a line break or a control character in phones.json; the key is left out of the phone's file."), "\(result.err)")
        let file = try String(contentsOf: account.phoneFile("805ec0112233", "805ec0112233.cfg"), encoding: .utf8)
        #expect(!file.contains("linekey.3.") && !file.contains("600") && file.contains("linekey.2.value = 102"))
    }

    /// A hand-edited key the model cannot take is left out of its file, and `provision` says
    /// which and why (a line on the GXP2170's key 13: only its 12 fixed keys take a line).
    @Test func aKeyTheModelCannotTakeIsLeftOutWithAWarning() throws {
        let account = Account()
        #expect(account.run("phones", "keys", "2", "set", "13", "speed-dial", "600").status == 0)
        let path = account.url.appendingPathComponent("phones.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: #""type" : "speedDial""#, with: #""type" : "line""#).write(to: path, atomically: true, encoding: .utf8)
        let result = account.run("provision")
        #expect(result.status == 0)
        #expect(result.err.contains("warning: phone 2 \"Magazyn\": Key 13: a GXP2170 holds a line only on keys 1 to 12"), "\(result.err)")
    }

    /// A number set twice by hand: the first key is written, once, and `provision` says so.
    @Test func aKeySetTwiceByHandIsWrittenOnceWithAWarning() throws {
        let account = Account()
        #expect(account.run("phones", "keys", "1", "set", "3", "speed-dial", "600").status == 0)
        #expect(account.run("phones", "keys", "1", "set", "4", "speed-dial", "700").status == 0)
        let path = account.url.appendingPathComponent("phones.json")
        var text = try String(contentsOf: path, encoding: .utf8)
        text = text.replacingOccurrences(of: #""number" : 4"#, with: #""number" : 3"#)
        try text.write(to: path, atomically: true, encoding: .utf8)
        let result = account.run("provision")
        #expect(result.status == 0)
        #expect(result.err.contains("warning: phone 1 \"Recepcja\": key 3 is set twice in phones.json; only the first is in the phone's file."), "\(result.err)")
        let file = try String(contentsOf: account.phoneFile("805ec0112233", "805ec0112233.cfg"), encoding: .utf8)
        #expect(file.components(separatedBy: "linekey.3.type").count == 2 && file.contains("linekey.3.value = 600") && !file.contains("700"))
        // The fix the warning names works: the first key counts, and the next save keeps one.
        #expect(account.run("phones", "keys", "1", "set", "3", "speed-dial", "601").status == 0)
        let fixed = try String(contentsOf: path, encoding: .utf8)
        #expect(fixed.components(separatedBy: #""number" : 3"#).count == 2 && !fixed.contains("700"))
        #expect(!account.run("provision").err.contains("set twice"))
    }

    @Test(arguments: [
        (["set", "3", "speed-dial", "12a"], "Key 3: \"12a\" is neither an extension on the account nor a number (digits, * and #, a + only first; at most 32)."),
        (["set", "3", "blf", "555"], "Key 3: BLF watches a user; 555 is not an extension on the account."),
        (["set", "3", "speed-dial", "1", "--label", "a\u{1B}[2Jb"], "Key 3: the label contains control characters; use plain text."),
        (["set", "28", "dnd"], "Yealink T46U holds 27 keys without sidecars (each EXP50 adds 60, at most 3): key 28 is beyond that."),
        (["sidecars", "4"], "Yealink T46U takes at most 3 EXP50 modules, not 4."),
        (["set", "0", "dnd"], "Keys are numbered from 1; 0 is not a key."),
        (["set", "3", "speed-dial", "+"], "Key 3: \"+\" is neither an extension on the account nor a number (digits, * and #, a + only first; at most 32)."),
        (["set", "3", "speed-dial", "1", "--label", "Anna\u{202E}gnp"], "Key 3: the label contains a text-direction control (U+202E) at position 5; remove it."),
        (["set", "3", "speed-dial", "1", "--label", "A\u{200B}B"], "Key 3: the label contains an invisible character (U+200B) at position 2; remove it."),
        (["set", "3", "speed-dial"], "Key 3: a speed dial key needs a value: an extension on the account or a number to dial."),
    ])
    func badInputIsRefusedAndNothingSaved(words: [String], message: String) throws {
        let account = Account()
        _ = account.run("phones", "list")  // seeds the account
        let before = try phonesJSON(account)
        let result = account.run(["phones", "keys", "1"] + words)
        #expect(result.status == 1)
        #expect(result.err == "phonedesk: \(TerminalText.escaped(message))\nphonedesk: nothing was saved\n")
        #expect(try phonesJSON(account) == before)
    }

    @Test func usageErrorsExitTwo() {
        let account = Account()
        #expect(account.run("phones", "keys").status == 2)
        #expect(account.run("phones", "keys", "1", "set", "x", "dnd").status == 2)
        #expect(account.run("phones", "keys", "1", "extra").status == 2)
        #expect(account.run("phones", "keys", "1", "--preset", "A", "--save-preset", "B").status == 2)
        let unknown = account.run("phones", "keys", "1", "set", "3", "intercom")
        #expect(unknown.status == 1 && unknown.err == "phonedesk: unknown key type \"intercom\"; use one of line, blf, speed-dial, park, dnd, none\n")
        #expect(account.run("phones", "keys", "99").err == "phonedesk: no phone with id or MAC 99\n")
    }

    @Test func presetsAreSavedOnTheAccountAndAppliedToSeveralPhones() throws {
        let account = Account()
        for k in 1...2 {
            #expect(account.run("phones", "add", "--model", "Yealink T54W", "--mac", "80:5e:c0:00:00:0\(k)", "--name", "Biuro \(k)").status == 0)
        }
        #expect(account.run("phones", "keys", "1", "set", "3", "park", "700").status == 0)
        let saved = account.run("phones", "keys", "1", "--save-preset", "Recepcja")
        #expect(saved.out == "Saved key preset \"Recepcja\" (2 keys).\n", "\(saved.err)")
        #expect(account.run("phones", "presets").out.contains("Recepcja                 2      0"))
        let applied = account.run("phones", "keys", "3", "4", "--preset", "Recepcja")
        #expect(applied.status == 0 && applied.out == "Applied \"Recepcja\" to 2 phones.\n", "\(applied.err)")
        for id in [3, 4] { #expect(try phones(account).phone(id: id)?.layout == phones(account).phone(id: 1)?.layout) }
        // A phone that cannot hold it (the GXP2170: a line only on its 12 fixed keys) refuses the whole change.
        #expect(account.run("phones", "keys", "1", "set", "13", "line").status == 0)
        #expect(account.run("phones", "keys", "1", "--save-preset", "Recepcja").status == 0)
        let before = try phonesJSON(account)
        let refused = account.run("phones", "keys", "2", "3", "--preset", "Recepcja")
        #expect(refused.status == 1 && refused.err.contains("\"Magazyn\": Key 13: a GXP2170 holds a line only on keys 1 to 12"), "\(refused.err)")
        #expect(try phonesJSON(account) == before)
        #expect(account.run("phones", "keys", "1", "--preset", "Nope").err == "phonedesk: there is no key preset \"Nope\"; `phonedesk phones presets` lists them\n")
        #expect(account.run("phones", "presets", "remove", "Recepcja").status == 0)
        #expect(account.run("phones", "presets", "remove", "Recepcja").status == 1)
    }
}

extension Account {
    func run(_ words: [String]) -> (status: Int32, out: String, err: String) {
        var console = Console()
        let status = CLI.run(words + ["--data", url.path], environment: ["HOME": "/nonexistent"], console: &console)
        return (status, console.out, console.err)
    }
}
