/// One phone a bulk change acts on, with the revision the operator saw (a mismatch is stale).
public struct PhoneRef: Equatable, Hashable, Sendable {
    public var id: Int
    public var revision: Int
    public init(id: Int, revision: Int) { self.id = id; self.revision = revision }
    public init(_ phone: Phone) { self.init(id: phone.id, revision: phone.revision) }
}

/// What a bulk edit does to one field: leave it, clear it, or set it.
public enum FieldChange: Equatable, Sendable {
    case keep, clear, set(String)

    func applied(to value: String?) -> String? {
        switch self {
        case .keep: return value
        case .clear: return nil
        case .set(let new): return new
        }
    }
}

/// The fields a bulk edit may change; each `.keep` until the operator touches it.
public struct BulkEdit: Equatable, Sendable {
    public var user: FieldChange = .keep
    public var blf: FieldChange = .keep
    public var background: FieldChange = .keep
    public var template: FieldChange = .keep
    /// A whole key layout (a preset) for every phone; nil keeps each phone's. It includes key 2,
    /// so it replaces the BLF field too and `blf` must be `.keep` beside it.
    public var layout: KeyLayout?

    public init(user: FieldChange = .keep, blf: FieldChange = .keep, background: FieldChange = .keep, template: FieldChange = .keep,
                layout: KeyLayout? = nil) {
        self.user = user; self.blf = blf; self.background = background; self.template = template; self.layout = layout
    }

    public var isEmpty: Bool { self == BulkEdit() }

    /// The whole edit of `phone` this bulk edit makes.
    public func edit(of phone: Phone) -> PhoneEdit {
        var edit = PhoneEdit(phone)
        edit.userExtension = user.applied(to: phone.userExtension)
        edit.blfExtension = blf.applied(to: phone.blfExtension)
        // A label names the user the key watched: another user (or none) drops it.
        if edit.blfExtension != phone.blfExtension { edit.blfLabel = nil }
        edit.background = background.applied(to: phone.background)
        edit.template = template.applied(to: phone.template)
        if let layout { edit.setLayout(layout) }
        return edit
    }

    /// Why `phone`'s model cannot take a set value, per field (empty: it takes all of them).
    /// The panel skips such fields for such phones and says how many; the CLI refuses them.
    public func unfit(for phone: Phone, templates: [ConfigTemplate]) -> [PhoneField: String] {
        var reasons: [PhoneField: String] = [:]
        let model = phone.model
        if case .set = background, model?.colourScreen == false { reasons[.background] = "no colour screen" }
        if case .set(let name) = template, let found = templates.first(where: { $0.name == name }), found.modelID != phone.modelID {
            reasons[.template] = "a template is for one model (\(PhoneCatalog.model(id: found.modelID)?.label ?? found.modelID))"
        }
        // Turning BLF off skips a model without line keys too: it has nothing to turn off.
        if blf != .keep, model?.supportsBLF == false { reasons[.blf] = "no line keys for BLF" }
        if let layout, let model, let misfit = KeyRules.misfit(layout, model: model) { reasons[.keys] = misfit }
        return reasons
    }

    /// This edit without the fields `phone` cannot take.
    public func fitted(to phone: Phone, templates: [ConfigTemplate]) -> BulkEdit {
        var fitted = self
        for field in unfit(for: phone, templates: templates).keys {
            switch field {
            case .background: fitted.background = .keep
            case .template: fitted.template = .keep
            case .blf: fitted.blf = .keep
            case .keys: fitted.layout = nil
            default: break
            }
        }
        return fitted
    }
}

/// One change of many phones: saved whole or not at all.
public struct BulkChange: Equatable, Sendable {
    public enum Action: Equatable, Sendable {
        /// `skipUnfit`: each phone takes only the fields its model can (the panel); otherwise a
        /// phone that cannot take one refuses the whole change (the CLI).
        case edit(BulkEdit, skipUnfit: Bool)
        case delete
    }
    public var phones: [PhoneRef]
    public var action: Action

    public init(phones: [PhoneRef], action: Action) { self.phones = phones; self.action = action }
}

/// Why one phone of a bulk change stopped it.
public struct PhoneProblem: Equatable, Sendable {
    public enum Reason: Equatable, Sendable { case stale, gone, invalid(String) }
    public var name: String
    public var reason: Reason
    public init(name: String, reason: Reason) { self.name = name; self.reason = reason }

    public var message: String {
        switch reason {
        case .stale: return "\"\(name)\" was changed by another operator meanwhile"
        case .gone: return "\"\(name)\" was deleted by another operator"
        case .invalid(let why): return "\"\(name)\": \(why)"
        }
    }
}
