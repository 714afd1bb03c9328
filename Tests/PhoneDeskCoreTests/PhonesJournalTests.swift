import Foundation
import Testing
@testable import PhoneDeskCore

/// Large accounts journal their saves (see PhonesJournal).
@Suite(.serialized)
struct PhonesJournalTests {
    let temp = TempDirectory()

    func bigStore() throws -> Store {
        let store = try Store.open(directory: temp.url, seed: .empty)
        let phones = (0..<PhonesJournal.smallAccount).map {
            NewPhone(name: "Desk \($0)", modelID: "snom-d717", mac: MACAddress(hex: String(format: "02%010x", $0)))
        }
        _ = try store.importPhones(phones).get()
        return store
    }

    func edit(_ store: Store, id: Int, name: String) throws {
        let phone = try #require(try store.load().data.phone(id: id))
        var change = PhoneEdit(phone)
        change.name = name
        _ = try store.apply(.update(id: id, baseRevision: phone.revision, change)).get()
    }

    /// A symlink planted as phones.journal once took the appended line to its target.
    @Test func aSymlinkedJournalIsNeverWrittenThrough() throws {
        let store = try bigStore()
        let outside = temp.url.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString)")
        defer { unlink(outside.path) }
        try Data().write(to: outside)
        unlink(temp.file("phones.journal").path)
        symlink(outside.path, temp.file("phones.journal").path)
        #expect(throws: StoreError.self) { try edit(store, id: 7, name: "Reception") }
        #expect(try Data(contentsOf: outside).isEmpty)
    }

    /// A hard link is not a symlink: O_NOFOLLOW let a second name of a file outside the
    /// directory be appended to, and emptied by compaction.
    @Test func aHardLinkedJournalIsNeitherAppendedToNorEmptied() throws {
        let store = try bigStore()
        try edit(store, id: 7, name: "Reception")
        let journal = temp.file("phones.journal").path
        let outside = temp.url.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString)")
        defer { unlink(outside.path) }
        let lines = try Data(contentsOf: URL(fileURLWithPath: journal))
        #expect(!lines.isEmpty)
        try lines.write(to: outside)
        unlink(journal)
        #expect(link(outside.path, journal) == 0)
        #expect { try edit(store, id: 8, name: "Kitchen") } throws: { error in
            "\(error)".contains("2 hard links")
        }
        #expect(try Data(contentsOf: outside) == lines)
        try store.compactPhones()
        #expect(try Data(contentsOf: outside) == lines)
    }

    @Test func aSaveAppendsOneLineAndEveryReaderSeesIt() throws {
        let store = try bigStore()
        let base = try Data(contentsOf: temp.file("phones.json"))
        try edit(store, id: 7, name: "Reception")
        #expect(try Data(contentsOf: temp.file("phones.json")) == base)
        let journal = try String(contentsOf: temp.file(PhonesJournal.fileName), encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 1 && journal.contains("\"Reception\""))
        #expect(temp.mode(PhonesJournal.fileName) == 0o600)
        #expect(try Store(directory: temp.url).load().data.phone(id: 7)?.name == "Reception")
        // Another process's journal line is picked up by this store's cache.
        try edit(Store(directory: temp.url), id: 8, name: "Hall")
        #expect(try store.load().data.phone(id: 8)?.name == "Hall")
        // A stale edit is still refused.
        let stale = try store.apply(.update(id: 8, baseRevision: 1, PhoneEdit(try #require(try store.load().data.phone(id: 8)))))
        guard case .failure(.stale) = stale else { Issue.record("stale edit accepted"); return }
    }

    @Test func compactionFoldsTheJournalIntoPhonesJSON() throws {
        let store = try bigStore()
        try edit(store, id: 9, name: "Office")
        try store.compactPhones()
        #expect(!store.hasPhonesJournal)
        #expect(try String(contentsOf: temp.file("phones.json"), encoding: .utf8).contains("\"Office\""))
        #expect(try Store(directory: temp.url).load().data.phone(id: 9)?.name == "Office")
    }

    @Test func replayAfterACrashBetweenCompactionAndTruncationChangesNothing() throws {
        let store = try bigStore()
        try edit(store, id: 10, name: "One")
        try edit(store, id: 10, name: "Two")
        let lines = try Data(contentsOf: temp.file(PhonesJournal.fileName))
        try store.compactPhones()
        // The journal comes back as if truncation never happened.
        try lines.write(to: temp.file(PhonesJournal.fileName))
        let reloaded = try Store(directory: temp.url).load().data
        #expect(reloaded.phone(id: 10)?.name == "Two")
        #expect(reloaded.phones.count == PhonesJournal.smallAccount)
    }

    @Test func aTornLastLineIsIgnoredAndCutByTheNextWriter() throws {
        let store = try bigStore()
        try edit(store, id: 11, name: "Kept")
        let handle = try FileHandle(forWritingTo: temp.file(PhonesJournal.fileName))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"op":"put","phone":{"id":11,"na"#.utf8))
        try handle.close()
        let fresh = Store(directory: temp.url)
        #expect(try fresh.load().data.phone(id: 11)?.name == "Kept")
        try edit(fresh, id: 12, name: "After")
        let text = try String(contentsOf: temp.file(PhonesJournal.fileName), encoding: .utf8)
        #expect(!text.contains(#""na"#) || text.contains("\"name\""))
        #expect(text.split(separator: "\n").count == 2)
        #expect(try Store(directory: temp.url).load().data.phone(id: 12)?.name == "After")
    }

    @Test func anOrderRewritesPhonesJSONAndEmptiesTheJournal() throws {
        let store = try bigStore()
        try edit(store, id: 13, name: "Before order")
        _ = try store.addAddress(DemoAccount.account().addresses[0]).get()
        _ = try store.saveCart([CartLine(sku: "YEA-T31P", quantity: 1)])
        var account = try store.load().data.account
        account.balance.cents = 100_000
        let quote = Pricing.quote([CartLine(sku: "YEA-T31P", quantity: 1)], shop: .builtIn, country: "PL")
        let request = CheckoutRequest(idempotencyKey: "k", cart: [CartLine(sku: "YEA-T31P", quantity: 1)],
                                      address: DemoAccount.account().addresses[0], payment: .newCard(
                                        CardDetails(number: "4242424242424242", expiry: YearMonth(year: 2030, month: 1), cvc: "123", name: "x"),
                                        save: false), expectedTotal: quote.total)
        _ = try Checkout.run(request, store: store, gateway: SandboxGateway(), now: Date()).get()
        #expect(!store.hasPhonesJournal)
        let data = try Store(directory: temp.url).load().data
        #expect(data.phone(id: 13)?.name == "Before order")
        #expect(data.phones.count == PhonesJournal.smallAccount + 1)
    }
}

struct FirstPhonesTests {
    @Test func onlyLargeAccountsLoadProgressively() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url, seed: .empty)
        #expect(try store.loadFirstPhones(limit: 10) == nil)
        let phones = (0..<9_000).map { NewPhone(name: "Desk \($0)", modelID: "snom-d717", mac: MACAddress(hex: String(format: "02%010x", $0))) }
        _ = try store.importPhones(phones).get()
        let first = try #require(try store.loadFirstPhones(limit: 10))
        #expect(first.data.phones.map(\.name) == (0..<10).map { "Desk \($0)" })
    }
}
