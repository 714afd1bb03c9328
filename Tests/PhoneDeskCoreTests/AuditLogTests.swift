import Foundation
import Testing
@testable import PhoneDeskCore

struct AuditLogTests {
    @Test func everyChangeIsRecordedWithWhoAndWhereAndNoSecrets() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        store.actor = AuditActor(name: "bob", client: AuditActor.client(["SSH_CONNECTION": "127.0.0.1 50122 127.0.0.1 22"]))
        let phone = try store.load().data.phones[0]
        var edit = PhoneEdit(phone); edit.name = "Front desk"
        _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)).get()
        _ = try store.apply(.setAccountSettings(pin: "7351", sipServer: "sip9.example", provisioningBaseURL: nil)).get()
        _ = try store.apply(.addTemplate(name: "Lobby", modelID: "yealink-t46u")).get()
        let entries = store.audit.read().entries
        #expect(entries.map(\.action) == ["template.add", "settings.account", "phone.edit"])
        let edited = entries[2]
        #expect(edited.who == "bob" && edited.client == "127.0.0.1" && edited.objectID == "\(phone.id)" && edited.objectName == "Front desk")
        #expect(edited.fields == [AuditField(field: "name", before: phone.name, after: "Front desk")])
        let settings = entries[1]
        #expect(settings.fields.contains(AuditField(field: "hotDeskPIN", before: nil, after: nil, secret: true)))
        #expect(settings.fields.contains(AuditField(field: "sipServer", before: "sip.phonedesk.example", after: "sip9.example")))
        let text = try String(contentsOf: temp.file("audit.jsonl"), encoding: .utf8)
        #expect(!text.contains("7351") && text.contains("\"secret\":\"changed\"") && text.split(separator: "\n").count == 3)
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
        // And as a read-only file where permissions apply.
        if getuid() != 0 {
            try FileManager.default.removeItem(at: temp.file("audit.jsonl"))
            _ = FileManager.default.createFile(atPath: temp.file("audit.jsonl").path, contents: nil, attributes: [.posixPermissions: 0o400])
            #expect(throws: StoreError.self) { _ = try store.apply(.update(id: phone.id, baseRevision: phone.revision, edit)) }
        }
    }

    @Test func tornLastLineIsIgnoredAndReported() throws {
        let temp = TempDirectory()
        let log = AuditLog(directory: temp.url)
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        try log.append([AuditEntry(action: "phone.add", objectID: "1")])
        let handle = try FileHandle(forWritingTo: temp.file("audit.jsonl"))
        handle.seekToEndOfFile(); handle.write(Data("{\"time\":\"2026-11-29T2".utf8)); try handle.close()
        var contents = log.read()
        #expect(contents.entries.count == 1 && contents.damaged == ["audit.jsonl line 2"])
        // The next entry starts on a line of its own, so the torn one spoils nothing else.
        try log.append([AuditEntry(action: "phone.edit", objectID: "1")])
        contents = log.read()
        #expect(contents.entries.map(\.action) == ["phone.edit", "phone.add"] && contents.damaged == ["audit.jsonl line 2"])
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
}
