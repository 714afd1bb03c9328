import Foundation
import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The demo account with fixed secrets, so screens are the same on every run.
func demoData() -> AccountData {
    var users = DemoAccount.users()
    for i in users.indices { users[i].sipPassword = "fixed-password-\(i)" }
    var phones = DemoAccount.phones()
    for i in phones.indices { var phone = phones[i]; phone.secret = String(format: "%032x", i + 1); phones[i] = phone }
    return AccountData(account: DemoAccount.account(token: "Tk3n-Demo_0123456789ab"), users: users, phones: phones)
}

func makeModel(_ data: AccountData = demoData(), width: Int = 80, height: Int = 24) -> AppModel {
    var model = AppModel(data: data, size: TermSize(width: width, height: height))
    model.run = sampleRunFacts  // screens that name paths show the same ones on every machine
    return model
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

/// Where a run's files live, as the runtime would say (fixed, for goldens).
let sampleRunFacts = RunFacts(version: "0.2.0", dataDirectory: "/home/operator/.local/share/phonedesk", theme: "default")

/// What tests read of the navigation: the open features by type.
extension AppModel {
    var addForm: AddPhoneForm? { if case .add(let f)? = navigation.open(PhoneFormFeature.self)?.kind { return f }; return nil }
    var editForm: EditPhoneForm? { if case .edit(let f)? = navigation.open(PhoneFormFeature.self)?.kind { return f }; return nil }
    var settings: SettingsFeature? { navigation.open(SettingsFeature.self) }
    var shop: ShopFeature? { navigation.open(ShopFeature.self) }
    var checkout: CheckoutFeature? {
        get { navigation.open(CheckoutFeature.self) }
        set {
            guard let newValue, let at = navigation.stack.lastIndex(where: { $0 is CheckoutFeature }) else { return }
            navigation.stack[at] = newValue
        }
    }
    var ordersScreen: OrdersFeature? { navigation.open(OrdersFeature.self) }
    var helpVisible: Bool { navigation.stack.last is HelpFeature }
    var confirmingQuit: Bool { navigation.stack.last is QuitQuestion }
    var filtering: Bool { navigation.root.filtering }
    /// The feature open over the phones table, by its type's name (nil: the table has focus).
    var modal: String? { navigation.stack.last.map { String(describing: type(of: $0)) } }
    var deleteQuestion: Phone? { (navigation.stack.last as? PhoneQuestion).flatMap { $0.kind == .delete ? $0.phone : nil } }
    var addedNotice: AddedPhoneNotice? { navigation.stack.last as? AddedPhoneNotice }
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

/// Lines of the screen between bars (so trailing spaces are visible), then the cursor, then
/// the styles: a legend and one character per cell, so a lost selection highlight or a wrong
/// colour fails like a wrong word does.
func render(_ canvas: Canvas) -> String {
    var out = canvas.lines.map { "|\($0)|" }
    out.append("cursor: " + (canvas.cursor.map { "\($0.x),\($0.y)" } ?? "hidden"))
    out.append(contentsOf: styleMap(canvas))
    return out.joined(separator: "\n") + "\n"
}

/// The styles of a canvas: `styles: .=text 1=muted …` (in order of first use), then a row of
/// one character per cell (a wide character's second cell repeats its first).
func styleMap(_ canvas: Canvas) -> [String] {
    let symbols = Array(".123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    var legend: [Style: Character] = [:]
    var order: [Style] = []
    var rows: [String] = []
    for y in 0..<canvas.height {
        var row = ""
        for x in 0..<canvas.width {
            let style = canvas[x, y].style
            if legend[style] == nil {
                legend[style] = symbols[min(order.count, symbols.count - 1)]
                order.append(style)
            }
            row.append(legend[style]!)
        }
        rows.append("|\(row)|")
    }
    func name(_ style: Style) -> String {
        style.role.rawValue + (style.bold ? "+bold" : "") + (style.reverse ? "+reverse" : "") + (style.underline ? "+underline" : "")
    }
    return ["styles: " + order.map { "\(legend[$0]!)=\(name($0))" }.joined(separator: " ")] + rows
}
