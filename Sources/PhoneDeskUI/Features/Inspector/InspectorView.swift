import PhoneDeskCore

/// The inspector window: where the files are served and whether they hold secrets, the files'
/// lines (matches highlighted), a line saying how to find or what was found, and the scroll
/// position on the bottom edge.
enum InspectorView {
    /// Border, the two header lines, the rule, the find line, border.
    static let chromeRows = 6

    static func rect(_ size: TermSize) -> Rect {
        let area = DialogSize.area(width: size.width, height: size.height)
        return DialogSize.rect(width: DialogSize.maxWidth(in: area), height: area.height, in: area)
    }

    /// Lines of the files shown at once.
    static func page(_ size: TermSize) -> Int { max(1, rect(size).height - chromeRows) }

    static func draw(_ inspector: InspectorFeature, _ context: Context, in canvas: inout Canvas) {
        let t = context.t
        let rect = rect(context.size)
        canvas.window(rect, title: t("\"\(inspector.phoneName)\": the files nginx serves"))
        let x = rect.x + 2, inner = rect.width - DialogSize.chrome
        canvas.cursor = nil
        guard let phone = context.data.phone(id: inspector.phoneID), let document = inspector.document(context) else {
            canvas.put(t("\"\(inspector.phoneName)\" was deleted."), x: x, y: rect.y + 2, style: .muted, limit: inner)
            return
        }
        let url = context.data.account.provisioningURL(of: phone)
        let served = url ?? t("Not served yet: the phone has no URL.")
        canvas.put(CellWidth.truncate(served, to: inner), x: x, y: rect.y + 1, style: .muted, limit: inner)
        if document.holdsSecrets {
            // A viewer is told here, in the window: the status line under it is covered.
            let secrets = inspector.reveal ? "Holds secrets (SIP password, PIN), shown: s masks them"
                : context.run.rights.allows(.edit) ? "Holds secrets (SIP password, PIN), masked: s shows them"
                : "Holds secrets (SIP password, PIN), masked: showing them needs edit"
            canvas.put(CellWidth.truncate(t(secrets), to: inner), x: x, y: rect.y + 2, style: Style(.warning, bold: true), limit: inner)
        }
        canvas.hline(x: rect.x + 1, y: rect.y + 3, width: rect.width - 2)

        let page = page(context.size)
        let first = ScrollText.clamp(inspector.top, total: document.lines.count, page: page)
        for (offset, line) in document.lines.dropFirst(first).prefix(page).enumerated() {
            let y = rect.y + 4 + offset
            let style: Style = switch line.kind {
            case .heading: Style(.primary, bold: true)
            case .text: .text
            case .removed: Style(.error)
            case .added: Style(.success)
            case .note: .muted
            }
            let text = CellWidth.truncate(line.text, to: inner)
            canvas.put(text, x: x, y: y, style: style, limit: inner)
            // The text found, highlighted where it is on the line.
            if !inspector.query.isEmpty, let range = InspectorDocument.range(of: inspector.query, in: text) {
                let at = x + CellWidth.of(String(text[..<range.lowerBound]))
                let current = first + offset == inspector.match
                canvas.put(String(text[range]), x: at, y: y, style: Style(current ? .accent : .selection, bold: current, reverse: true),
                           limit: max(0, x + inner - at))
            }
        }

        let findY = rect.maxY - 2
        if inspector.finding {
            let label = t("Find") + ": /"
            let end = x + canvas.put(label, x: x, y: findY, style: Style(.accent, bold: true))
            let typed = canvas.put(inspector.query, x: end, y: findY, style: Style(.text, bold: true), limit: max(0, inner - (end - x)))
            canvas.cursor = (end + typed, findY)
        } else if !inspector.query.isEmpty {
            let hits = document.matches(inspector.query)
            let text = hits.isEmpty ? t("\"\(inspector.query)\" is not in the files.")
                : t("\"\(inspector.query)\": match \((hits.firstIndex(of: inspector.match ?? -1) ?? 0) + 1) of \(hits.count) · n next · N previous")
            canvas.put(CellWidth.truncate(text, to: inner), x: x, y: findY, style: .muted, limit: inner)
        } else {
            canvas.put(CellWidth.truncate(t("/ finds · s shows or masks secrets · c copies the URL · Esc closes"), to: inner),
                       x: x, y: findY, style: .muted, limit: inner)
        }
        ScrollText.drawPosition(first: first, page: page, total: document.lines.count, in: rect, canvas: &canvas, language: context.language)
    }
}
