import PhoneDeskCore

/// The key-layout editor: the model's capacity, the keys as a list, and a picture of the page
/// (of the phone or of a sidecar) the selected key sits on, keys in columns as on the device.
enum KeyLayoutView {
    /// Border, two summary lines, header, rule, hint, border (the picture takes the rest).
    static let chromeRows = 7

    /// The whole dialog area but its last row: the status line under it says what a key did.
    static func rect(_ size: TermSize) -> Rect {
        let area = DialogSize.area(width: size.width, height: size.height)
        var rect = DialogSize.rect(width: DialogSize.maxWidth(in: area), height: max(0, area.height - 1), in: area)
        rect.y = area.y
        return rect
    }

    /// Columns of a page in the picture: two, as beside a phone's screen; four for a long page.
    static func columns(perPage: Int) -> Int { perPage > 12 ? 4 : 2 }

    /// Rows one page takes in the picture: its caption and its keys.
    static func pageRows(perPage: Int) -> Int { 1 + (perPage + columns(perPage: perPage) - 1) / columns(perPage: perPage) }

    /// The tallest page of the model and its sidecar.
    static func tallestPage(_ model: PhoneModel?) -> Int {
        guard let model, model.lineKeys > 0 else { return 1 }
        return max(pageRows(perPage: model.keysPerPage), model.expansionModule.map { pageRows(perPage: $0.keysPerPage) } ?? 0)
    }

    /// Rows of the list: what the keys need (at least three), leaving the picture one page.
    static func listRows(_ size: TermSize, model: PhoneModel?, keys: Int = .max) -> Int {
        let available = rect(size).height - chromeRows
        return max(1, min(available - tallestPage(model), max(3, keys == .max ? .max : keys + 1)))
    }

    static func listRows(_ size: TermSize, _ feature: KeyLayoutFeature) -> Int {
        listRows(size, model: feature.model, keys: feature.layout.keys.count)
    }

    static let columnsOfList = [TableColumn("No.", min: 4, weight: 0), TableColumn("Place", min: 17, weight: 0, drop: 1),
                                TableColumn("Type", min: 12, weight: 0), TableColumn("Value", min: 12, weight: 1),
                                TableColumn("Label", min: 12, weight: 2)]

    static func place(_ number: Int, model: PhoneModel?, _ t: (String) -> String) -> String {
        guard let model else { return "—" }
        let at = KeysText.position(number, model: model)
        if let module = at.module { return t("sidecar \(module), page \(at.page)") }
        return t("phone, page \(at.page)")
    }

    /// The model's capacity (first line) and its sidecars, or what its files leave out (second);
    /// each fits the editor at 80 columns.
    static func summary(_ feature: KeyLayoutFeature, _ t: (String) -> String) -> [String] {
        guard let model = feature.model else { return [t("Unknown model: no keys."), ""] }
        let keys = model.pages > 1 ? t("phone keys: \(model.lineKeys) (\(model.pages) pages of \(model.keysPerPage))")
                                   : t("phone keys: \(model.lineKeys)")
        let first = [model.label, keys, t("in all: \(feature.capacity), set: \(feature.layout.keys.count)")].joined(separator: " · ")
        guard let module = model.expansionModule else {
            // Keys the brand's files cannot carry are shown but never written: say which.
            let written = (1...max(1, feature.capacity)).filter { KeyRules.renders(.blf, number: $0, model: model) }
            if let low = written.first, let high = written.last, written.count < feature.capacity {
                return [first, t("\(model.brand.rawValue): only keys \(low)–\(high) are written (BLF, speed dial, park).")]
            }
            return [first, t("Takes no sidecars (expansion modules).")]
        }
        return [first, t("Sidecars: \(feature.layout.sidecars) of at most \(model.maxModules) \(module.name), \(module.keys) keys each · + adds, - removes")]
    }

    static func draw(_ feature: KeyLayoutFeature, _ context: Context, in canvas: inout Canvas) -> [ClickRegion<KeyLayoutFeature.Action>] {
        let t = context.t
        let rect = rect(context.size)
        canvas.cursor = nil
        canvas.window(rect, title: t("Keys of \"\(feature.base.name)\""))
        let x = rect.x + 2, inner = rect.width - DialogSize.chrome
        for (offset, line) in summary(feature, t).enumerated() {
            canvas.put(CellWidth.truncate(line, to: inner), x: x, y: rect.y + 1 + offset, style: .muted, limit: inner)
        }
        let top = rect.y + 1
        let widths = ColumnTable.widths(columnsOfList, width: inner)
        ColumnTable.drawHeader(columnsOfList, widths: widths, x: x, y: top + 2, in: &canvas, language: context.language)
        let rows = listRows(context.size, feature)
        let users = context.data
        if feature.layout.keys.isEmpty {
            canvas.put(CellWidth.truncate(t("No keys set: a adds one."), to: inner), x: x, y: top + 3, style: .muted, limit: inner)
        }
        for (offset, key) in feature.layout.keys.enumerated().dropFirst(feature.cursor.top).prefix(rows) {
            let label = key.label ?? (key.type == .blf ? users.user(key.value)?.name : nil) ?? "—"
            ColumnTable.drawRow(["\(key.number)", place(key.number, model: feature.model, t), t(KeysText.typeName(key.type)),
                                 key.value ?? "—", label],
                                widths: widths, x: x, y: top + 3 + offset - feature.cursor.top, rowWidth: inner,
                                selected: offset == feature.cursor.selected && feature.mode == .list, in: &canvas)
        }

        let ruleY = top + 3 + rows
        canvas.hline(x: rect.x + 1, y: ruleY, width: rect.width - 2)
        drawPicture(feature, context, x: x, y: ruleY + 1, width: inner, rows: rect.maxY - 2 - (ruleY + 1), in: &canvas)
        // After another operator's save the hint gives way to what was merged (`mergeNote`).
        if let note = feature.mergeNote {
            canvas.put(CellWidth.truncate(t(note), to: inner), x: x, y: rect.maxY - 2, style: Style(.warning), limit: inner)
        } else {
            let hint = t("L line, B BLF, S speed dial, P park, D DND, N none · [ ] move · ? help")
            canvas.put(CellWidth.truncate(hint, to: inner), x: x, y: rect.maxY - 2, style: .muted, limit: inner)
        }

        switch feature.mode {
        case .list: return []
        case .editing(let form):
            return FormView.draw(form.form, in: &canvas, note: KeyForm.note, busy: nil, language: context.language).clicks(KeyLayoutFeature.Action.key)
        case .discard:
            MessageBox.draw(title: t("Key layout"), lines: [(t("Discard your changes?"), Style(.text, bold: true))],
                            hint: QuestionKeys.hint(context.language), in: &canvas)
            return []
        case .presetName(let form):
            return FormView.draw(form, in: &canvas, note: ["The preset is saved on the account; p applies it to a phone."],
                                 busy: nil, language: context.language).clicks(KeyLayoutFeature.Action.key)
        case .presets(let row):
            PresetList.draw(context.data.account.keyPresets ?? [], selected: row, title: t("Apply a preset"), context, in: &canvas)
            return []
        }
    }

    /// The pages of the phone, then of each sidecar attached.
    static func pages(_ model: PhoneModel, sidecars: Int) -> [(module: Int?, page: Int)] {
        var out: [(module: Int?, page: Int)] = (1...max(model.pages, 1)).map { (nil, $0) }
        if let kind = model.expansionModule, sidecars > 0 {
            for module in 1...sidecars { out += (1...max(kind.pages, 1)).map { (module, $0) } }
        }
        return out
    }

    /// Pages as the device shows them, from the one the selected key is on, as many as fit:
    /// numbers down the columns, each key's letter and label; the selected key reversed.
    static func drawPicture(_ feature: KeyLayoutFeature, _ context: Context, x: Int, y: Int, width: Int, rows: Int, in canvas: inout Canvas) {
        let t = context.t
        guard let model = feature.model, model.lineKeys > 0 else {
            canvas.put(CellWidth.truncate(t("This model has no programmable keys."), to: width), x: x, y: y, style: .muted, limit: width)
            return
        }
        let selected = feature.selectedKey?.number ?? 1
        let at = KeysText.position(selected, model: model)
        let sequence = pages(model, sidecars: min(feature.layout.sidecars, model.maxModules))
        let start = sequence.firstIndex { $0.module == at.module && $0.page == at.page } ?? 0
        var top = y
        for (module, page) in sequence[start...] {
            let perPage: Int, count: Int, first: Int, caption: String
            if let module, let kind = model.expansionModule {
                perPage = kind.keysPerPage
                first = model.lineKeys + (module - 1) * kind.keys + (page - 1) * perPage + 1
                count = min(perPage, kind.keys - (page - 1) * perPage)
                caption = t("Sidecar \(module) of \(feature.layout.sidecars) (\(kind.name)) · page \(page) of \(kind.pages)")
            } else {
                perPage = model.keysPerPage
                first = (page - 1) * perPage + 1
                count = min(perPage, model.lineKeys - (page - 1) * perPage)
                caption = t("Phone · page \(page) of \(model.pages)")
            }
            let needed = pageRows(perPage: perPage)
            // The first page always shows (cut if it must); the next only whole.
            guard top == y || top + needed <= y + rows else { break }
            canvas.put(CellWidth.truncate(caption, to: width), x: x, y: top, style: Style(.primary, bold: true), limit: width)
            let columns = columns(perPage: perPage)
            let cellRows = needed - 1
            let cellWidth = max(4, (width - (columns - 1)) / columns)
            for slot in 0..<count {
                let number = first + slot
                let column = slot / cellRows, row = slot % cellRows
                guard 1 + row < y + rows - top else { continue }
                let key = feature.layout.key(number)
                let text: String
                if let key {
                    let label = key.label ?? (key.type == .blf ? context.data.user(key.value)?.name : nil) ?? key.value ?? ""
                    text = "\(number) \(KeysText.glyph(key.type)) \(label)"
                } else {
                    text = "\(number) ·"
                }
                let style: Style = number == selected && key != nil ? Style(.selection, reverse: true) : (key == nil ? .muted : .text)
                canvas.put(CellWidth.truncate(text, to: cellWidth), x: x + column * (cellWidth + 1), y: top + 1 + row, style: style, limit: cellWidth)
            }
            top += needed
        }
    }
}

/// A short list of presets to choose from (the editor's `p`, and `k` with marked phones).
enum PresetList {
    /// `notes` (a refusal and its fix) go under the presets, warnings first.
    static func draw(_ presets: [KeyPreset], selected: Int, title: String, _ context: Context, notes: [String] = [], in canvas: inout Canvas) {
        let t = context.t
        var lines = presets.enumerated().map { index, preset in
            ((index == selected ? "› " : "  ") + preset.name + "  " + t("keys: \(preset.keys.count), sidecars: \(preset.sidecars ?? 0)"),
             index == selected ? Style(.selection, bold: true, reverse: true) : Style.text)
        }
        if !notes.isEmpty { lines.append(("", Style.text)) }
        lines += notes.map { note in
            note.hasPrefix("! ") ? ("! " + t(String(note.dropFirst(2))), Style(.warning)) : (t(note), Style.muted)
        }
        MessageBox.draw(title: title, lines: lines, hint: t("↑ ↓ choose · Enter applies · Esc closes"), in: &canvas)
    }
}
