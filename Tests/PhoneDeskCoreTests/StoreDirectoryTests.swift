import Foundation
import Testing
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

/// Which directories phonedesk seeds, and that it leaves everyone else's alone (issue 9).
struct StoreDirectoryTests {
    let temp = TempDirectory()

    @Test func aNonEmptyDirectoryWithoutAnAccountIsRefusedAndLeftAlone() throws {
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: false)
        chmod(temp.url.path, 0o1777)
        try Data("notes".utf8).write(to: temp.file("notes.txt"))
        #expect(throws: StoreError.notAnAccount(path: temp.url.path)) { try Store.open(directory: temp.url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == ["notes.txt"])
        #expect(temp.mode() == 0o1777)
        let message = StoreError.notAnAccount(path: temp.url.path).description
        #expect(message.contains(temp.url.path) && message.contains("phonedesk init --empty DIR"))
    }

    /// The leftover rule matched any ".*.tmp-*": a directory holding only ".bashrc.tmp-save"
    /// counted as empty, was seeded, and the file deleted. Only temp names phonedesk's writer
    /// makes for the store's own files are leftovers; everything else is someone's.
    @Test func onlyPhonedesksOwnTempFilesAreLeftoversAnythingElseIsKept() throws {
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: false)
        try Data("important".utf8).write(to: temp.file(".bashrc.tmp-save"))
        #expect(throws: StoreError.notAnAccount(path: temp.url.path)) { try Store.open(directory: temp.url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path) == [".bashrc.tmp-save"])
        #expect(try String(contentsOf: temp.file(".bashrc.tmp-save"), encoding: .utf8) == "important")

        // A killed first run's temp file still counts as empty, and goes.
        unlink(temp.file(".bashrc.tmp-save").path)
        try Data("{".utf8).write(to: temp.file(".account.json.tmp-123-4567"))
        #expect(try Store.open(directory: temp.url).load().data.phones.count == 2)
        #expect(!FileManager.default.fileExists(atPath: temp.file(".account.json.tmp-123-4567").path))

        // In an account: a name that is not one of the store's files, or not pid-number, stays.
        let kept = [".notes.txt.tmp-1-2", ".phones.json.tmp-save", ".phones.json.tmp-1-2-3", ".pending-notes", ".tmp-1-2"]
        for name in kept { try Data("mine".utf8).write(to: temp.file(name)) }
        try Data("{".utf8).write(to: temp.file(".phones.json.tmp-9-9"))
        try Data("{".utf8).write(to: temp.file(".pending-orders.json"))
        try Data("".utf8).write(to: temp.file(".pending-phones.journal"))  // an order stages the emptied journal
        _ = try Store.open(directory: temp.url).load()
        for name in kept { #expect(FileManager.default.fileExists(atPath: temp.file(name).path), "\(name) was deleted") }
        #expect(!FileManager.default.fileExists(atPath: temp.file(".phones.json.tmp-9-9").path))
        #expect(!FileManager.default.fileExists(atPath: temp.file(".pending-orders.json").path))
        #expect(!FileManager.default.fileExists(atPath: temp.file(".pending-phones.journal").path))
    }

    @Test func anExistingEmptyDirectoryIsSeededAndKeepsItsMode() throws {
        try FileManager.default.createDirectory(at: temp.url, withIntermediateDirectories: false)
        chmod(temp.url.path, 0o750)
        #expect(try Store.open(directory: temp.url).load().data.phones.count == 2)
        #expect(temp.mode() == 0o750)
    }

    @Test func aMissingDirectoryIsCreatedPrivate() throws {
        #expect(try Store.open(directory: temp.url).load().data.phones.count == 2)
        #expect(temp.mode() == 0o700)
    }

    @Test func anAccountDirectoryOpensAndKeepsItsMode() throws {
        _ = try Store.open(directory: temp.url)
        chmod(temp.url.path, 0o755)
        #expect(try Store.open(directory: temp.url).load().data.phones.count == 2)
        #expect(temp.mode() == 0o755)
    }
}
