/// What a form field holds.
public enum FieldKind: Equatable, Sendable {
    case text(TextInput)
    case dropdown(Dropdown)
    case checkbox(Bool)
    case button
}

/// One field of a form; `id` names it in the form's own field enum.
public struct FormField<Field: Hashable & Sendable>: Equatable, Sendable {
    public var id: Field
    public var label: String
    public var kind: FieldKind
    /// A disabled field is drawn dimmed with this reason and skipped by Tab.
    public var disabledReason: String?
    public var error: String?
    public var warning: String?
    /// A neutral note under the field (e.g. the detected card brand).
    public var hint: String?

    public init(id: Field, label: String, kind: FieldKind) { self.id = id; self.label = label; self.kind = kind }

    public var isEnabled: Bool { disabledReason == nil }
    var isButton: Bool { kind == .button }

    /// The field's value as text, for "has the form changed" checks.
    var valueSignature: String {
        switch kind {
        case .text(let input): return input.text
        case .dropdown(let dropdown): return dropdown.selectedValue ?? "\u{0}"
        case .checkbox(let on): return on ? "1" : "0"
        case .button: return ""
        }
    }
}

/// Actions of the form key table (see `Form.keys`).
public enum FormAction: Sendable {
    case next, previous, submit, cancel, activate, toggle
}

/// What a key did to a form, for the screen that owns it.
public enum FormEvent<Field: Hashable & Sendable>: Equatable, Sendable {
    case ignored
    case handled
    /// A field's value changed (the owner re-derives dependent fields and checks).
    case edited(Field)
    /// Focus left a field (the owner can validate it now).
    case left(Field)
    case submit
    /// Esc on an unchanged form, or a confirmed discard.
    case cancel
    case pressed(Field)
}

/// A generic keyboard form: fields in Tab order, a focus, and the SPEC §2 form keys. `Field`
/// is the form's own enum naming its fields and buttons.
public struct Form<Field: Hashable & Sendable>: Equatable, Sendable {
    public var title: String
    public var fields: [FormField<Field>]
    public var focus: Int
    /// Set while "Discard your changes?" is asked.
    public var confirmingDiscard = false
    private var initialSignature: [String]
    /// The button pressed by Ctrl-S.
    public let submitButton: Field
    /// The button that closes the form without asking, even when it was changed.
    public let cancelButton: Field

    public init(title: String, fields: [FormField<Field>], submitButton: Field, cancelButton: Field) {
        self.title = title
        self.fields = fields
        self.submitButton = submitButton
        self.cancelButton = cancelButton
        focus = 0
        initialSignature = fields.map(\.valueSignature)
        focus = fields.firstIndex(where: \.isEnabled) ?? 0
    }

    public var isDirty: Bool { fields.map(\.valueSignature) != initialSignature }
    public var focusedField: FormField<Field>? { fields.indices.contains(focus) ? fields[focus] : nil }

    /// True while a dropdown list is open: keys go to the list first.
    public var hasOpenDropdown: Bool {
        if case .dropdown(let d)? = focusedField?.kind { return d.isOpen }
        return false
    }

    /// True when printable keys type into the focused field.
    public var focusTakesText: Bool {
        switch focusedField?.kind {
        case .text?, .dropdown?: return true
        default: return false
        }
    }

    public func index(of field: Field) -> Int? { fields.firstIndex { $0.id == field } }

    /// The field, or nil when this form lacks it, so
    /// `form[.mac]?.error = …` does nothing then. Fields are fixed when the form is made:
    /// setting nil changes nothing.
    public subscript(field: Field) -> FormField<Field>? {
        get { index(of: field).map { fields[$0] } }
        set {
            guard let newValue, let index = index(of: field) else { return }
            fields[index] = newValue
        }
    }

    /// A text field's text; "" for a field this form lacks.
    public func text(_ field: Field) -> String {
        if case .text(let input)? = self[field]?.kind { return input.text }
        return ""
    }

    /// Replaces a text field's text (as if typed, cursor at the end).
    public mutating func setText(_ text: String, of field: Field) {
        guard case .text(var input)? = self[field]?.kind else { return }
        input.text = text
        self[field]?.kind = .text(input)
    }

    /// A dropdown's chosen value; nil for a field this form lacks.
    public func choice(_ field: Field) -> String? {
        if case .dropdown(let d)? = self[field]?.kind { return d.selectedValue }
        return nil
    }

    /// A checkbox's state; false for a field this form lacks.
    public func isChecked(_ field: Field) -> Bool {
        if case .checkbox(let on)? = self[field]?.kind { return on }
        return false
    }

    /// Chooses a dropdown's value (nil: nothing chosen).
    public mutating func setChoice(_ value: String?, of field: Field) {
        guard case .dropdown(var dropdown)? = self[field]?.kind else { return }
        dropdown.select(value: value)
        self[field]?.kind = .dropdown(dropdown)
    }

    /// Sets a checkbox.
    public mutating func setChecked(_ on: Bool, of field: Field) {
        guard case .checkbox? = self[field]?.kind else { return }
        self[field]?.kind = .checkbox(on)
    }

    /// Clears every field's error before a new check.
    public mutating func clearErrors() {
        for index in fields.indices { fields[index].error = nil }
    }

    /// Shows the errors of a check keyed by another type (a core field enum): each field shows
    /// the error of the key `key` maps it to; fields without one are cleared.
    public mutating func showErrors<Key: Hashable>(_ errors: [Key: String], keyedBy key: (Field) -> Key?) {
        for index in fields.indices { fields[index].error = key(fields[index].id).flatMap { errors[$0] } }
    }

    /// Focuses the first field with an error; true when there was one.
    @discardableResult
    public mutating func focusFirstError() -> Bool {
        guard let first = fields.firstIndex(where: { $0.error != nil && $0.isEnabled }) else { return false }
        focus = first
        return true
    }

    /// Forgets edits so far: the current values become the "unchanged" state.
    public mutating func markClean() { initialSignature = fields.map(\.valueSignature) }

    public mutating func focus(on field: Field) {
        if let i = index(of: field), fields[i].isEnabled { focus = i }
    }

    public mutating func handle(_ key: Key) -> FormEvent<Field> {
        if confirmingDiscard {
            // "Discard your changes?": other keys (Enter too) wait for the answer.
            guard let yes = QuestionKeys.table.action(for: key) else { return .handled }
            confirmingDiscard = false
            return yes ? .cancel : .handled
        }
        guard fields.indices.contains(focus) else { return .ignored }
        if case .clickField(let index) = key { return click(index) }
        let id = fields[focus].id
        // Ctrl-S submits past an open list, which closes unchanged (its search text went with it).
        if key == .ctrl("s"), case .dropdown(var dropdown) = fields[focus].kind, dropdown.isOpen {
            dropdown.dismiss()
            fields[focus].kind = .dropdown(dropdown)
        }
        // An open dropdown takes every key except Ctrl-S.
        if case .dropdown(var dropdown) = fields[focus].kind, key != .ctrl("s") {
            let before = dropdown.selectedValue
            let outcome = dropdown.handle(key)
            fields[focus].kind = .dropdown(dropdown)
            switch outcome {
            case .handled: return .handled
            case .accepted(let moveOn):
                if moveOn { _ = move(by: 1) }
                return dropdown.selectedValue != before ? .edited(id) : .handled
            case .ignored: break
            }
        }
        if case .text(var input) = fields[focus].kind {
            let before = input.text, earlier = input.notice
            if input.handle(key) {
                fields[focus].kind = .text(input)
                // The notice stays: re-checking the field now would replace it.
                if let notice = input.notice { fields[focus].error = notice; return .handled }
                // The input's own notice goes with the next edit (Ctrl-U, Backspace).
                if let earlier, fields[focus].error == earlier { fields[focus].error = nil }
                return input.text == before ? .handled : .edited(id)
            }
        }
        guard let action = FormKeys.table.action(for: key) else { return .ignored }
        switch action {
        case .next: return move(by: 1)
        case .previous: return move(by: -1)
        case .submit: return .submit
        case .cancel:
            if isDirty { confirmingDiscard = true; return .handled }
            return .cancel
        case .toggle:
            if case .checkbox(let on) = fields[focus].kind {
                fields[focus].kind = .checkbox(!on)
                return .edited(id)
            }
            return .handled
        case .activate:
            switch fields[focus].kind {
            case .button: return press(id)
            case .checkbox(let on):
                fields[focus].kind = .checkbox(!on)
                return .edited(id)
            default: return move(by: 1)
            }
        }
    }

    /// A click on field `index`: focus it; a checkbox toggles, a button is pressed.
    public mutating func click(_ index: Int) -> FormEvent<Field> {
        guard fields.indices.contains(index), fields[index].isEnabled, !confirmingDiscard, !hasOpenDropdown else { return .ignored }
        let left = fields[focus].id
        focus = index
        switch fields[index].kind {
        case .button: return press(fields[index].id)
        case .checkbox(let on):
            fields[index].kind = .checkbox(!on)
            return .edited(fields[index].id)
        case .dropdown(var list) where left == fields[index].id:
            // A second click on a list opens it, as Enter does.
            _ = list.handle(.enter)
            fields[index].kind = .dropdown(list)
            return .handled
        default: return left == fields[index].id ? .handled : .left(left)
        }
    }

    /// A button pressed (Enter or a click): [Cancel] on a changed form asks first, as Esc does —
    /// typed input is never lost to one key.
    private mutating func press(_ button: Field) -> FormEvent<Field> {
        if button == submitButton { return .submit }
        if button == cancelButton, isDirty {
            confirmingDiscard = true
            return .handled
        }
        return .pressed(button)
    }

    /// Moves focus to the next enabled field (wrapping), reporting the field left.
    private mutating func move(by step: Int) -> FormEvent<Field> {
        let left = fields[focus].id
        var i = focus
        for _ in 0..<fields.count {
            i = (i + step + fields.count) % fields.count
            if fields[i].isEnabled { break }
        }
        focus = i
        return .left(left)
    }
}
