import Foundation
import Testing
@testable import PhoneDeskUI

struct DocsTests {
    /// docs/keys.md must be what the key tables say (UPDATE_GOLDENS=1 rewrites it).
    @Test func keysDocumentIsCurrent() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/keys.md")
        let generated = KeysDocument.markdown() + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try generated.write(to: url, atomically: false, encoding: .utf8)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == generated, "docs/keys.md is stale: run UPDATE_GOLDENS=1 swift test")
    }
}
