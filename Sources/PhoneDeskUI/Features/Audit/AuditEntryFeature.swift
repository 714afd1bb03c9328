import PhoneDeskCore

/// Enter on the audit log: one change whole — who, from where, when, and every field before →
/// after — when the two detail rows under the list cannot hold it.
struct AuditEntryFeature: Feature {
    enum Action: Sendable { case key(Key) }
    static func key(_ key: Key) -> Action { .key(key) }

    let entry: AuditEntry

    static let table = InfoWindowKeys.table("Audit entry", back: [.escape, .enter], "back to the log")

    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        return InfoWindowKeys.commands(key, Self.table, back: .close, other: GlobalKeys.commands(for: key))
    }

    /// Label and value rows, then the fields one a line.
    func rows(_ context: Context) -> [(String, Style)] {
        let labelWidth = 12
        func row(_ label: String, _ value: String) -> (String, Style) { (CellWidth.pad(context.t(label), to: labelWidth) + value, .text) }
        let rows = [row("Time (UTC)", entry.time), row("Operator", entry.who), row("Client", entry.client ?? "—"),
                    row("Action", entry.action), row("Object", AuditView.object(entry))]
        let notMade = entry.failed.map { [(context.t("Not made:") + " " + $0, Style(.warning, bold: true))] } ?? []
        let fields = entry.fields.isEmpty ? [(context.t("no field changed"), Style.muted)] : entry.fields.map { ($0.summary, Style.text) }
        return rows + notMade + fields
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        canvas.cursor = nil
        MessageBox.draw(title: context.t("Audit entry"), lines: rows(context), hint: context.t("Esc or Enter: back to the log"),
                        in: &canvas, minWidth: min(60, canvas.width - 2))
        return [ClickRegion(Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), .key(.escape))]
    }

    func keys(_ context: Context) -> FocusKeys { FocusKeys("Audit entry", Self.table) }
}
