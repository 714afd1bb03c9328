import PhoneDeskCore

/// Figure 15.1: the phones table, with the title bar, selected phone's details, the status
/// line and the key bar. Only the visible rows are drawn.
public enum PhonesView {
    /// Title, header, rule, two details lines, status, key bar.
    public static let chromeRows = 7
    static let detailsRows = 2

    /// Name gets room first, then User and Status ("Awaiting" whole in either language); Image
    /// and Tmpl leave before Name is squeezed (the details line names both).
    static func columns(_ language: Language) -> [TableColumn] {
        let status = max(8, CellWidth.of(Localizer.tr("Awaiting", language, record: false)))
        return [
            TableColumn("Name", min: 20, weight: 4),
            TableColumn("Model", min: 12, weight: 2),
            TableColumn("MAC", min: 17, weight: 0),
            TableColumn("User", min: 14, weight: 3),
            TableColumn("BLF", min: 3, weight: 0),
            TableColumn("Image", min: 5, weight: 1, drop: 1),
            TableColumn("Tmpl", min: 5, weight: 1, drop: 2),
            TableColumn("Status", min: status, weight: 1),
        ]
    }

    static func widths(for width: Int, language: Language = .en) -> [Int] { ColumnTable.widths(columns(language), width: width) }

    /// Rows of phones that fit between the header and the bottom lines.
    public static func pageSize(_ size: TermSize) -> Int { max(1, size.height - chromeRows) }

    static func draw(_ phones: PhonesFeature, _ model: Context, in canvas: inout Canvas) -> [ClickRegion<PhonesFeature.Action>] {
        let width = canvas.width
        let height = canvas.height
        let data = model.data
        var clicks: [ClickRegion<PhonesFeature.Action>] = []
        // Title bar.
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Style(.primary, reverse: true))
        canvas.put(" phonedesk │ \(data.account.name) │ \(model.t("Phones"))", x: 0, y: 0, style: Style(.primary, bold: true, reverse: true))
        let count = model.loading ? model.t("loading…") : header(phones.table, total: data.phones.count, t: model.t)
        canvas.put(count + " ", x: width - CellWidth.of(count) - 1, y: 0, style: Style(.primary, bold: true, reverse: true))

        let columns = columns(model.language)
        let widths = ColumnTable.widths(columns, width: width)
        ColumnTable.drawHeader(columns, widths: widths, x: 0, y: 1, in: &canvas, language: model.language)

        let page = pageSize(model.size)
        let table = phones.table
        // The whole words where the Status column has room for them.
        let awaiting = CellWidth.of(model.t("Awaiting delivery")) <= widths[7] ? model.t("Awaiting delivery") : model.t("Awaiting")
        let top = min(table.top, max(0, table.visible.count - page))
        let usersByExt = Dictionary(data.users.map { ($0.extensionNumber, $0) }, uniquingKeysWith: { a, _ in a })
        for row in 0..<page {
            let position = top + row
            guard position < table.visible.count else { break }
            let phone = data.phones[table.visible[position]]
            let marked = table.isMarked(phone.id)
            let cells = [
                (marked ? "• " : "") + phone.name,
                phone.model?.label ?? phone.modelID,
                phone.mac?.display ?? "—",
                phone.userExtension.map { ext in usersByExt[ext].map(\.label) ?? ext } ?? "—",
                phone.blfExtension ?? "—",
                phone.background ?? "—",
                phone.template ?? "—",
                phone.status == .active ? model.fetches[phone.id].map { model.t($0.cell) } ?? model.t("Active") : awaiting,
            ]
            ColumnTable.drawRow(cells, widths: widths, x: 0, y: 2 + row, rowWidth: width, selected: position == table.selected,
                                styles: rowStyles(phone, marked: marked, model), in: &canvas)
            if !phones.filtering { clicks.append(ClickRegion(Rect(x: 0, y: 2 + row, width: width, height: 1), .clickRow(position))) }
        }
        if table.visible.isEmpty {
            let text = data.phones.isEmpty ? "No phones yet — press a to add one by its MAC address."
                : "No phone matches \"\(table.filter)\" — Esc clears the filter."
            if let problem = table.filterProblem {
                for (row, line) in WordWrap.lines(model.t(problem), width: width - 4).prefix(page).enumerated() {
                    canvas.put(line, x: 2, y: 3 + row, style: Style(.error, bold: true))
                }
            } else {
                canvas.put(model.t(text), x: 2, y: 3, style: .muted)
            }
        }

        drawRule(phones, model, in: &canvas, y: height - 3 - detailsRows)
        if let index = table.selectedIndex {
            let phone = data.phones[index]
            var fields = details(phone, usersByExt: usersByExt, t: model.t)
            // The fetch right after the name.
            if let fetch = model.fetches[phone.id]?.detail { fields.insert(model.t(fetch), at: 1) }
            // Broken between fields, never inside one; what does not fit two lines is left out.
            for (row, line) in WordWrap.fields(fields, width: width - 2).prefix(detailsRows).enumerated() {
                canvas.put(line, x: 1, y: height - 2 - detailsRows + row, style: .text)
            }
        }
        return clicks
    }

    static func countText(shown: Int, total: Int) -> String {
        shown == total ? Plural.count(total, "phone", "phones") : "\(shown) of \(total) shown"
    }

    /// The title bar's right end: "3 marked · by Name ↑ · 66/120 shown of 302".
    static func header(_ table: PhoneTable, total: Int, t: (String) -> String) -> String {
        let shown = table.visible.count
        var parts: [String] = []
        if !table.marks.isEmpty { parts.append(t("\(table.marks.count) marked")) }
        if let sort = table.sort.header { parts.append(t(sort)) }
        if shown == 0 {
            parts.append(t(countText(shown: shown, total: total)))
        } else {
            let at = table.selected + 1
            parts.append(t(shown == total ? "\(at)/\(Plural.count(total, "phone", "phones"))" : "\(at)/\(shown) shown of \(total)"))
        }
        return parts.joined(separator: " · ")
    }

    /// A marked row's name in the accent colour; a phone still awaiting or waiting in warning.
    private static func rowStyles(_ phone: Phone, marked: Bool, _ model: Context) -> [Int: Style] {
        var styles: [Int: Style] = [:]
        if marked { styles[0] = Style(.accent, bold: true) }
        if phone.status == .awaitingDelivery || model.fetches[phone.id]?.word == "waiting" { styles[7] = Style(.warning) }
        return styles
    }

    /// The rule above the details; the filter sits at its right end: as typed (with the cursor)
    /// while typing, as understood once kept (`user:none model:t46u "biuro"`), and an unknown
    /// field's message at its left. (The selected phone is named in the details line below: a
    /// title here too would cost a selection move ~50 bytes.)
    private static func drawRule(_ phones: PhonesFeature, _ model: Context, in canvas: inout Canvas, y: Int) {
        canvas.hline(x: 0, y: y, width: canvas.width)
        let table = phones.table
        guard phones.filtering || !table.filter.isEmpty else { return }
        let kept = !phones.filtering ? table.parsedFilter?.display : nil
        let shown = CellWidth.truncate(kept ?? table.filter, to: max(24, canvas.width - 16))
        let prefix = " " + model.t("Filter") + ": " + (kept == nil ? "/" : "")
        let filterX = canvas.width - 2 - CellWidth.of(prefix + shown + " ")
        let x = filterX + canvas.put(prefix, x: filterX, y: y, style: Style(.accent, bold: true))
        let end = x + canvas.put(shown, x: x, y: y, style: Style(.text, bold: true))
        canvas.put(" ", x: end, y: y)
        if phones.filtering { canvas.cursor = (end, y) }
        if let problem = table.filterProblem {
            let text = " " + CellWidth.truncate(model.t(problem), to: max(0, filterX - 4)) + " "
            canvas.put(text, x: 1, y: y, style: Style(.error, bold: true))
        }
    }

    /// "Recepcja", "User 101 Anna Nowak", "BLF 102 Piotr Wiśniewski", "Image —", "Template —"
    static func details(_ phone: Phone, usersByExt: [String: User], t: (String) -> String = { $0 }) -> [String] {
        func user(_ ext: String?) -> String { ext.map { usersByExt[$0]?.label ?? $0 } ?? "—" }
        return [phone.name, t("User") + " " + user(phone.userExtension),
                "BLF " + (phone.blfExtension == nil ? t("off") : user(phone.blfExtension)),
                t("Image") + " " + (phone.background ?? "—"),
                t("Template") + " " + (phone.template ?? "—")]
    }
}
