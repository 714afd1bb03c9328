import Foundation
import Testing
@testable import PhoneDeskCore

/// Issue 11 item 4: a setting every phone depends on regenerates the files in chunks, each under
/// the lock and from the data as it is then, so other operators' saves go in between and an
/// older render never overwrites a newer one.
struct ReprovisionTests {
    static func account(phones: Int) throws -> (TempDirectory, Store) {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let new = (0..<phones).map { i in
            NewPhone(name: "Desk \(i)", modelID: "yealink-t46u", mac: MACAddress(hex: String(format: "02%010x", i)))
        }
        _ = try store.importPhones(new).get()
        return (temp, store)
    }

    static func file(_ store: Store, _ phone: Phone) throws -> String {
        try String(contentsOf: try store.phoneDirectory(of: phone).appendingPathComponent("\(try #require(phone.mac).hex).cfg"), encoding: .utf8)
    }

    @Test func aPINChangeSavesAtOnceAndTheFilesFollowInChunks() throws {
        let (temp, store) = try Self.account(phones: 2_100)
        defer { withExtendedLifetime(temp) {} }
        let outcome = try store.apply(.setAccountSettings(pin: "8042", sipServer: nil, provisioningBaseURL: nil), regenerate: .later).get()
        #expect(outcome.regenerating)
        let withFiles = outcome.data.phones.filter { $0.mac != nil }.count
        #expect(try store.checkProvisioning().outOfDate.count == withFiles)
        var seen: [ReprovisionProgress] = []
        let check = try store.reprovision { seen.append($0) }
        #expect(check.outOfDate.count == withFiles)
        #expect(seen.first == ReprovisionProgress(done: 0, total: withFiles))
        #expect(seen.last == ReprovisionProgress(done: withFiles, total: withFiles))
        // Chunks sized by time: more than one, each step forward, none past the total.
        #expect(seen.count > 2)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.done < $1.done && $1.done <= withFiles })
        #expect(try store.checkProvisioning().isCurrent)
        let data = try store.load().data
        for phone in [data.phones.first!, data.phones.last!] { #expect(try Self.file(store, phone).contains("admin:8042")) }
    }

    /// A chunk past its time limit stops writing (each half writes one phone at least) and
    /// returns the phones it left; they are written later, never lost or half done.
    @Test func aChunkPastItsTimeLimitLeavesTheRestForTheNext() throws {
        // More phones than `reprovisionChunk`: the PIN change leaves their files to the pass.
        let (temp, store) = try Self.account(phones: Store.reprovisionChunk + 1)
        defer { withExtendedLifetime(temp) {} }
        _ = try store.apply(.setAccountSettings(pin: "8042", sipServer: nil, provisioningBaseURL: nil), regenerate: .later).get()
        let data = try store.load().data
        let outOfDate = try store.checkProvisioning().outOfDate.count
        let provisioner = Provisioner(dataDirectory: temp.url)
        var records = provisioner.manifest.load(token: data.account.token)
        let phones = data.phones.filter { $0.name.hasPrefix("Desk ") }  // the imported ones, not the demo account's
        let left = try provisioner.update(phones, gone: [], in: data, records: &records, deadline: 0)
        // Two halves, one phone each: the first of each half.
        let secondHalf = (phones.count + 1) / 2
        #expect(left.count == phones.count - 2)
        #expect(!left.contains(phones[0].id) && !left.contains(phones[secondHalf].id))
        #expect(try Self.file(store, phones[0]).contains("admin:8042"))
        #expect(try !Self.file(store, phones[1]).contains("admin:8042"))
        #expect(try store.checkProvisioning().outOfDate.count == outOfDate - 2)
        let rest = try provisioner.update(left.compactMap { data.phone(id: $0) }, gone: [], in: data, records: &records, deadline: .max)
        #expect(rest.isEmpty)
        #expect(try Self.file(store, phones[1]).contains("admin:8042"))
    }

    /// Between two chunks the lock is free: another operator renames a phone the pass has not
    /// reached and changes the PIN again. The pass renders what is there when it gets to each
    /// phone, so the later phones carry the rename and the newer PIN; the next pass (the second
    /// change's own) brings the early ones to it. No file ends older than the data.
    @Test func aSaveBetweenChunksIsNeverOverwrittenByAnOlderRender() throws {
        let (temp, store) = try Self.account(phones: 2_100)
        _ = try store.apply(.setAccountSettings(pin: "8042", sipServer: nil, provisioningBaseURL: nil), regenerate: .later).get()
        let other = Store(directory: temp.url)  // another operator's process
        let last = try #require(try store.load().data.phones.last)
        var interleaved = false
        try store.reprovision { progress in
            guard !interleaved, progress.done > 0 else { return }
            interleaved = true
            var edit = PhoneEdit(last)
            edit.name = "Renamed between chunks"
            _ = try? other.apply(.update(id: last.id, baseRevision: last.revision, edit)).get()
            _ = try? other.apply(.setAccountSettings(pin: "9153", sipServer: nil, provisioningBaseURL: nil), regenerate: .later).get()
        }
        #expect(interleaved)
        let data = try store.load().data
        let renamed = try #require(data.phone(id: last.id))
        let text = try Self.file(store, renamed)
        #expect(text.contains("Renamed between chunks") && text.contains("admin:9153"))
        // The first chunk was rendered before the second change: out of date, and found so.
        #expect(try Self.file(store, data.phones.first!).contains("admin:8042"))
        #expect(!(try store.checkProvisioning().isCurrent))
        try store.reprovision()
        #expect(try store.checkProvisioning().isCurrent)
        #expect(try Self.file(store, data.phones.first!).contains("admin:9153"))
    }

    /// `phonedesk provision` goes through every phone in chunks too, and still rewrites a file
    /// removed by hand and removes what interrupted writes left.
    @Test func provisionAllRewritesEveryPhoneInChunks() throws {
        let (temp, store) = try Self.account(phones: 1_200)
        let phone = try #require(try store.load().data.phones.last)
        let file = try store.phoneDirectory(of: phone).appendingPathComponent("\(phone.mac!.hex).cfg")
        try FileManager.default.removeItem(at: file)
        let leftover = temp.file("provisioning/.new-\(Secrets.phoneSecret())")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try store.provisionAll()
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try store.checkProvisioning().isCurrent)
    }
}
