/// Draws a `Form` as a centred window: one row per field plus a message row under it
/// (error, warning or the reason a field is disabled), and the buttons on one row.
public enum FormView {
    public static let labelWidth = 18

    /// Rows above the fields for a screen-specific note.
    public static func height<Field>(of form: Form<Field>, noteRows: Int) -> Int {
        let inputs = form.fields.filter { !$0.isButton }.count
        return 2 + noteRows + inputs * 2 + 2 + 1
    }

    /// Where a form window puts things: its rect, each input field's row and each button's columns.
    public struct Layout {
        public var rect: Rect
        public var fieldRows: [Int: Int] = [:]
        public var buttons: [Int: Range<Int>] = [:]
        public var buttonRow: Int
    }

    public static func layout<Field>(_ form: Form<Field>, bounds: Rect, width: Int = 66, noteRows: Int, language: Language = .en) -> Layout {
        let rect = bounds.centred(width: width, height: height(of: form, noteRows: noteRows))
        var layout = Layout(rect: rect, buttonRow: rect.maxY - 3)
        var y = rect.y + 1 + noteRows
        var buttonX = rect.x + 2 + labelWidth
        for (index, field) in form.fields.enumerated() {
            if field.isButton {
                let w = CellWidth.of(Localizer.tr(field.label, language)) + 4
                layout.buttons[index] = buttonX..<(buttonX + w)
                buttonX += w + 2
            } else {
                y += 1
                layout.fieldRows[index] = y
                y += 1
            }
        }
        return layout
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
        let placement = layout(form, bounds: canvas.bounds, width: width, noteRows: note.count, language: language)
        let rect = placement.rect
        canvas.window(rect, title: t(form.title))
        var y = rect.y + 1
        for line in note {
            canvas.put(Localizer.tr(line, language, record: false), x: rect.x + 2, y: y, style: Style(.muted), limit: rect.width - 4)
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
            let message: (String, Style)? = field.disabledReason.map { (t($0), Style(.muted)) }
                ?? field.error.map { ("✗ " + t($0), Style(.error, bold: true)) }
                ?? field.warning.map { ("! " + t($0), Style(.warning)) }
                ?? field.hint.map { (t($0), Style(.accent)) }
            if let (text, style) = message {
                // A long message starts under the label rather than being cut.
                let x = CellWidth.of(text) <= valueWidth ? valueX : rect.x + 2
                canvas.put(text, x: x, y: y + 1, style: style, limit: rect.maxX - 2 - x)
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
            popupClicks = drawPopup(dropdown, x: valueX, fieldY: fieldY, width: valueWidth, canvas: &canvas, language: language)
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
    private static func drawPopup(_ dropdown: Dropdown, x: Int, fieldY: Int, width: Int, canvas: inout Canvas,
                                  language: Language) -> [ClickRegion<Key>] {
        let visibleRows = min(8, max(1, dropdown.matches.count))
        // Open downward when it fits, otherwise upward.
        let height = visibleRows + 2
        let below = fieldY + 1 + height <= canvas.height
        let top = below ? fieldY + 1 : max(0, fieldY - height)
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
