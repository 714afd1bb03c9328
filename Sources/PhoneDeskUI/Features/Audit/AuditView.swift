import PhoneDeskCore

/// The audit log screen: a row per change, the selected change's fields below the rule.
enum AuditView {
    /// Title, header, rule, two detail rows, status, key bar.
    static let chromeRows = 7

    static func pageSize(_ size: TermSize) -> Int { max(1, size.height - chromeRows) }

    static let columns = [TableColumn("Time (UTC)", min: 16, weight: 0), TableColumn("Operator", min: 8, weight: 1),
                          TableColumn("Client", min: 9, weight: 1), TableColumn("Action", min: 17, weight: 0),
                          TableColumn("Object", min: 10, weight: 2)]

    /// "#12 Recepcja": the phone's id and name, or the name alone (a template, an operator).
    static func object(_ entry: AuditEntry) -> String {
        [entry.objectID.map { "#\($0)" }, entry.objectName].compactMap { $0 }.joined(separator: " ")
    }

    /// The row's cells; the filter matches them and the fields.
    static func cells(_ entry: AuditEntry) -> [String] {
        [String(entry.time.prefix(16)).replacingOccurrences(of: "T", with: " "), entry.who, entry.client ?? "—",
         entry.failed == nil ? entry.action : entry.action + " ✗",
         object(entry)] + entry.summaries()
    }

    static func draw(_ screen: AuditFeature, _ model: Context, in canvas: inout Canvas) -> [ClickRegion<AuditFeature.Action>] {
        var clicks: [ClickRegion<AuditFeature.Action>] = []
        let entries = screen.shown
        let right = screen.filter.isEmpty ? model.count(entries.count, "change", "changes")
            : "\(entries.count)/\(screen.contents?.entries.count ?? 0) " + model.t("shown")
        TitleBar.draw(" phonedesk │ \(model.data.account.name) │ \(model.t("Audit log"))", right: right, in: &canvas)
        let widths = ColumnTable.widths(columns, width: canvas.width - 2)
        ColumnTable.drawHeader(columns, widths: widths, x: 1, y: 1, in: &canvas, language: model.language)
        let page = pageSize(model.size)
        let top = min(screen.cursor.top, max(0, entries.count - page))
        for (offset, entry) in entries.dropFirst(top).prefix(page).enumerated() {
            ColumnTable.drawRow(Array(cells(entry).prefix(columns.count)), widths: widths, x: 1, y: 2 + offset, rowWidth: canvas.width - 2,
                                selected: top + offset == screen.cursor.selected, in: &canvas)
            clicks.append(ClickRegion(Rect(x: 0, y: 2 + offset, width: canvas.width, height: 1), .clickRow(top + offset)))
        }
        if screen.contents == nil { canvas.put(model.t("Reading the audit log…"), x: 2, y: 3, style: .muted) }
        else if entries.isEmpty { canvas.put(model.t(screen.filter.isEmpty ? "No changes recorded yet." : "No change matches the filter."), x: 2, y: 3, style: .muted) }
        let rule = canvas.height - 5
        canvas.hline(x: 0, y: rule, width: canvas.width)
        if entries.indices.contains(screen.cursor.selected) {
            let entry = entries[screen.cursor.selected]
            let fields = entry.summaries(notMade: model.t("Not made:")).joined(separator: " · ")
            let lines = WordWrap.lines(fields.isEmpty ? model.t("no field changed") : fields, width: canvas.width - 2)
            for (index, line) in lines.prefix(2).enumerated() { canvas.put(line, x: 1, y: rule + 1 + index, style: .text, limit: canvas.width - 2) }
        }
        if screen.filtering || !screen.filter.isEmpty {
            // On the rule, so the status line below stays free for messages.
            let text = " " + model.t("Filter:") + " " + screen.filter + " "
            canvas.put(text, x: 1, y: rule, style: Style(.accent), limit: canvas.width - 2)
            if screen.filtering { canvas.cursor = (x: min(canvas.width - 1, CellWidth.of(text)), y: rule) }
        }
        return clicks
    }
}
