import Foundation
import PhoneDeskCore

/// "About phonedesk" (`i` in the help window): the version, where the account and its
/// provisioning files live, the theme and language in use, and how many key tables the panel
/// has — what an operator reads out when asking for support.
struct AboutFeature: Feature {
    enum Action: Sendable { case key(Key) }
    static func key(_ key: Key) -> Action { .key(key) }

    /// The help window About was opened from; it comes back on Esc.
    var help: HelpFeature?

    static let table = InfoWindowKeys.table("About", back: [.escape, .enter, .char("?"), .function(1)], "back to the help")

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        return InfoWindowKeys.commands(key, Self.table, back: help.map { .app(.replace(with: $0)) } ?? .close)
    }

    /// Label and value rows, in the order drawn.
    func rows(_ context: Context) -> [(String, String)] {
        let run = context.run
        let tables = KeyCatalogue.tables(context)
        return [
            ("Version", "phonedesk \(run.version)"),
            ("Data directory", run.dataDirectory),
            ("Phone URLs", context.data.account.provisioningURL(secret: context.t("<phone secret>"))),
            // From the account as it is now: another operator may have moved the tree.
            ("Served from", ProvisioningTree(context.data.account, dataDirectory: URL(fileURLWithPath: run.dataDirectory)).directory + "/"),
            ("Old account URL", context.data.account.legacyURL == true
                ? context.t("open: phones are moved to their own URLs") : context.t("closed")),
            ("Theme", run.theme),
            ("Language", context.language == .pl ? "polski" : "English"),
            ("Key tables", context.t("\(tables.count) tables, \(tables.reduce(0) { $0 + $1.rows.count }) keys")),
        ]
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        let width = min(76, canvas.width - 2), labelWidth = 18
        // Paths and URLs are read out to support whole: long ones continue on the next line.
        let lines = rows(context).flatMap { label, value in
            CellWidth.chunks(value, width: width - 4 - labelWidth).enumerated().map { index, piece in
                (CellWidth.pad(index == 0 ? context.t(label) : "", to: labelWidth) + piece, Style.text)
            }
        }
        MessageBox.draw(title: context.t("About phonedesk"), lines: lines, hint: context.t("Esc or Enter: back to the help"), in: &canvas, minWidth: width, maxWidth: width)
        // A click anywhere goes back, as on the help window.
        return [ClickRegion(canvas.bounds, .key(.escape))]
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("About", Self.table, global: false) }
}
