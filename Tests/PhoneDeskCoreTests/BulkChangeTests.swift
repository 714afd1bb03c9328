import Foundation
import Testing
@testable import PhoneDeskCore

/// One bulk change is one store operation: all of it or none, stale phones named.
struct BulkChangeTests {
    let temp = TempDirectory()

    /// The demo account plus three more Yealink T46U phones and a T46U template with one line.
    func account() throws -> Store {
        let store = try Store.open(directory: temp.url)
        for k in 1...3 {
            _ = try store.apply(.add(NewPhone(name: "Desk \(k)", modelID: "yealink-t46u", mac: MACAddress(hex: "805ec000000\(k)")))).get()
        }
        _ = try store.apply(.addTemplate(name: "T46", modelID: "yealink-t46u")).get()
        _ = try store.apply(.setTemplateBody(name: "T46", body: "local_time.time_zone = +1\n")).get()
        return store
    }

    func refs(_ store: Store, _ names: [String]) throws -> [PhoneRef] {
        let phones = try store.load().data.phones
        return names.map { name in PhoneRef(phones.first { $0.name == name }!) }
    }

    func cfg(_ store: Store, _ hex: String) throws -> String {
        try String(contentsOf: try store.phoneDirectory(ofMAC: hex).appendingPathComponent("\(hex).cfg"), encoding: .utf8)
    }

    @Test func aTemplateForThreePhonesIsOneSaveAndWritesTheirFiles() throws {
        let store = try account()
        let before = try store.load().data.phones.first { $0.name == "Recepcja" }!
        let change = BulkChange(phones: try refs(store, ["Desk 1", "Desk 2", "Desk 3"]), action: .edit(BulkEdit(template: .set("T46")), skipUnfit: false))
        let outcome = try store.apply(.bulk(change)).get()
        let phones = outcome.data.phones
        for name in ["Desk 1", "Desk 2", "Desk 3"] {
            let phone = phones.first { $0.name == name }!
            #expect(phone.template == "T46" && phone.revision == 2)
        }
        #expect(phones.first { $0.name == "Recepcja" } == before)
        for k in 1...3 { #expect(try cfg(store, "805ec000000\(k)").contains("local_time.time_zone = +1")) }
        #expect(try !cfg(store, "805ec0112233").contains("local_time.time_zone"))
        let text = try String(contentsOf: temp.file("phones.json"), encoding: .utf8)
        #expect(text.components(separatedBy: "\"template\" : \"T46\"").count == 4)
    }

    @Test func aStalePhoneStopsTheWholeChangeAndIsNamed() throws {
        let store = try account()
        let targets = try refs(store, ["Desk 1", "Desk 2", "Desk 3"])
        // Another operator edits Desk 2 after the marks were made.
        let desk2 = try store.load().data.phones.first { $0.name == "Desk 2" }!
        var edit = PhoneEdit(desk2)
        edit.userExtension = "103"
        _ = try store.apply(.update(id: desk2.id, baseRevision: desk2.revision, edit)).get()
        let bytes = try Data(contentsOf: temp.file("phones.json"))
        let result = try store.apply(.bulk(BulkChange(phones: targets, action: .edit(BulkEdit(template: .set("T46")), skipUnfit: false))))
        guard case .failure(.several(let problems)) = result else { Issue.record("not refused: \(result)"); return }
        #expect(problems == [PhoneProblem(name: "Desk 2", reason: .stale)])
        #expect(ChangeRejection.several(problems).message == "Nothing saved: \"Desk 2\" was changed by another operator meanwhile.")
        #expect(try Data(contentsOf: temp.file("phones.json")) == bytes)
        #expect(try store.load().data.phones.allSatisfy { $0.template == nil })
        #expect(try !cfg(store, "805ec0000001").contains("local_time.time_zone"))
    }

    @Test func aPhoneThatCannotTakeTheValueRefusesOrIsSkipped() throws {
        let store = try account()
        // Magazyn is a Grandstream: the T46U template is not for it.
        let targets = try refs(store, ["Desk 1", "Magazyn"])
        let strict = try store.apply(.bulk(BulkChange(phones: targets, action: .edit(BulkEdit(template: .set("T46")), skipUnfit: false))))
        guard case .failure(.several(let problems)) = strict else { Issue.record("not refused: \(strict)"); return }
        #expect(problems.map(\.name) == ["Magazyn"])
        #expect(try store.load().data.phones.allSatisfy { $0.template == nil })
        // The panel's way: Magazyn is skipped, Desk 1 takes it.
        let outcome = try store.apply(.bulk(BulkChange(phones: targets, action: .edit(BulkEdit(template: .set("T46")), skipUnfit: true)))).get()
        #expect(outcome.data.phones.first { $0.name == "Desk 1" }?.template == "T46")
        #expect(outcome.data.phones.first { $0.name == "Magazyn" }?.revision == 1)
    }

    @Test func unfitSaysWhy() throws {
        let data = try account().load().data
        let magazyn = data.phones.first { $0.name == "Magazyn" }!
        let t31p = Phone(id: 99, name: "Hall", modelID: "yealink-t31p", mac: nil)
        let edit = BulkEdit(blf: .clear, background: .set("logo"), template: .set("T46"))
        #expect(edit.unfit(for: magazyn, templates: data.templates)[.template] == "a template is for one model (Yealink T46U)")
        #expect(edit.unfit(for: t31p, templates: data.templates)[.background] == "no colour screen")
        #expect(edit.fitted(to: magazyn, templates: data.templates).template == .keep)
    }

    @Test func aBulkDeleteRemovesEveryPhoneAndItsFilesOrNone() throws {
        let store = try account()
        let directories = try ["805ec0000001", "805ec0000002"].map { try store.phoneDirectory(ofMAC: $0) }
        let targets = try refs(store, ["Desk 1", "Desk 2"])
        let outcome = try store.apply(.bulk(BulkChange(phones: targets, action: .delete))).get()
        #expect(outcome.data.phones.map(\.name) == ["Recepcja", "Magazyn", "Desk 3"])
        for directory in directories { #expect(!FileManager.default.fileExists(atPath: directory.path)) }
        // Deleting again what is gone is no problem; a stale one stops it all.
        let desk3 = try store.load().data.phones.first { $0.name == "Desk 3" }!
        let stale = PhoneRef(id: desk3.id, revision: desk3.revision + 1)
        let result = try store.apply(.bulk(BulkChange(phones: targets + [stale], action: .delete)))
        guard case .failure(.several(let problems)) = result else { Issue.record("not refused: \(result)"); return }
        #expect(problems == [PhoneProblem(name: "Desk 3", reason: .stale)])
        #expect(try store.load().data.phones.count == 3)
    }

    @Test func manyPhonesOnALargeAccountRewritePhonesJSONOnce() throws {
        let store = try Store.open(directory: temp.url, seed: .empty)
        let new = (0..<PhonesJournal.smallAccount + 10).map { NewPhone(name: "P\($0)", modelID: "yealink-t46u", mac: MACAddress(hex: String(format: "02%010x", $0))) }
        _ = try store.importPhones(new).get()
        _ = try store.apply(.addTemplate(name: "T46", modelID: "yealink-t46u")).get()
        let phones = try store.load().data.phones
        let targets = phones.prefix(PhonesJournal.bulkLines + 1).map(PhoneRef.init)
        _ = try store.apply(.bulk(BulkChange(phones: targets, action: .edit(BulkEdit(template: .set("T46")), skipUnfit: false)))).get()
        #expect(!store.hasPhonesJournal)
        let reread = try Store(directory: temp.url).load().data.phones
        #expect(reread.filter { $0.template == "T46" }.count == PhonesJournal.bulkLines + 1)
    }
}
