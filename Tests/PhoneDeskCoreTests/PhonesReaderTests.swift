import Foundation
import Testing
@testable import PhoneDeskCore

struct PhonesReaderTests {
    func viaFoundation(_ text: String) throws -> PhonesDocument {
        try JSONDecoder().decode(PhonesDocument.self, from: Data(text.utf8))
    }

    @Test func readsWhatTheStoreWritesExactlyLikeJSONDecoder() throws {
        var phones = DemoAccount.phones()
        phones.append(Phone(id: 3, revision: 4, name: "Biuro \"Łódź\" \\ 漢字 😀\t", modelID: "yealink-t46u", mac: nil,
                            userExtension: "102", blfExtension: nil, background: "Logo", template: "T/1"))
        var document = PhonesDocument(phones: phones)
        document.revision = 9
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(try read(String(decoding: try encoder.encode(document), as: UTF8.self)) == document)
    }

    /// What the streaming reader makes of `text` in a file.
    func read(_ text: String) throws -> PhonesDocument? {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: dir.file("phones.json"))
        let fd = open(dir.file("phones.json").path, O_RDONLY)
        defer { close(fd) }
        return PhonesReader.read(fd, size: text.utf8.count)
    }

    func streamed(_ document: PhonesDocument) throws -> PhonesDocument? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try read(String(decoding: try encoder.encode(document), as: UTF8.self))
    }

    @Test func readsKeysAndSidecarsLikeJSONDecoder() throws {
        var phones = DemoAccount.phones()
        phones.append(PhonesWriterTests.phoneWithKeys(3))
        let document = PhonesDocument(phones: phones)
        #expect(try streamed(document) == document)
        // A file of an older phonedesk (no keys at all) reads as before.
        let old = #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A","model":"yealink-t46u","blf":"102"}]}"#
        let loaded = try #require(try read(old))
        #expect(loaded == (try viaFoundation(old)))
        #expect(loaded.phones[0].layout == KeyLayout(keys: [PhoneKey(number: 2, type: .blf, value: "102")]))
        // An unknown key type is left to the careful path, which names it.
        let bad = #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A","model":"yealink-t46u","keys":[{"number":3,"type":"intercom"}]}]}"#
        #expect(try read(bad) == nil)
        #expect(throws: (any Error).self) { try viaFoundation(bad) }
    }

    /// 12,000 phones are ~1.8 MB: the reader slides its 1 MiB window and still reads them all.
    @Test func streamsAFileLargerThanItsWindow() throws {
        let document = PhonesDocument(phones: PhoneList((1...12_000).map { PhoneListTests.phone($0) }))
        #expect(try streamed(document) == document)
    }

    /// One phone larger than the window is left to the careful path, which still reads it.
    @Test func aHugeRecordFallsBackToTheCarefulPath() throws {
        let document = PhonesDocument(phones: [PhoneListTests.phone(1, name: String(repeating: "ż", count: 600_000))])
        #expect(try streamed(document) == nil)
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        try JSONEncoder().encode(document).write(to: dir.file("phones.json"))
        #expect(try DocumentFile<PhonesDocument>(in: dir.url).read()?.document == document)
    }

    @Test(arguments: [
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A\u0142\ud83d\ude00","model":"snom-d717","mac":"000413000001","user":null}]}"#,
        #"{"phones":[],"nextID":1,"revision":0,"schemaVersion":1}"#,
    ])
    func handlesEscapesNullsAndKeyOrder(text: String) throws {
        #expect(try read(text) == (try viaFoundation(text)))
    }

    @Test(arguments: [
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A","model":"m","extra":1}]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A","model":"m","mac":"00:04:13:00:00:01"}]}"#,
        #"{"schemaVersion":1,"revision":2.5,"nextID":3,"phones":[]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[]} trailing"#,
        #"{"schemaVersion":1,"revision":2,"phones":[]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"\ud83d","model":"m"}]}"#,
        // A high surrogate held over other characters paired with a later low one ("Recx𐀀").
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"Rec\uD800x\uDC00","model":"m"}]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"\uD800\u0041","model":"m"}]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"\uDC00","model":"m"}]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"\uD800","model":"m"}]}"#,
        // Leading zeros are not JSON.
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id" : 0001,"revision":1,"name":"A","model":"m"}]}"#,
        #"{"schemaVersion":1,"revision":02,"nextID":3,"phones":[]}"#,
        #"{"schemaVersion":1,"revision":-01,"nextID":3,"phones":[]}"#,
    ])
    func leavesAnythingUnusualToTheCarefulPath(text: String) throws {
        #expect(try read(text) == nil)
    }
}

/// The streamed writer must produce what JSONEncoder produces, byte for byte.
struct PhonesWriterTests {
    func written(_ document: PhonesDocument) throws -> String {
        let dir = TempDirectory()
        try FileManager.default.createDirectory(at: dir.url, withIntermediateDirectories: true)
        let path = dir.file("phones.json").path
        try AtomicFile.write(toPath: path) { PhonesWriter.write(document, into: &$0) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    func encoded(_ document: PhonesDocument) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    @Test func matchesJSONEncoderForEveryField() throws {
        let awkward = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined() + "\"\\/ \u{7f} Łódź 漢字 😀 e\u{301}"
        var phones = PhoneList((1...40).map { PhoneListTests.phone($0) })
        phones.append(Phone(id: 41, revision: 3, name: awkward, modelID: "snom-d717", mac: nil, userExtension: "1/2",
                            blfExtension: "\"", background: "Logo \\ 1", template: "T\t1", blfLabel: awkward))
        var document = PhonesDocument(phones: phones)
        document.revision = 12
        #expect(try written(document) == (try encoded(document)))
    }

    /// Keys and sidecars, with every optional field present and absent, and an awkward label.
    static func phoneWithKeys(_ id: Int) -> Phone {
        Phone(id: id, revision: 2, name: "Keys \(id)", modelID: "yealink-t46u", mac: nil, blfExtension: "102",
              keys: [PhoneKey(number: 1, type: .line), PhoneKey(number: 3, type: .speedDial, value: "+48*1#", label: "Dom \"\u{1E}\u{1B}\u{1D}\u{1F}\\ Łódź"),
                     PhoneKey(number: 4, type: .callPark, value: "700", label: ""), PhoneKey(number: 30, type: .blf, value: "103")],
              sidecars: 1)
    }

    @Test func matchesJSONEncoderWithKeys() throws {
        var phones = PhoneList((1...3).map { PhoneListTests.phone($0) })
        phones.append(Self.phoneWithKeys(4))
        phones.append(Phone(id: 5, name: "Only sidecars", modelID: "snom-d785", mac: nil, sidecars: 2))
        let document = PhonesDocument(phones: phones)
        #expect(try written(document) == (try encoded(document)))
        // And the packed list gives back exactly what went in.
        #expect(Array(document.phones) == Array(phones))
        #expect(document.phones[3] == Self.phoneWithKeys(4))
    }

    @Test func matchesJSONEncoderWithoutPhones() throws {
        let document = PhonesDocument(phones: [])
        #expect(try written(document) == (try encoded(document)))
    }
}
