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
        let bytes = [UInt8](try encoder.encode(document))
        #expect(PhonesReader.decode(bytes) == document)
    }

    @Test(arguments: [
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A\u0142\ud83d\ude00","model":"snom-d717","mac":"000413000001","user":null}]}"#,
        #"{"phones":[],"nextID":1,"revision":0,"schemaVersion":1}"#,
    ])
    func handlesEscapesNullsAndKeyOrder(text: String) throws {
        #expect(PhonesReader.decode(Array(text.utf8)) == (try viaFoundation(text)))
    }

    @Test(arguments: [
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A","model":"m","extra":1}]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"A","model":"m","mac":"00:04:13:00:00:01"}]}"#,
        #"{"schemaVersion":1,"revision":2.5,"nextID":3,"phones":[]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[]} trailing"#,
        #"{"schemaVersion":1,"revision":2,"phones":[]}"#,
        #"{"schemaVersion":1,"revision":2,"nextID":3,"phones":[{"id":1,"revision":1,"name":"\ud83d","model":"m"}]}"#,
    ])
    func leavesAnythingUnusualToTheCarefulPath(text: String) {
        #expect(PhonesReader.decode(Array(text.utf8)) == nil)
    }
}
