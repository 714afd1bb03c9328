import Foundation
import Testing
@testable import PhoneDeskCore

struct AtomicFileTests {
    func write(_ text: String, _ path: String) throws {
        try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
    }

    func inode(_ path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func aNewFileAppearsWholeAndPrivate() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        try write("first", dir.file("a.cfg").path)
        #expect(try String(contentsOf: dir.file("a.cfg"), encoding: .utf8) == "first")
        #expect(dir.mode("a.cfg") & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["a.cfg"])
    }

    @Test func anExistingFileIsReplacedByANewOne() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        let path = dir.file("a.cfg").path
        try write("old", path)
        let before = inode(path)
        try write("new and longer", path)
        #expect(try String(contentsOf: dir.file("a.cfg"), encoding: .utf8) == "new and longer")
        #expect(inode(path) != before, "replaced in place, not by rename")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["a.cfg"])
    }

    /// Without O_TMPFILE: a temp file (O_EXCL) renamed into place, for new and existing files.
    @Test func theClassicPathWritesAndReplacesToo() throws {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        let path = dir.file("a.cfg").path
        for text in ["first", "second"] {
            try AtomicFile.write(toPath: path, unnamedAllowed: false) { $0.write(text) }
            #expect(try String(contentsOf: dir.file("a.cfg"), encoding: .utf8) == text)
        }
        #expect(dir.mode("a.cfg") & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["a.cfg"])
    }

    @Test func aMissingDirectoryIsNamedInTheError() {
        let path = "/nonexistent-phonedesk-dir/a.cfg"
        #expect(throws: StoreError.self) { try write("x", path) }
        do { try write("x", path) } catch { #expect("\(error)".contains("/nonexistent-phonedesk-dir")) }
    }
}
