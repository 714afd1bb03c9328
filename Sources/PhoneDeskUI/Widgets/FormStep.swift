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
        return action == .help ? .help : .quit
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
        if confirmingDiscard { return nil }
        // An open list takes typing; F1 still helps.
        if hasOpenDropdown, key != .function(1) { return nil }
        if focusTakesText, key.printable != nil { return nil }
        return GlobalKeys.table.action(for: key)
    }
}

extension Form where Field == Never {
    /// The keys of a form window: the form's, a dropdown's, and the global ones.
    static func focus(_ title: String, dropdowns: Bool = true) -> FocusKeys {
        FocusKeys(title, [HelpSection("Form", keys.helpRows)] + (dropdowns ? [HelpSection("Dropdown", dropdownKeys)] : []) + [.global],
                  footer: keys.footerItems)
    }
}
