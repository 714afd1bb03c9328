import Foundation
import Testing
@testable import PhoneDeskCore

/// Provisioning removes only what it generated (the manifest's phone directories), and finds and
/// regenerates what a killed process left out of date.
struct ProvisioningManifestTests {
    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// An operator's files in the served tree, beside the phones' directories: firmware, a
    /// vendor's common file, and a name that looks like a phone's file but was never generated.
    static let operatorFiles = ["y000000000000.cfg", "firmware-T46U-66.86.0.15.rom", "0011aabbccdd.cfg", "sip.ld", "notes"]

    static func placeOperatorFiles(in root: URL) throws {
        for name in operatorFiles { try Data("operator's own \(name)".utf8).write(to: root.appendingPathComponent(name)) }
    }

    static func expectOperatorFilesUntouched(in root: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in operatorFiles {
            let data = try? Data(contentsOf: root.appendingPathComponent(name))
            #expect(data == Data("operator's own \(name)".utf8), "\(name) was removed or changed", sourceLocation: sourceLocation)
        }
    }

    /// `<tree>/<secret>/` of a phone.
    static func directory(_ phone: Phone, _ store: Store) throws -> URL {
        try store.servedDirectory().appendingPathComponent(try #require(phone.secret))
    }

    /// The phone directories in the tree (32 hex digits).
    static func phoneDirectories(_ root: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: root.path).filter(Secrets.isPhoneSecret))
    }

    @Test func operatorFilesSurviveEveryKindOfReprovisioning() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let root = try store.servedDirectory()
        try Self.placeOperatorFiles(in: root)

        try store.provisionAll()
        try Self.expectOperatorFilesUntouched(in: root)

        _ = try store.apply(.setAccountSettings(pin: "9153", sipServer: "sip2.phonedesk.example",
                                                provisioningBaseURL: "https://p2.phonedesk.example")).get()
        try Self.expectOperatorFilesUntouched(in: root)

        // A phone added, its MAC changed, then deleted: its files go, the operator's stay.
        let added = try store.apply(.add(NewPhone(name: "S", modelID: "polycom-vvx450", mac: MACAddress(hex: "0004f2000001")))).get()
        let id = try #require(added.phoneID)
        let phone = try #require(added.data.phone(id: id))
        let dir = try Self.directory(phone, store)
        #expect(Self.exists(dir.appendingPathComponent("0004f2000001.cfg")) && Self.exists(dir.appendingPathComponent("phone0004f2000001.cfg")))
        var edit = PhoneEdit(phone)
        edit.mac = MACAddress(hex: "0004f2000002")
        let edited = try store.apply(.update(id: id, baseRevision: 1, edit)).get()
        #expect(!Self.exists(dir.appendingPathComponent("0004f2000001.cfg")) && !Self.exists(dir.appendingPathComponent("phone0004f2000001.cfg")))
        #expect(Self.exists(dir.appendingPathComponent("0004f2000002.cfg")))
        _ = try store.apply(.delete(id: id, baseRevision: try #require(edited.data.phone(id: id)).revision)).get()
        #expect(!Self.exists(dir))
        try Self.expectOperatorFilesUntouched(in: root)

        _ = try store.importPhones([NewPhone(name: "Imported", modelID: "yealink-t31p", mac: MACAddress(hex: "805ec0000777"))]).get()
        try store.provisionAll()
        try Self.expectOperatorFilesUntouched(in: root)
        // The manifest lives outside the served tree.
        #expect(Self.exists(temp.file(ProvisioningManifest.fileName)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).allSatisfy { !$0.contains("manifest") })
    }

    /// A phone's directory is removed by `provision` once the phone is gone — even when it went
    /// behind the store's back (restored phones.json) — and only that directory.
    @Test func provisionRemovesTheDirectoryOfPhonesThatAreGone() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let data = try store.load().data
        let root = try store.servedDirectory()
        try Self.placeOperatorFiles(in: root)
        let yealink = try #require(data.phones.first { $0.mac?.hex == "805ec0112233" })
        let generated = try Self.directory(yealink, store).appendingPathComponent("805ec0112233.cfg")
        #expect(Self.exists(generated))
        var document = try #require(try store.phones.read()).document
        document.phones = PhoneList(document.phones.filter { $0.mac?.hex != "805ec0112233" })
        try store.phones.write(document)
        try store.provisionAll()
        #expect(!Self.exists(generated.deletingLastPathComponent()))
        try Self.expectOperatorFilesUntouched(in: root)
    }

    /// Was: kill -9 during a 20,000-row import left 19,000 phones without provisioning files and
    /// nothing noticed. Here the phones reach phones.json without their files (what a kill
    /// between the two leaves) — and, as a file of an older phonedesk would, without secrets:
    /// the next start gives each one and writes its files.
    @Test func recoveryRegeneratesPhonesAKilledImportLeftWithoutFiles() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let root = try store.servedDirectory()
        var document = try #require(try store.phones.read()).document
        for i in 0..<300 {
            document.phones.append(Phone(id: document.nextID, name: "Killed \(i)", modelID: PhoneCatalog.models[i % 21].id,
                                         mac: MACAddress(hex: String(format: "02%010x", i))))
            document.nextID += 1
        }
        try store.phones.write(document)
        let before = try Self.phoneDirectories(root)

        let reopened = try Store.open(directory: temp.url)
        let check = try reopened.checkProvisioning()
        #expect(check.outOfDate.count == 300)
        #expect(check.examples.first?.name == "Killed 0")
        #expect(try Self.phoneDirectories(root) == before)  // --check wrote nothing

        let recovered = try reopened.recoverProvisioning()
        #expect(recovered.outOfDate.count == 300)
        let data = try reopened.load().data
        #expect(Set(data.phones.compactMap(\.secret)).count == data.phones.count)
        for phone in data.phones {
            for file in ProvisioningRenderer.files(for: phone, in: data) {
                #expect(try String(contentsOf: try Self.directory(phone, reopened).appendingPathComponent(file.name), encoding: .utf8) == file.contents)
            }
        }
        #expect(try reopened.checkProvisioning().isCurrent)
        #expect(try reopened.recoverProvisioning().outOfDate.isEmpty)  // cheap and quiet the next time
    }

    /// Files older than the phone's revision or than the account's settings are found and
    /// rewritten; a file removed by hand is found by --check.
    @Test func recoveryRewritesFilesOlderThanTheirData() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let data = try store.load().data
        let phone0 = try #require(data.phones.first { $0.mac?.hex == "805ec0112233" })
        let yealink = try Self.directory(phone0, store).appendingPathComponent("805ec0112233.cfg")
        var account = try #require(try store.account.read()).document
        account.account.hotDeskPIN = "7319"
        try store.account.write(account)
        #expect(try store.checkProvisioning().outOfDate.count == data.phones.filter { $0.mac != nil }.count)
        #expect(try store.recoverProvisioning().outOfDate.count == data.phones.filter { $0.mac != nil }.count)
        #expect(try String(contentsOf: yealink, encoding: .utf8).contains("admin:7319"))

        var document = try #require(try store.phones.read()).document
        let at = try #require(document.phones.firstIndex { $0.mac?.hex == "805ec0112233" })
        var phone = document.phones[at]
        phone.name = "Renamed behind the files' back"
        phone.revision += 1
        document.phones = PhoneList(document.phones.map { $0.id == phone.id ? phone : $0 })
        try store.phones.write(document)
        #expect(try store.checkProvisioning().outOfDate == [phone.id])
        #expect(try store.recoverProvisioning().outOfDate == [phone.id])
        #expect(try String(contentsOf: yealink, encoding: .utf8).contains("Renamed behind the files' back"))

        try FileManager.default.removeItem(at: yealink)
        #expect(try store.checkProvisioning().outOfDate == [phone.id])
        try store.provisionAll()
        #expect(Self.exists(yealink))
        #expect(try store.checkProvisioning().isCurrent)
    }

    /// A writer killed after claiming a new secret and writing into its directory, before
    /// settling: the record holds the old secret as `previous`, the data still the old secret.
    /// Recovery removes the half-made directory and keeps the phone's own.
    @Test func aPendingClaimIsOutOfDateAndItsDirectoryIsRemovedOnRecovery() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let data = try store.load().data
        let root = try store.servedDirectory()
        let phone = try #require(data.phones.first { $0.mac?.hex == "805ec0112233" })
        let manifest = ProvisioningManifest(in: temp.url)
        let old = try #require(SecretBits(phone.secret))
        let new = try #require(SecretBits(Secrets.phoneSecret()))
        try manifest.append([.init(id: phone.id, secret: new, previous: old)], token: data.account.token, durable: true)
        let half = root.appendingPathComponent(new.hex)
        try FileManager.default.createDirectory(at: half, withIntermediateDirectories: true)
        try Data("half-written".utf8).write(to: half.appendingPathComponent("805ec0112233.cfg"))
        #expect(try store.checkProvisioning().outOfDate == [phone.id])
        _ = try store.recoverProvisioning()
        #expect(!Self.exists(half))
        #expect(Self.exists(try Self.directory(phone, store).appendingPathComponent("805ec0112233.cfg")))
        #expect(try store.checkProvisioning().isCurrent)
    }

    static func bits(_ n: UInt64) -> SecretBits { SecretBits(high: n, low: n &* 7) }

    @Test func manifestRecordsRoundTripAndATornRecordIsIgnored() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        let manifest = ProvisioningManifest(in: temp.url)
        let token = "Tok3nTok3nTok3nTok3n_-"
        typealias R = ProvisioningManifest.Record
        var snapshot = ProvisioningManifest.Snapshot(token: token, records: [])
        for id in [5, 1, 3] { snapshot.put(R(id: id, secret: Self.bits(UInt64(id)), stamp: 9, layout: 4)) }
        #expect(snapshot.records.map(\.id) == [1, 3, 5])
        var merged = snapshot
        merged.merge([R(id: 3), R(id: 9, secret: Self.bits(90)), R(id: 2, secret: Self.bits(20)), R(id: 9),
                      R(id: 4, secret: Self.bits(40)), R(id: 4, secret: Self.bits(41), stamp: 1), R(id: 5, secret: Self.bits(50))])
        #expect(merged.records == [R(id: 1, secret: Self.bits(1), stamp: 9, layout: 4), R(id: 2, secret: Self.bits(20)),
                                   R(id: 4, secret: Self.bits(41), stamp: 1), R(id: 5, secret: Self.bits(50))])
        try manifest.write(snapshot)
        try manifest.append([R(id: 3), R(id: 7, secret: Self.bits(70), previous: Self.bits(71))], token: token, durable: true)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: manifest.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0xAB, count: 13))
        try handle.close()
        let loaded = manifest.load(token: token)
        #expect(loaded.records.map(\.id) == [1, 5, 7])
        #expect(manifest.records([1, 3, 7, 8], token: token)
                == [1: R(id: 1, secret: Self.bits(1), stamp: 9, layout: 4), 7: R(id: 7, secret: Self.bits(70), previous: Self.bits(71))])
        try manifest.append([R(id: 8, secret: Self.bits(80))], token: token, durable: false)
        #expect(manifest.load(token: token).records.map(\.id) == [1, 5, 7, 8])
        #expect(manifest.load(token: "Other0Other0Other0Oth_").records.isEmpty)
    }

    /// The manifest is appended to in place: a hard link to a file outside the directory (its
    /// other name) is refused with the reason, and that file keeps its bytes.
    @Test func aHardLinkedManifestIsNotAppendedTo() throws {
        let temp = TempDirectory()
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: true)
        let manifest = ProvisioningManifest(in: temp.url)
        let token = "Tok3nTok3nTok3nTok3n_-"
        try manifest.write(ProvisioningManifest.Snapshot(token: token, records: [.init(id: 1, secret: Self.bits(1), stamp: 9)]))
        let outside = temp.url.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString)")
        defer { unlink(outside.path) }
        #expect(link(manifest.path, outside.path) == 0)
        let before = try Data(contentsOf: outside)
        #expect { try manifest.append([.init(id: 2, secret: Self.bits(2))], token: token, durable: true) } throws: { error in
            "\(error)".contains("2 hard links")
        }
        #expect(try Data(contentsOf: outside) == before)
    }

    /// A damaged or absurdly large manifest is treated as empty: every phone is regenerated, and
    /// nothing is removed on a guess.
    @Test func aDamagedManifestMeansRegenerateAndKeep() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let data = try store.load().data
        let root = try store.servedDirectory()
        try Self.placeOperatorFiles(in: root)
        let path = temp.file(ProvisioningManifest.fileName).path
        let withFiles = data.phones.filter { $0.mac != nil }.count
        for damage in ["garbage", "sparse"] {
            if damage == "garbage" {
                try Data("not a manifest at all, 64 bytes or more of it.......................".utf8).write(to: URL(fileURLWithPath: path))
            } else {
                let fd = open(path, O_WRONLY | O_TRUNC)
                #expect(ftruncate(fd, off_t(ProvisioningManifest.maximumBytes + 64)) == 0)
                close(fd)
            }
            #expect(try store.checkProvisioning().outOfDate.count == withFiles)
            #expect(try store.recoverProvisioning().outOfDate.count == withFiles)
            #expect(try store.checkProvisioning().isCurrent)
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 < 4096)
            try Self.expectOperatorFilesUntouched(in: root)
        }
    }

    /// Thousands of phones deleted behind the store's back (an old phones.json restored): the
    /// next start removes exactly their directories, in one pass.
    @Test func recoveryRemovesTheDirectoriesOfManyPhonesThatAreGone() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let before = try #require(try store.phones.read()).document
        let root = try store.servedDirectory()
        try Self.placeOperatorFiles(in: root)
        let kept = try Self.phoneDirectories(root)
        let imported = (0..<3_000).map { i in
            NewPhone(name: "Bulk \(i)", modelID: PhoneCatalog.models[i % 21].id, mac: MACAddress(hex: String(format: "02%010x", i)))
        }
        _ = try store.importPhones(imported).get()
        #expect(try Self.phoneDirectories(root).count == kept.count + 3_000)
        try store.phones.write(before)  // the restore
        let recovered = try Store.open(directory: temp.url).recoverProvisioning()
        #expect(recovered.filesToRemove == 3_000 && recovered.outOfDate.isEmpty)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: root.path))
        #expect(left == Set(Self.operatorFiles + [Provisioner.imagesDirectory]).union(kept))
        try Self.expectOperatorFilesUntouched(in: root)
    }

    @Test func everyModelRendersTheNamesItIsFetchedBy() throws {
        for model in PhoneCatalog.models {
            let phone = Phone(id: 1, name: "x", modelID: model.id, mac: MACAddress(hex: "0004f2a1b2c3"), secret: Secrets.phoneSecret())
            let data = AccountData(account: DemoAccount.account(token: "Tok3nTok3nTok3nTok3n_-"), users: DemoAccount.users(), phones: [phone])
            #expect(ProvisioningRenderer.files(for: phone, in: data).map(\.name) == ProvisioningRenderer.fileNames(for: phone))
            #expect(ProvisioningRenderer.bridgeFiles(for: phone, in: data).map(\.name) == ProvisioningRenderer.fileNames(for: phone))
            #expect(ProvisioningRenderer.fileNames(for: phone).allSatisfy(ProvisioningRenderer.isVendorFileName))
        }
    }
}
