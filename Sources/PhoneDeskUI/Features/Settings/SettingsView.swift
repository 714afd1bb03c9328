import Foundation
import PhoneDeskCore

/// Figure 15.4: the settings screen with its three tabs and their windows.
public enum SettingsView {
    /// Title, tabs, rule, list header, rule, status, key bar.
    static let chromeRows = 7

    public static func pageSize(_ size: TermSize) -> Int { max(1, size.height - chromeRows) }

    static let backgroundColumns = [
        TableColumn("Name", min: 16, weight: 2), TableColumn("Pixels", min: 11, weight: 0),
        TableColumn("Bytes", min: 9, weight: 0), TableColumn("Used by", min: 20, weight: 3),
    ]
    static let templateColumns = [
        TableColumn("Name", min: 16, weight: 2), TableColumn("Brand and model", min: 19, weight: 1),
        TableColumn("Lines", min: 5, weight: 0), TableColumn("Used by", min: 20, weight: 3),
    ]

    static func draw(_ settings: SettingsFeature, _ model: Context, in canvas: inout Canvas) -> [ClickRegion<SettingsFeature.Action>] {
        let width = canvas.width, height = canvas.height
        var clicks: [ClickRegion<SettingsFeature.Action>] = []
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Style(.primary, reverse: true))
        canvas.put(" phonedesk │ \(model.data.account.name) │ \(model.t("Settings"))", x: 0, y: 0, style: Style(.primary, bold: true, reverse: true))
        for (tab, columns) in tabLayout(model.language) {
            let style = tab == settings.tab ? Style(.selection, bold: true, reverse: true) : Style(.muted)
            canvas.put(" \(tab.rawValue + 1) \(model.t(tab.title)) ", x: columns.lowerBound, y: 1, style: style)
            clicks.append(ClickRegion(Rect(x: columns.lowerBound, y: 1, width: columns.count, height: 1), .clickTab(tab)))
        }
        canvas.hline(x: 0, y: 2, width: width)
        switch settings.tab {
        case .hotDesking:
            let tree = ProvisioningTree(model.data.account, dataDirectory: URL(fileURLWithPath: model.run.dataDirectory))
            drawHotDesking(model.data.account, tree: tree, t: model.t, in: &canvas)
        case .backgrounds:
            let rows = settings.backgrounds(model.data).map { image in
                [image.name, "\(image.width)×\(image.height)", byteText(image.bytes), usedBy(model.data.phones.using(background: image.name))]
            }
            clicks += drawList(backgroundColumns, rows: rows, cursor: settings.cursor,
                               empty: settings.filter.isEmpty ? model.t("No background images yet — press a to upload one.")
                                   : model.t("No image matches \"\(settings.filter)\" — Esc clears the filter."), language: model.language, in: &canvas)
        case .templates:
            let rows = settings.templates(model.data).map { template in
                [template.name, PhoneCatalog.model(id: template.modelID)?.label ?? template.modelID,
                 "\(TemplateSyntax.settingLines(template.body))", usedBy(model.data.phones.using(template: template.name))]
            }
            clicks += drawList(templateColumns, rows: rows, cursor: settings.cursor, empty: settings.filter.isEmpty ? model.t("No templates yet — press a to add one.")
                                   : model.t("No template matches \"\(settings.filter)\" — Esc clears the filter."),
                               language: model.language, in: &canvas)
        }
        canvas.hline(x: 0, y: height - 3, width: width)
        if settings.filtering || !settings.filter.isEmpty {
            let label = " \(model.t("Filter")): /\(settings.filter) "
            let fx = width - 2 - CellWidth.of(label)
            canvas.put(label, x: fx, y: height - 3, style: Style(.accent, bold: true))
            if settings.filtering { canvas.cursor = (fx + CellWidth.of(label) - 1, height - 3) }
        }
        // With a window open, clicks belong to it alone.
        guard settings.modal == nil else { return drawModal(model, settings, in: &canvas) }
        return clicks
    }

    /// Where each tab label sits on row 1 (for drawing and for clicks).
    static func tabLayout(_ language: Language = .en) -> [(SettingsTab, Range<Int>)] {
        var x = 1
        return SettingsTab.allCases.map { tab in
            let width = CellWidth.of(" \(tab.rawValue + 1) \(Localizer.tr(tab.title, language)) ")
            defer { x += width + 1 }
            return (tab, x..<(x + width))
        }
    }


    static func byteText(_ bytes: Int) -> String {
        bytes < 10_240 ? "\(bytes) B" : bytes < 10_485_760 ? "\(bytes / 1024) KiB" : "\(bytes / 1_048_576) MiB"
    }

    static func usedBy(_ phones: [Phone]) -> String {
        phones.isEmpty ? "—" : "\(phones.count): " + phones.map(\.name).joined(separator: ", ")
    }

    private static func drawHotDesking(_ account: Account, tree: ProvisioningTree, t: (String) -> String, in canvas: inout Canvas) {
        let lines = [
            "A phone can be reconfigured from its own keypad: dial #446 and enter the",
            "administrator PIN. The PIN is also every phone's admin password.",
        ]
        for (i, line) in lines.enumerated() { canvas.put(t(line), x: 2, y: 4 + i, style: .text) }
        let rows: [(String, String, Style)] = [
            ("Admin PIN", t(account.hotDeskPIN == nil ? "not set" : "set (never shown)"), account.hotDeskPIN == nil ? Style(.warning) : Style(.success)),
            ("SIP server", account.sipServer, .text),
            ("Provisioning base", account.provisioningBaseURL, .text),
            ("Served from", tree.directory + (tree.group.map { "  (" + t("group") + " \($0))" } ?? ""), .text),
            ("Access log", account.accessLog ?? t("none — fetch status off"), account.accessLog == nil ? Style(.muted) : .text),
            ("Old account URL", account.legacyURL == true ? t("open: phones are moved to their own URLs") : t("closed"),
             account.legacyURL == true ? Style(.warning) : Style(.muted)),
            ("Shop phone names", account.shopNamePattern ?? ShopNamePattern.standard, .text),
        ]
        for (i, row) in rows.enumerated() {
            canvas.put(t(row.0), x: 2, y: 7 + i, style: .muted)
            canvas.put(row.1, x: 22, y: 7 + i, style: row.2, limit: canvas.width - 24)
        }
        let below = 7 + rows.count
        canvas.put(t("Each phone has its own URL (c on the phones table copies it):"), x: 2, y: below, style: .muted,
                   limit: canvas.width - 4)
        canvas.put(account.provisioningURL(secret: t("<phone secret>")), x: 4, y: below + 1, style: Style(.accent, bold: true), limit: canvas.width - 6)
        canvas.put(t("Enter changes the PIN, SIP server, base URL, theme, mouse and shop names."), x: 2, y: below + 3,
                   style: .muted, limit: canvas.width - 4)
        canvas.put(t("Served directory, group, access log: phonedesk settings --help"),
                   x: 2, y: below + 4, style: .muted, limit: canvas.width - 4)
    }

    /// Draws a tab's list; returns a click region per row drawn.
    private static func drawList(_ columns: [TableColumn], rows: [[String]], cursor: ListCursor, empty: String, language: Language,
                                 in canvas: inout Canvas) -> [ClickRegion<SettingsFeature.Action>] {
        let widths = ColumnTable.widths(columns, width: canvas.width - 2)
        ColumnTable.drawHeader(columns, widths: widths, x: 1, y: 3, in: &canvas, language: language)
        if rows.isEmpty { canvas.put(empty, x: 2, y: 5, style: .muted); return [] }
        var clicks: [ClickRegion<SettingsFeature.Action>] = []
        let page = max(1, canvas.height - chromeRows)
        let top = min(cursor.top, max(0, rows.count - page))
        for (offset, row) in rows.dropFirst(top).prefix(page).enumerated() {
            ColumnTable.drawRow(row, widths: widths, x: 1, y: 4 + offset, rowWidth: canvas.width - 2,
                                selected: top + offset == cursor.selected, in: &canvas)
            clicks.append(ClickRegion(Rect(x: 0, y: 4 + offset, width: canvas.width, height: 1), .clickRow(top + offset)))
        }
        return clicks
    }

    private static func drawModal(_ model: Context, _ settings: SettingsFeature, in canvas: inout Canvas) -> [ClickRegion<SettingsFeature.Action>] {
        let busy = settings.saving != nil ? "Saving…" : nil
        let language = model.language
        switch settings.modal {
        case .accountForm(let form)?:
            canvas.cursor = nil
            return FormView.draw(form.form, in: &canvas, note: HotDeskForm.note, busy: busy, language: language).clicks(SettingsFeature.Action.key)
        case .upload(let form)?:
            canvas.cursor = nil
            return FormView.draw(form.form, in: &canvas, note: UploadForm.note, busy: busy, language: language).clicks(SettingsFeature.Action.key)
        case .addTemplate(let form)?:
            canvas.cursor = nil
            return FormView.draw(form.form, in: &canvas, note: TemplateForm.note, busy: busy, language: language).clicks(SettingsFeature.Action.key)
        case .confirmDelete(let kind, let name)?:
            let title = kind == .templates ? "Delete template" : "Delete background image"
            let question = kind == .templates ? "Delete the template \"\(name)\"?" : "Delete the background image \"\(name)\"?"
            MessageBox.draw(title: model.t(title), lines: [(model.t(question), Style(.text, bold: true))],
                            hint: QuestionKeys.hint(model.language), in: &canvas)
        case .templateErrors(let name, _, let problems)?:
            var lines: [(String, Style)] = [(model.t("\"\(name)\" is not valid for its vendor:"), Style(.text, bold: true))]
            lines += problems.prefix(6).map { ("  " + model.t($0.description), Style(.error)) }
            if problems.count > 6 { lines.append((model.t("  … and \(problems.count - 6) more"), .muted)) }
            MessageBox.draw(title: model.t("Template has errors"), lines: lines, hint: model.t("e edit again · d or Esc discard this edit"),
                            in: &canvas)
        case nil:
            break
        }
        return []
    }
}
