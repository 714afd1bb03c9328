import Foundation
import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The demo account with fixed secrets, so screens are the same on every run.
func demoData() -> AccountData {
    var users = DemoAccount.users()
    for i in users.indices { users[i].sipPassword = "fixed-password-\(i)" }
    return AccountData(account: DemoAccount.account(token: "Tk3n-Demo_0123456789ab"), users: users,
                       phones: DemoAccount.phones())
}

func makeModel(_ data: AccountData = demoData(), width: Int = 80, height: Int = 24) -> AppModel {
    AppModel(data: data, size: TermSize(width: width, height: height))
}

/// Sends keys one by one; returns every effect they asked for.
@discardableResult
func press(_ model: inout AppModel, _ keys: Key...) -> [Effect] {
    keys.flatMap { update(&model, .key($0)) }
}

@discardableResult
func type(_ model: inout AppModel, _ text: String) -> [Effect] {
    text.flatMap { update(&model, .key(.char($0))) }
}

extension AppModel {
    var addForm: AddPhoneForm? { if case .add(let f)? = modal { return f }; return nil }
    var editForm: EditPhoneForm? { if case .edit(let f)? = modal { return f }; return nil }
}

/// Compares the screen with `Goldens/<name>.txt`; `UPDATE_GOLDENS=1 swift test` rewrites the files
/// (review them by eye before committing).
func expectGolden(_ name: String, _ canvas: Canvas, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    let url = directory.appendingPathComponent("\(name).txt")
    let rendered = render(canvas)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? rendered.write(to: url, atomically: false, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden \(url.path); run UPDATE_GOLDENS=1 swift test", sourceLocation: sourceLocation)
        return
    }
    if expected != rendered {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let diff = zip(a.indices, zip(a, b)).filter { $0.1.0 != $0.1.1 }.prefix(5)
            .map { "line \($0.0 + 1):\n  want |\($0.1.0)|\n  got  |\($0.1.1)|" }.joined(separator: "\n")
        Issue.record("screen differs from \(name).txt:\n\(diff)", sourceLocation: sourceLocation)
    }
}

/// Lines of the screen between bars (so trailing spaces are visible), then the cursor.
func render(_ canvas: Canvas) -> String {
    var out = canvas.lines.map { "|\($0)|" }
    out.append("cursor: " + (canvas.cursor.map { "\($0.x),\($0.y)" } ?? "hidden"))
    return out.joined(separator: "\n") + "\n"
}
