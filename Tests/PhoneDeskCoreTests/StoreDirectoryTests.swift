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
