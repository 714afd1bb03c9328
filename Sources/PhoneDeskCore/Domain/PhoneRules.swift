/// The fields of the add and edit forms; validation errors are keyed by these.
public enum PhoneField: String, Hashable, Sendable, CaseIterable {
    case model, mac, name, user, blf, blfUser, background, template, keys
}

public typealias FieldErrors = [PhoneField: String]

/// What the add form submits.
public struct NewPhone: Equatable, Sendable {
    public var name: String
    public var modelID: String
    public var mac: MACAddress?
    public var userExtension: String?
    public init(name: String, modelID: String, mac: MACAddress?, userExtension: String? = nil) {
        self.name = name; self.modelID = modelID; self.mac = mac; self.userExtension = userExtension
    }
}

/// What the edit form submits: the whole editable state of one phone.
public struct PhoneEdit: Equatable, Sendable {
    public var name: String
    public var mac: MACAddress?
    public var userExtension: String?
    public var blfExtension: String?
    /// Key 2's label (`Phone.blfLabel`); dropped with `blfExtension`.
    public var blfLabel: String?
    public var background: String?
    public var template: String?
    /// The keys other than the seed's BLF (see `KeyLayout`) and the sidecars; nil keeps the
    /// phone's as they are (the edit form does not show them).
    public var keys: [PhoneKey]?
    public var sidecars: Int?
    public init(name: String, mac: MACAddress?, userExtension: String?, blfExtension: String?,
                background: String?, template: String?, keys: [PhoneKey]? = nil, sidecars: Int? = nil, blfLabel: String? = nil) {
        self.name = name; self.mac = mac; self.userExtension = userExtension
        self.blfExtension = blfExtension; self.background = background; self.template = template
        self.keys = keys; self.sidecars = sidecars; self.blfLabel = blfLabel
    }
    public init(_ phone: Phone) {
        self.init(name: phone.name, mac: phone.mac, userExtension: phone.userExtension,
                  blfExtension: phone.blfExtension, background: phone.background, template: phone.template,
                  keys: phone.keys, sidecars: phone.sidecars, blfLabel: phone.blfLabel)
    }

    /// Sets the whole key layout (the BLF field included: it is key 2).
    public mutating func setLayout(_ layout: KeyLayout) {
        let stored = layout.stored
        blfExtension = stored.blf
        blfLabel = stored.blfLabel
        keys = stored.keys
        sidecars = layout.sidecars
    }

    /// `phone` with this edit's keys (or its own, when the edit keeps them).
    func applyingKeys(to phone: Phone) -> Phone {
        var updated = phone
        updated.blfExtension = blfExtension
        updated.blfLabel = blfExtension == nil ? nil : blfLabel
        if let keys { updated.keys = keys.isEmpty ? nil : keys }
        if let sidecars { updated.sidecars = sidecars == 0 ? nil : sidecars }
        // The BLF field turned on (edit form, bulk edit) takes key 2 from whatever was there.
        if updated.blfExtension != nil, updated.keys?.contains(where: { $0.number == KeyLayout.seedBLFKey }) == true {
            updated.keys?.removeAll { $0.number == KeyLayout.seedBLFKey }
            if updated.keys?.isEmpty == true { updated.keys = nil }
        }
        return updated
    }
}

/// One implementation of every phone rule, shared by the panel, the store and the CLI.
public enum PhoneRules {
    /// A phone's name by the text rule (required, visible, at most 64 columns), before the
    /// account is consulted; the import checks rows with it.
    public static let nameRule = Check<String>.name("Name")

    /// A phone's name: the text rule, and unique on the account (`except` is the phone being
    /// edited).
    public static func nameCheck(others: PhoneList, except id: Int? = nil) -> Check<String> {
        nameRule.and(Check { name in
                others.phone(named: name, except: id) == nil ? nil : Check<String>.usedMessage("Name", name)
            })
    }

    /// The name of a background image or template: the panel's forms and the store share it.
    public static func libraryName(among existing: [String]) -> Check<String> {
        nameRule.and(.unique(among: existing, "Name"))
    }

    /// Refuses a MAC another phone on the account already has, naming that phone.
    public static func macOwner(_ mac: MACAddress, others: PhoneList, except id: Int? = nil) -> String? {
        guard let owner = others.phone(withMAC: mac, except: id) else { return nil }
        return "\(mac.display) is already on the account: phone \"\(owner.name)\"."
    }

    /// A warning, not an error: the MAC's vendor prefix belongs to another brand than the model.
    public static func vendorWarning(mac: MACAddress, model: PhoneModel) -> String? {
        guard let owner = Brand.owning(mac), owner != model.brand else { return nil }
        return "This MAC's vendor prefix belongs to \(owner.rawValue), not \(model.brand.rawValue). Check the label."
    }

    /// Validates the add form's raw text against the account's current phones.
    public static func validateNew(modelID: String?, macText: String, name: String,
                                   phones: PhoneList) -> Result<NewPhone, FieldErrorSet> {
        var errors = FieldErrors()
        if modelID.flatMap(PhoneCatalog.model(id:)) == nil { errors[.model] = "Choose the phone's model." }
        var mac: MACAddress?
        switch MACAddress.parse(macText) {
        case .success(let parsed):
            mac = parsed
            if let taken = macOwner(parsed, others: phones) { errors[.mac] = taken }
        case .failure(let problem): errors[.mac] = problem.message
        }
        if let problem = nameCheck(others: phones).run(name) { errors[.name] = problem }
        guard errors.isEmpty, let modelID, let mac else { return .failure(FieldErrorSet(errors)) }
        return .success(NewPhone(name: name.trimmingSpaces, modelID: modelID, mac: mac))
    }

    /// Checks an edit of `phone` against the account as it is now.
    public static func validateEdit(_ edit: PhoneEdit, of phone: Phone, account: AccountData) -> FieldErrors {
        var errors = FieldErrors()
        // Only a changed name or MAC is checked against the other phones: on a large account
        // that check is the whole cost of a save.
        if edit.name.trimmingSpaces != phone.name {
            if let problem = nameCheck(others: account.phones, except: phone.id).run(edit.name) { errors[.name] = problem }
        }
        if let mac = edit.mac, mac != phone.mac, let taken = macOwner(mac, others: account.phones, except: phone.id) {
            errors[.mac] = taken
        }
        let extensions = Set(account.users.map(\.extensionNumber))
        if let user = edit.userExtension, !extensions.contains(user) {
            errors[.user] = "User \(user) is not on the account."
        }
        let model = phone.model
        if let blf = edit.blfExtension {
            if model?.supportsBLF == false {
                errors[.blf] = "\(model?.label ?? "This model") has no line keys for BLF."
            } else if !extensions.contains(blf) {
                errors[.blfUser] = "User \(blf) is not on the account."
            } else if blf == edit.userExtension {
                errors[.blfUser] = "A phone cannot monitor its own user; choose another."
            }
        }
        let before = phone.layout
        let after = edit.applyingKeys(to: phone).layout
        // A layout is checked only when it changed: an account's users may leave afterwards, and
        // that must not block editing the phone's name (the BLF field keeps its own check above).
        if after != before, let problem = KeyRules.problem(with: after, model: model, extensions: extensions) {
            errors[.keys] = problem
        }
        if let background = edit.background {
            if model?.colourScreen == false {
                errors[.background] = "\(model?.label ?? "This model") has no colour screen."
            } else if !account.backgrounds.contains(where: { $0.name == background }) {
                errors[.background] = "Background \"\(background)\" no longer exists."
            }
        }
        if let template = edit.template {
            guard let found = account.templates.first(where: { $0.name == template }) else {
                errors[.template] = "Template \"\(template)\" no longer exists."
                return errors
            }
            if found.modelID != phone.modelID { errors[.template] = "Template \"\(template)\" is for another model." }
        }
        return errors
    }
}

/// Field errors as an Error value, for Result.
public struct FieldErrorSet: Error, Equatable, Sendable {
    public var errors: FieldErrors
    public init(_ errors: FieldErrors) { self.errors = errors }
}
