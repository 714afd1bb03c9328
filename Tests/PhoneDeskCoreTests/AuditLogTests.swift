import Foundation
import Testing
@testable import PhoneDeskCore

struct AuditLogTests {
    @Test func everyChangeIsRecordedWithWhoAndWhereAndNoSecrets() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        _ = try store.apply(.add(name: "bob", roles: [.admin], keyText: TestKeys.anna), keys: AuthorizedKeys(path: temp.file("ak").path),
                            executable: "/usr/bin/phonedesk").get()
        store.actor = AuditActor(name: "bob", client: AuditActor.client(["SSH_CONNECTION": "127.0.0.1 50122 127.0.0.1 22"]))
        let phone = try store.load().data.phones[0]
        var edit = PhoneEdit(phone); edit.name = "Front desk"
        _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)).get()
        _ = try store.apply(.setAccountSettings(pin: "7351", sipServer: "sip9.example", provisioningBaseURL: nil)).get()
        _ = try store.apply(.addTemplate(name: "Lobby", modelID: "yealink-t46u")).get()
        let entries = store.audit.read().entries
        #expect(entries.map(\.action) == ["template.add", "settings.account", "phone.edit", "operator.add"])
        let edited = entries[2]
        #expect(edited.who == "bob" && edited.client == "127.0.0.1" && edited.objectID == "\(phone.id)" && edited.objectName == "Front desk")
        #expect(edited.fields == [AuditField(field: "name", before: phone.name, after: "Front desk")])
        let settings = entries[1]
        #expect(settings.fields.contains(AuditField(field: "hotDeskPIN", before: nil, after: nil, secret: true)))
        #expect(settings.fields.contains(AuditField(field: "sipServer", before: "sip.phonedesk.example", after: "sip9.example")))
        let text = try String(contentsOf: temp.file("audit.jsonl"), encoding: .utf8)
        #expect(!text.contains("7351") && text.contains("\"secret\":\"changed\"") && text.split(separator: "\n").count == 4)
        #expect(temp.mode("audit.jsonl") == 0o600)
        #expect(text.contains("\"client\":\"127.0.0.1\""))
    }

    @Test func localRunRecordsLocalAndNullClient() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let phone = try store.load().data.phones[0]
        _ = try store.apply(.delete(id: phone.id, baseRevision: phone.revision)).get()
        let text = try String(contentsOf: temp.file("audit.jsonl"), encoding: .utf8)
        #expect(text.contains("\"operator\":\"local\"") && text.contains("\"client\":null") && text.contains("\"action\":\"phone.delete\""))
    }

    @Test func unwritableAuditLogRefusesTheChange() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let before = try Data(contentsOf: temp.file("phones.json"))
        // A directory in its place: unwritable even for root (chmod is not, and the tests run as root).
        try FileManager.default.createDirectory(at: temp.file("audit.jsonl"), withIntermediateDirectories: false)
        let phone = try store.load().data.phones[0]
        var edit = PhoneEdit(phone); edit.name = "Unaudited"
        #expect(throws: StoreError.self) { _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) }
        do { _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) } catch {
            #expect(error.description.contains("the audit log cannot be written") && error.description.contains("the change was not made"))
        }
        #expect(try Data(contentsOf: temp.file("phones.json")) == before)
        #expect(throws: StoreError.self) { _ = try store.apply(.setAccountSettings(pin: "7351", sipServer: nil, provisioningBaseURL: nil)) }
        #expect(try store.load().data.account.hotDeskPIN != "7351")
        // An image is recorded before it reaches the served tree: refused, it leaves no file there.
        let image = temp.file("logo.png")
        try Data(SampleImages.png(width: 480, height: 272)).write(to: image)
        #expect(throws: StoreError.self) { _ = try store.apply(.addBackground(name: "Logo", path: image.path)) }
        let images = try store.servedDirectory().appendingPathComponent(".images").path
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: images)) ?? []).isEmpty)
        // And as a read-only file where permissions apply.
        if getuid() != 0 {
            try FileManager.default.removeItem(at: temp.file("audit.jsonl"))
            _ = FileManager.default.createFile(atPath: temp.file("audit.jsonl").path, contents: nil, attributes: [.posixPermissions: 0o400])
            #expect(throws: StoreError.self) { _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) }
        }
    }

    /// The entry goes first; a change that then fails to be written is recorded again as not
    /// made, so the log never claims a change that did not happen.
    @Test func aChangeThatFailsAfterItsEntryIsRecordedAsNotMade() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        #expect(throws: StoreError.self) {
            try store.locked { () throws(StoreError) in
                try store.audited("operator.add", id: nil, name: "anna", before: String?.none, after: "view")
                throw StoreError.io(path: "authorized_keys", detail: "cannot create: Operation not permitted")
            }
        }
        let entries = store.audit.read().entries
        #expect(entries.map(\.action) == ["operator.add", "operator.add"])
        #expect(entries[0].failed == "authorized_keys: cannot create: Operation not permitted" && entries[1].failed == nil)
        #expect(entries[0].summaries().first == "not made: authorized_keys: cannot create: Operation not permitted")
        // The next change starts clean: its success is not marked, nor is the earlier one again.
        let phone = try store.load().data.phones[0]
        var edit = PhoneEdit(phone); edit.name = "Made"
        _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)).get()
        #expect(store.audit.read().entries.map(\.failed) == [nil, entries[0].failed, nil])
    }

    /// A refusal before anything is written (a path authorized_keys cannot hold) is not audited.
    @Test func anOperatorRefusedBeforeWritingLeavesNoEntry() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url.appendingPathComponent("data"))
        let keys = AuthorizedKeys(path: temp.url.appendingPathComponent("ssh/authorized_keys").path)
        let result = try store.apply(.add(name: "anna", roles: [.view], keyText: TestKeys.anna), keys: keys, executable: "/opt/a\"b/phonedesk")
        if case .failure(let problem) = result { #expect(problem.message.contains("quote")) } else { Issue.record("accepted") }
        let operators = try store.operators()
        #expect(store.audit.read().entries.isEmpty && operators.isEmpty)
    }

    @Test func tornLastLineIsIgnoredAndReported() throws {
        let temp = TempDirectory()
        let log = AuditLog(directory: temp.url)
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        try log.append([AuditEntry(action: "phone.add", objectID: "1")])
        let handle = try FileHandle(forWritingTo: temp.file("audit.jsonl"))
        handle.seekToEndOfFile(); handle.write(Data("{\"time\":\"2026-11-29T2".utf8)); try handle.close()
        var contents = log.read()
        #expect(contents.entries.count == 1 && contents.damaged == [AuditLog.Damage("audit.jsonl line 2", .torn)])
        // The next entry starts on a line of its own, so the torn one spoils nothing else.
        try log.append([AuditEntry(action: "phone.edit", objectID: "1")])
        contents = log.read()
        #expect(contents.entries.map(\.action) == ["phone.edit", "phone.add"] && contents.damaged == [AuditLog.Damage("audit.jsonl line 2", .torn)])
    }

    /// A whole line that is no entry (a hand edit) is not blamed on a crash; a log that is a
    /// symbolic link or a directory is reported, never followed or passed over in silence.
    @Test func junkLinesAndOddFilesAreReportedForWhatTheyAre() throws {
        let temp = TempDirectory()
        let log = AuditLog(directory: temp.url)
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        try log.append([AuditEntry(action: "phone.add", objectID: "1")])
        let handle = try FileHandle(forWritingTo: temp.file("audit.jsonl"))
        handle.seekToEndOfFile(); handle.write(Data("# checked by Anna\n".utf8)); try handle.close()
        #expect(log.read().damaged == [AuditLog.Damage("audit.jsonl line 2", .notAnEntry)])
        #expect(log.read().damaged[0].description == "audit.jsonl line 2: not an audit entry (edited by hand?)")

        let elsewhere = temp.file("elsewhere.jsonl")
        try FileManager.default.moveItem(at: temp.file("audit.jsonl"), to: elsewhere)
        try FileManager.default.createSymbolicLink(at: temp.file("audit.jsonl"), withDestinationURL: elsewhere)
        var contents = log.read()
        #expect(contents.entries.isEmpty && contents.damaged.map(\.place) == ["audit.jsonl"])
        #expect(contents.damaged[0].description.contains("symbolic link"))

        try FileManager.default.removeItem(at: temp.file("audit.jsonl"))
        try FileManager.default.createDirectory(at: temp.file("audit.jsonl"), withIntermediateDirectories: false)
        contents = log.read()
        #expect(contents.entries.isEmpty && contents.damaged == [AuditLog.Damage("audit.jsonl", .unreadable("not a plain file, not read"))])
    }

    @Test func rotationKeepsTheOldFile() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        let log = AuditLog(directory: temp.url, rotateBytes: 200)
        for n in 1...6 { try log.append([AuditEntry(action: "phone.edit", objectID: "\(n)", objectName: String(repeating: "x", count: 40))]) }
        #expect(FileManager.default.fileExists(atPath: temp.file("audit.jsonl.1").path))
        #expect(FileManager.default.fileExists(atPath: temp.file("audit.jsonl.2").path))
        #expect(log.read().entries.map(\.objectID) == ["6", "5", "4", "3", "2", "1"])
    }

    /// Old files archived by hand leave gaps: every rotated file is still read, newest first,
    /// and the next rotation goes after the highest number, so a higher number stays newer.
    @Test func rotatedFilesAreFoundPastAGapAndTheNextGoesLast() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        let log = AuditLog(directory: temp.url, rotateBytes: 200)
        for n in 1...6 { try log.append([AuditEntry(action: "phone.edit", objectID: "\(n)", objectName: String(repeating: "x", count: 40))]) }
        try FileManager.default.moveItem(at: temp.file("audit.jsonl.1"), to: temp.file("archived"))
        #expect(log.read().entries.map(\.objectID) == ["6", "5", "4", "3"])
        for n in 7...8 { try log.append([AuditEntry(action: "phone.edit", objectID: "\(n)", objectName: String(repeating: "x", count: 40))]) }
        #expect(FileManager.default.fileExists(atPath: temp.file("audit.jsonl.3").path))
        #expect(!FileManager.default.fileExists(atPath: temp.file("audit.jsonl.1").path))
        #expect(log.read().entries.map(\.objectID) == ["8", "7", "6", "5", "4", "3"])
        // A crafted number past a billion is not a rotated file: the next rotation does not overflow.
        _ = FileManager.default.createFile(atPath: temp.file("audit.jsonl.9223372036854775807").path, contents: Data())
        for n in 9...10 { try log.append([AuditEntry(action: "phone.edit", objectID: "\(n)", objectName: String(repeating: "x", count: 40))]) }
        #expect(FileManager.default.fileExists(atPath: temp.file("audit.jsonl.4").path))
    }

    /// A list field (a phone's keys) is compared whole and logged as the items that went and
    /// came: a change far down a long list was once cut off the shortened text and lost.
    @Test func aKeyChangeFarDownTheListIsLoggedAsThatKey() {
        struct Phoneish: Encodable { var keys: [PhoneKey] }
        let keys = (3...29).map { PhoneKey(number: $0, type: .speedDial, value: "\(600 + $0)", label: "Speed dial number \($0)") }
        var changed = keys
        changed[25] = PhoneKey(number: 28, type: .blf, value: "106", label: "Michał")
        let fields = AuditDiff.fields(Phoneish(keys: keys), Phoneish(keys: changed))
        #expect(fields.count == 1 && fields[0].field == "keys")
        #expect(fields[0].before == #"{"label":"Speed dial number 28","number":28,"type":"speedDial","value":"628"}"#)
        #expect(fields[0].after == #"{"label":"Michał","number":28,"type":"blf","value":"106"}"#)
        // A key removed: it went, nothing came.
        let removed = AuditDiff.fields(Phoneish(keys: keys), Phoneish(keys: Array(keys.dropLast())))
        #expect(removed[0].before?.contains(#""number":29"#) == true && removed[0].after == nil)
    }

    /// Key presets are changes like any other: saved, replaced and removed, each one entry.
    @Test func keyPresetsAreAudited() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let preset = KeyPreset(name: "Desk", keys: [PhoneKey(number: 3, type: .speedDial, value: "600")])
        _ = try store.apply(.saveKeyPreset(preset)).get()
        _ = try store.apply(.saveKeyPreset(KeyPreset(name: "Desk", keys: [PhoneKey(number: 3, type: .speedDial, value: "700")]))).get()
        _ = try store.apply(.deleteKeyPreset(name: "Desk")).get()
        let entries = store.audit.read().entries
        #expect(entries.map(\.action) == ["preset.delete", "preset.edit", "preset.add"])
        #expect(entries.allSatisfy { $0.objectName == "Desk" })
        #expect(entries[1].fields.first?.field == "keys" && entries[1].fields.first?.after?.contains("700") == true)
    }

    /// A log made by hand with wider permissions is narrowed to 0600 at the next entry.
    @Test func aWiderLogIsNarrowed() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: temp.file("audit.jsonl").path, contents: nil, attributes: [.posixPermissions: 0o644])
        try AuditLog(directory: temp.url).append([AuditEntry(action: "phone.edit", objectID: "1")])
        #expect(temp.mode("audit.jsonl") == 0o600)
    }
}
