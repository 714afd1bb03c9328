/// What a key did to a form, after the parts every form shares.
enum FormStep<Field: Hashable & Sendable>: Equatable {
    /// A global key (help, quit) the form does not type.
    case global(GlobalAction)
    /// Esc on an unchanged form, a confirmed discard, or [Cancel].
    case close
    /// Ctrl-S or the submit button.
    case submit
    case event(FormEvent<Field>)

    /// The command of a global key, for the feature that owns the form.
    func globalCommand<A>() -> Command<A>? {
        guard case .global(let action) = self else { return nil }
        return action.command()
    }
}

extension Form {
    /// Runs a key through the form: global keys first (unless they would be typed), then the form.
    mutating func step(_ key: Key) -> FormStep<Field> {
        if let global = globalAction(for: key) { return .global(global) }
        switch handle(key) {
        case .cancel: return .close
        case .pressed(let button) where button == cancelButton: return .close
        case .submit: return .submit
        case let event: return .event(event)
        }
    }

    /// F1 help and Ctrl-C/F10 quit inside a form; `?` and `q` too when they would not be typed.
    private func globalAction(for key: Key) -> GlobalAction? {
        // Where letters are typed (or answer y/n), only F1, Ctrl-C and F10 are global.
        if confirmingDiscard || focusTakesText { return GlobalKeys.whileTyping.action(for: key) }
        return GlobalKeys.table.action(for: key)
    }
}

extension Form {
    /// The keys of this form as it stands: the discard question while it is asked, else the
    /// form's own, the focused field's (a text field's editing keys, a dropdown's) and the
    /// global ones.
    func focusKeys(_ title: String, _ language: Language) -> FocusKeys {
        if confirmingDiscard { return QuestionKeys.focusKeys(title, language, global: .globalWhileTyping) }
        var sections = [HelpSection(FormKeys.table.title, FormKeys.table.helpRows)]
        switch focusedField?.kind {
        case .text?: sections.append(HelpSection(TextInput.keys.title, TextInput.keys.helpRows))
        case .dropdown(let list)?:
            sections.append(HelpSection(Dropdown.keys.title, Dropdown.keys.helpRows))
            // An open list takes the keys: its bar is the list's.
            if list.isOpen { return FocusKeys(title, sections + [.globalWhileTyping], footer: Dropdown.keys.footerItems) }
        default: break
        }
        return FocusKeys(title, sections + [focusTakesText ? .globalWhileTyping : .global], footer: FormKeys.table.footerItems)
    }
}

/// The keys of every form (its fields add their own, see `Form.focusKeys`).
public enum FormKeys {
    public static let table = KeyTable<FormAction>("Form", [
        KeyBinding([.tab, .down], "next field", footer: "Next", .next),
        KeyBinding([.backTab, .up], "previous field", .previous),
        KeyBinding([.enter], "next field · presses a button · opens a dropdown", .activate),
        KeyBinding([.char(" ")], "toggle a checkbox · open a dropdown", .toggle),
        KeyBinding([.ctrl("s")], "submit the form from any field", footer: "Submit", .submit),
        KeyBinding([.escape], "cancel (asks first when something was changed)", footer: "Cancel", .cancel),
    ])
}
