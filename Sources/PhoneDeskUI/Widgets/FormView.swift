/// Draws a `Form` as a centred window: one row per field plus its message under it (error,
/// warning or the reason a field is disabled, wrapped at spaces), and the buttons on one row.
public enum FormView {
    public static let labelWidth = 18

    /// Where a form window puts things: its rect, the note's lines, each input field's row,
    /// its message's lines and where they start, and each button's columns.
    public struct Layout {
        public var rect: Rect
        public var note: [String] = []
        public var fieldRows: [Int: Int] = [:]
        public var messages: [Int: (x: Int, lines: [String], style: Style)] = [:]
        public var buttons: [Int: Range<Int>] = [:]
        public var buttonRow: Int
    }

    /// `note` lines go above the fields. The window is at least `width` wide, wider when its note
    /// or a message wants it, up to the screen, and as tall as its wrapped text (one line per
    /// message when that would not fit).
    public static func layout<Field>(_ form: Form<Field>, bounds: Rect, width: Int = 66, note: [String], language: Language = .en) -> Layout {
        let notes = note.map { Localizer.tr($0, language, record: false) }
        let natural = (notes.map(CellWidth.of) + form.fields.compactMap { message($0, language).map { CellWidth.of($0.0) } }).max() ?? 0
        let w = DialogSize.width(natural: natural, minimum: width, in: bounds)
        let inner = w - DialogSize.chrome, valueWidth = w - 4 - labelWidth
        let noteLines = notes.flatMap { WordWrap.lines($0, width: inner) }
        // A message that fits goes under the value; a longer one starts under the label, its
        // continuation lines under its first word.
        func messageLines(_ text: String, wrap: Bool) -> (Int, [String]) {
            if CellWidth.of(text) <= valueWidth { return (2 + labelWidth, [text]) }
            guard wrap, CellWidth.of(text) > inner else { return (2, [CellWidth.truncate(text, to: inner)]) }
            let lines = WordWrap.lines(text, width: inner - 2)
            return (2, [lines[0]] + lines.dropFirst().map { "  " + $0 })
        }
        let inputs = form.fields.indices.filter { !form.fields[$0].isButton }
        // Compact: no blank row under a field without a message (a long note at 80×24 once
        // pushed the buttons onto the last field).
        func height(wrap: Bool, compact: Bool) -> Int {
            2 + noteLines.count + inputs.reduce(0) { rows, index in
                let lines = message(form.fields[index], language).map { messageLines($0.0, wrap: wrap).1.count }
                return rows + 1 + (compact ? lines ?? 0 : max(1, lines ?? 1))
            } + 2 + 1
        }
        // Wrapped messages and blank rows; then without the blank rows; then one line a message.
        let (wrap, compact) = height(wrap: true, compact: false) <= bounds.height ? (true, false)
            : height(wrap: true, compact: true) <= bounds.height ? (true, true) : (false, true)
        let rect = DialogSize.rect(width: w, height: height(wrap: wrap, compact: compact), in: bounds)
        var layout = Layout(rect: rect, note: noteLines, buttonRow: rect.maxY - 3)
        var y = rect.y + 1 + noteLines.count
        var buttonX = rect.x + 2 + labelWidth
        for (index, field) in form.fields.enumerated() {
            if field.isButton {
                let bw = CellWidth.of(Localizer.tr(field.label, language)) + 4
                layout.buttons[index] = buttonX..<(buttonX + bw)
                buttonX += bw + 2
                continue
            }
            y += 1
            layout.fieldRows[index] = y
            if let (text, style) = message(field, language) {
                let (x, lines) = messageLines(text, wrap: wrap)
                layout.messages[index] = (rect.x + x, lines, style)
                y += lines.count
            } else if !compact {
                y += 1
            }
        }
        return layout
    }

    /// The line under a field: why it is disabled, else its error, warning or hint.
    static func message<Field>(_ field: FormField<Field>, _ language: Language) -> (String, Style)? {
        let t = { (text: String) in Localizer.tr(text, language) }
        return field.disabledReason.map { (t($0), Style(.muted)) }
            ?? field.error.map { ("✗ " + t($0), Style(.error, bold: true)) }
            ?? field.warning.map { ("! " + t($0), Style(.warning)) }
            ?? field.hint.map { (t($0), Style(.accent)) }
    }

    /// What drawing a form left on the screen: its window, and where a click focuses or presses
    /// each field (by index).
    public struct Drawn {
        public var rect: Rect
        /// The key each click sends: `.clickField(i)` on a field or button, `.clickOption(i)` on
        /// a row of the open list.
        public var clicks: [ClickRegion<Key>]

        /// The clicks as a screen's action.
        func clicks<Action>(_ key: (Key) -> Action) -> [ClickRegion<Action>] { clicks.map { $0.map(key) } }
    }

    /// Draws the form; `note` lines are shown above the fields.
    @discardableResult
    public static func draw<Field>(_ form: Form<Field>, in canvas: inout Canvas, width: Int = 66, note: [String] = [],
                                   busy: String? = nil, language: Language = .en) -> Drawn {
        let t = { (text: String) in Localizer.tr(text, language) }
        let placement = layout(form, bounds: DialogSize.area(canvas), width: width, note: note, language: language)
        let rect = placement.rect
        canvas.window(rect, title: t(form.title))
        var y = rect.y + 1
        for line in placement.note {
            canvas.put(line, x: rect.x + 2, y: y, style: Style(.muted), limit: rect.width - 4)
            y += 1
        }
        let valueX = rect.x + 2 + labelWidth
        let valueWidth = rect.maxX - 2 - valueX
        var popup: (Dropdown, Int)?
        var popupClicks: [ClickRegion<Key>] = []
        for (index, field) in form.fields.enumerated() {
            let focused = index == form.focus && !form.confirmingDiscard
            if field.isButton, let columns = placement.buttons[index] {
                let style = focused ? Style(.selection, reverse: true) : Style(.primary, bold: true)
                canvas.put("[ \(t(field.label)) ]", x: columns.lowerBound, y: placement.buttonRow, style: style)
                continue
            }
            y = placement.fieldRows[index] ?? y
            let labelStyle = field.isEnabled ? Style(.text, bold: focused) : Style(.muted)
            canvas.put((focused ? "›" : " ") + t(field.label), x: rect.x + 1, y: y, style: labelStyle, limit: labelWidth)
            drawValue(field, focused: focused, x: valueX, y: y, width: valueWidth, canvas: &canvas, language: language)
            if case .dropdown(let d) = field.kind, d.isOpen, focused { popup = (d, y) }
            if let message = placement.messages[index] {
                for (row, line) in message.lines.enumerated() {
                    canvas.put(line, x: message.x, y: y + 1 + row, style: message.style, limit: rect.maxX - 2 - message.x)
                }
            }
        }
        if form.confirmingDiscard {
            let question = t("Discard your changes?") + "  " + QuestionKeys.hint(language)
            canvas.put(question, x: rect.x + 2, y: rect.maxY - 2, style: Style(.warning, bold: true), limit: rect.width - 4)
            canvas.cursor = nil
        } else if let busy {
            canvas.put(t(busy), x: rect.x + 2, y: rect.maxY - 2, style: Style(.accent))
        }
        if let (dropdown, fieldY) = popup {
            popupClicks = drawPopup(dropdown, x: valueX, fieldY: fieldY, width: valueWidth, within: rect, canvas: &canvas, language: language)
        }
        let buttons = placement.buttons.map {
            ClickRegion(Rect(x: $0.value.lowerBound, y: placement.buttonRow, width: $0.value.count, height: 1), Key.clickField($0.key))
        }
        let rows = placement.fieldRows.map { ClickRegion(Rect(x: rect.x, y: $0.value, width: rect.width, height: 1), Key.clickField($0.key)) }
        // Buttons, then an open list's rows, last: a click takes the last region under it.
        return Drawn(rect: rect, clicks: rows + buttons + popupClicks)
    }

    private static func drawValue<Field>(_ field: FormField<Field>, focused: Bool, x: Int, y: Int, width: Int,
                                         canvas: inout Canvas, language: Language) {
        let boxStyle = focused ? Style(.selection, reverse: true) : Style(.text, underline: true)
        switch field.kind {
        case .text(let input):
            let (text, cursorColumn) = input.visible(width: width)
            canvas.put(CellWidth.pad(text, to: width), x: x, y: y, style: field.isEnabled ? boxStyle : Style(.muted))
            if focused { canvas.cursor = (x + cursorColumn, y) }
        case .dropdown(let dropdown):
            let shown: String
            if dropdown.isOpen {
                // A long filter shows its end, where the cursor is.
                let prefix = Localizer.tr("filter: ", language)
                var filter = Substring(dropdown.filter)
                while !filter.isEmpty, CellWidth.of(prefix) + CellWidth.of(String(filter)) + 1 > width - 3 { filter = filter.dropFirst() }
                shown = prefix + (filter.count < dropdown.filter.count ? "…" : "") + filter
                if focused { canvas.cursor = (x + min(CellWidth.of(shown), width - 3), y) }
            } else {
                shown = Localizer.tr(dropdown.selectedOption?.label ?? "— choose —", language, record: false)
            }
            let text = CellWidth.pad(shown, to: width - 2) + " ▾"
            canvas.put(text, x: x, y: y, style: field.isEnabled ? boxStyle : Style(.muted))
        case .checkbox(let on):
            let text = (on ? "[x]" : "[ ]") + " " + Localizer.tr(on ? "on" : "off", language)
            canvas.put(text, x: x, y: y, style: field.isEnabled ? (focused ? boxStyle : Style(.text)) : Style(.muted))
        case .button:
            break
        }
    }

    /// Draws the open list; returns a click region per option row.
    /// The list stays inside its form window (never over the key bar): below the field when it
    /// fits there, else on the side with more room, showing as many rows as that side holds.
    private static func drawPopup(_ dropdown: Dropdown, x: Int, fieldY: Int, width: Int, within window: Rect, canvas: inout Canvas,
                                  language: Language) -> [ClickRegion<Key>] {
        let wanted = min(8, max(1, dropdown.matches.count)) + 2
        let roomBelow = window.maxY - 1 - (fieldY + 1), roomAbove = fieldY - (window.y + 1)
        let below = roomBelow >= wanted || roomBelow >= roomAbove
        let height = max(3, min(wanted, below ? roomBelow : roomAbove))
        let visibleRows = height - 2
        let top = below ? fieldY + 1 : fieldY - height
        let rect = Rect(x: x, y: top, width: width, height: height)
        canvas.window(rect, title: Localizer.tr("\(dropdown.matches.count) of \(dropdown.options.count)", language), style: Style(.surface))
        if dropdown.matches.isEmpty {
            canvas.put(Localizer.tr("no match — Backspace to widen", language), x: x + 1, y: top + 1, style: Style(.muted), limit: width - 2)
            return []
        }
        var clicks: [ClickRegion<Key>] = []
        let first = max(0, min(dropdown.highlighted - visibleRows + 1, dropdown.matches.count - visibleRows))
        let start = min(first, dropdown.highlighted)
        for row in 0..<visibleRows {
            let matchIndex = start + row
            guard matchIndex < dropdown.matches.count else { break }
            let option = dropdown.options[dropdown.matches[matchIndex]]
            let highlighted = matchIndex == dropdown.highlighted
            let style = highlighted ? Style(.selection, reverse: true) : Style(.text)
            canvas.put(CellWidth.pad(" " + Localizer.tr(option.label, language, record: false), to: width - 2), x: x + 1, y: top + 1 + row, style: style)
            clicks.append(ClickRegion(Rect(x: x + 1, y: top + 1 + row, width: width - 2, height: 1), Key.clickOption(matchIndex)))
        }
        return clicks
    }
}
