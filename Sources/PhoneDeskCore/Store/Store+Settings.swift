import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A change on the Settings screen (figure 15.4).
public enum SettingsChange: Equatable, Sendable {
    /// The Hot desking tab: a new PIN, SIP server, base URL, theme, mouse; nil keeps the current
    /// value. The panel sends every field of its form; `phonedesk settings set` sends the one it
    /// changes, so a value another process saved meanwhile is kept (the store reads it under the lock).
    /// `shopNamePattern`: how phones bought in the shop are named (`ShopNamePattern`); "" or the
    /// standard pattern puts it back to the default.
    case setAccountSettings(pin: String?, sipServer: String?, provisioningBaseURL: String?, theme: String? = nil, mouse: Bool? = nil,
                            shopNamePattern: String? = nil)
    /// `path` is the operator's file; it is checked and copied into the data directory.
    case addBackground(name: String, path: String)
    case deleteBackground(name: String)
    case addTemplate(name: String, modelID: String)
    case setTemplateBody(name: String, body: String)
    case deleteTemplate(name: String)
    /// Where the served tree lives: an absolute path outside the data directory; nil: the default
    /// `DATA/provisioning`. Every phone's files are written there at once; the old tree is left.
    case setProvisioningDirectory(String?)
    /// The group an outside tree is given (nil: www-data).
    case setProvisioningGroup(String?)
    /// nginx's access log, read for the fetch status (an absolute path); nil: none.
    case setAccessLog(String?)
    /// Opens or closes the old account-wide URL (`<base>/<token>/`, files that move each phone to
    /// its own URL); closed, its directory goes.
    case setLegacyURL(Bool)
    /// Saves a named key layout on the account (replacing one of that name).
    case saveKeyPreset(KeyPreset)
    case deleteKeyPreset(name: String)
}

public struct SettingsOutcome: Equatable, Sendable {
    public var data: AccountData
    public var warning: String?
    /// Something the operator should know besides "saved" (the old tree left after a move).
    public var note: String?
    /// The change touches many phones' files and they are still to be regenerated: the caller
    /// asked for `.later` and runs `reprovision` itself (the panel, with progress).
    public var regenerating = false

    public init(data: AccountData, warning: String?, note: String? = nil) {
        self.data = data; self.warning = warning; self.note = note
    }
}

/// When a settings change that touches many phones regenerates their files: before `apply`
/// returns (scripts, tests), or after, by the caller (the panel, which shows progress).
public enum Regeneration: Sendable { case now, later }

extension Store {
    /// Applies a settings change to the files as they are now, under the lock, then regenerates
    /// the provisioning files it affects: a few phones' at once, under the same lock; every
    /// phone's (PIN, SIP server, base URL, the tree) or a template's many phones outside it, in
    /// chunks (`reprovision`), so other operators' saves are not held up meanwhile.
    public func apply(_ change: SettingsChange, regenerate: Regeneration = .now) throws(StoreError) -> Result<SettingsOutcome, SettingsRejection> {
        let result = try applyLocked(change)
        guard case .success(var outcome) = result, outcome.regenerating, regenerate == .now else { return result }
        do throws(StoreError) { try reprovision() } catch {
            outcome.warning = outcome.warning ?? "Saved, but provisioning files were not all written: \(error.description)"
        }
        outcome.regenerating = false
        return .success(outcome)
    }

    private func applyLocked(_ change: SettingsChange) throws(StoreError) -> Result<SettingsOutcome, SettingsRejection> {
        try locked { () throws(StoreError) -> Result<SettingsOutcome, SettingsRejection> in
            switch change {
            case .saveKeyPreset, .deleteKeyPreset: try authorize(.edit)
            default: try authorize(.admin)
            }
            let loaded = try load()
            var data = loaded.data
            let affected: [Phone]?
            var groupProblem: StoreError?
            var note: String?
            switch change {
            case .setAccountSettings(let pin, let sipServer, let baseURL, let theme, let mouse, let shopNamePattern):
                if let pin, let problem = PINRules.check.run(pin) { return .failure(.invalid(field: .pin, message: problem)) }
                if let sipServer, let problem = AccountSettingsRules.sipServer.run(sipServer) {
                    return .failure(.invalid(field: .sipServer, message: problem))
                }
                if let baseURL, let problem = AccountSettingsRules.provisioningBaseURL.run(baseURL) {
                    return .failure(.invalid(field: .baseURL, message: problem))
                }
                let pattern = shopNamePattern?.trimmingSpaces
                if let pattern, !pattern.isEmpty, let problem = ShopNamePattern.problem(pattern) {
                    return .failure(.invalid(field: .shopNamePattern, message: problem))
                }
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                if let pattern { document.account.shopNamePattern = pattern.isEmpty || pattern == ShopNamePattern.standard ? nil : pattern }
                if let pin { document.account.hotDeskPIN = pin }
                if let theme { document.account.theme = theme }
                if let mouse { document.account.mouse = mouse }
                if let sipServer { document.account.sipServer = sipServer.trimmingSpaces }
                if let baseURL {
                    var base = baseURL.trimmingSpaces
                    while base.hasSuffix("/") { base.removeLast() }
                    document.account.provisioningBaseURL = base
                }
                data.account = try writeAccount(document, was: data.account)
                // The names of phones yet to be bought are in no phone's file.
                affected = pin == nil && sipServer == nil && baseURL == nil && theme == nil && mouse == nil ? [] : nil
            case .addBackground(let name, let path):
                if let problem = PhoneRules.libraryName(among: data.backgrounds.map(\.name)).run(name) {
                    return .failure(.invalid(field: .name, message: problem))
                }
                let checked: BackgroundLibrary.Checked
                switch BackgroundLibrary.check(path: DataDirectory.expand(path, ProcessInfo.processInfo.environment)) {
                case .success(let ok): checked = ok
                case .failure(let rejection): return .failure(rejection)
                }
                guard var document = try writableDocument(backgrounds, empty: BackgroundsDocument()) else {
                    return .failure(.readOnly(readOnlyReason(backgrounds.path)))
                }
                let file = BackgroundLibrary.fileName(for: name, format: checked.info.format)
                document.backgrounds.append(BackgroundImage(name: name.trimmingSpaces, file: file,
                                                            width: checked.info.width, height: checked.info.height,
                                                            bytes: checked.bytes.count))
                // Audited before the image reaches the served tree: an unwritable log leaves no file behind.
                try auditedList("background", before: data.backgrounds, after: document.backgrounds, key: \.name)
                groupProblem = try provisioner.writeImage(checked.bytes, file: file, account: data.account)
                data.backgrounds = try backgrounds.write(document).backgrounds
                affected = []
            case .deleteBackground(let name):
                let users = data.phones.using(background: name)
                if !users.isEmpty { return .failure(.invalid(field: .list, message: Self.inUse("Background", name, by: users))) }
                guard var document = try writableDocument(backgrounds, empty: BackgroundsDocument()) else {
                    return .failure(.readOnly(readOnlyReason(backgrounds.path)))
                }
                let tree = try provisioner.tree(data.account)
                let removed = document.backgrounds.filter { $0.name == name }
                document.backgrounds.removeAll { $0.name == name }
                data.backgrounds = try writeBackgrounds(document, was: data.backgrounds)
                for image in removed {
                    unlink(Provisioner.imagePath(image.file, tree: tree).path)
                }
                affected = []
            case .setProvisioningDirectory(let path):
                let given = path.map(\.trimmingSpaces)
                if let given, let problem = ProvisioningTreeRules.directoryProblem(given, dataDirectory: directory) {
                    return .failure(.invalid(field: .provisioningDirectory, message: "provisioning-dir \(problem)"))
                }
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                let before = try provisioner.tree(data.account)
                document.account.provisioningDirectory = given.map(ProvisioningTreeRules.trimmed)
                data.account = try writeAccount(document, was: data.account)
                let after = try provisioner.tree(data.account)
                if before.directory != after.directory {
                    // The images live only in the tree: copied over; the old tree is left as it is.
                    for image in data.backgrounds {
                        guard let bytes = BackgroundLibrary.readServed(Provisioner.imagePath(image.file, tree: before)) else { continue }
                        groupProblem = try provisioner.writeImage(bytes, file: image.file, account: data.account) ?? groupProblem
                    }
                    note = "The provisioning files are now written to \(after.directory)/; "
                        + "\(before.directory)/ was left as it was: point nginx's root at \(after.directory), then remove the old tree."
                }
                affected = nil
            case .setProvisioningGroup(let group):
                let given = group.map(\.trimmingSpaces)
                if let given, let problem = ProvisioningTreeRules.groupProblem(given) {
                    return .failure(.invalid(field: .provisioningGroup, message: "group: \(problem)"))
                }
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                document.account.provisioningGroup = given
                data.account = try writeAccount(document, was: data.account)
                if data.account.provisioningDirectory == nil {
                    note = "The group applies once the tree is outside the data directory (`phonedesk settings set provisioning-dir PATH`); "
                        + "the default tree stays readable by the operator only."
                }
                affected = nil
            case .setAccessLog(let path):
                let given = path.map(\.trimmingSpaces)
                if let given, let problem = AccessLogRules.pathProblem(given) {
                    return .failure(.invalid(field: .accessLog, message: "access-log \(problem)"))
                }
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                document.account.accessLog = given
                data.account = try writeAccount(document, was: data.account)
                affected = []
            case .setLegacyURL(let open):
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                // Opening it serves every phone's new URL to whoever has the token: only for phones
                // that were given the old URL, i.e. an account migrated from one (never a new one).
                if open, document.account.legacyURL == nil {
                    return .failure(.invalid(field: .legacyURL, message: "this account never had an account-wide URL (each phone has had its own from the start), so there is nothing to open"))
                }
                document.account.legacyURL = open
                data.account = try writeAccount(document, was: data.account)
                affected = nil
            case .saveKeyPreset(let preset):
                if let problem = PhoneRules.nameRule.run(preset.name) { return .failure(.invalid(field: .name, message: "Preset: \(problem)")) }
                let extensions = Set(data.users.map(\.extensionNumber))
                if let problem = KeyRules.problem(with: preset.layout, extensions: extensions) { return .failure(.invalid(field: .list, message: problem)) }
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                var presets = document.account.keyPresets ?? []
                var saved = preset
                saved.name = preset.name.trimmingSpaces
                if let index = presets.firstIndex(where: { $0.name == saved.name }) { presets[index] = saved } else { presets.append(saved) }
                try auditedList("preset", before: document.account.keyPresets ?? [], after: presets, key: \.name)
                document.account.keyPresets = presets
                data.account = try account.write(document).account
                affected = []
            case .deleteKeyPreset(let name):
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                guard document.account.keyPresets?.contains(where: { $0.name == name }) == true else {
                    return .failure(.invalid(field: .list, message: "There is no key preset \"\(name)\"; `phonedesk phones presets` lists them."))
                }
                let before = document.account.keyPresets ?? []
                document.account.keyPresets?.removeAll { $0.name == name }
                if document.account.keyPresets?.isEmpty == true { document.account.keyPresets = nil }
                try auditedList("preset", before: before, after: document.account.keyPresets ?? [], key: \.name)
                data.account = try account.write(document).account
                affected = []
            case .addTemplate(let name, let modelID):
                if let problem = PhoneRules.libraryName(among: data.templates.map(\.name)).run(name) {
                    return .failure(.invalid(field: .name, message: problem))
                }
                guard let model = PhoneCatalog.model(id: modelID) else { return .failure(.invalid(field: .model, message: "Choose the brand and model.")) }
                guard model.supportsTemplates else { return .failure(.invalid(field: .model, message: "\(model.label) takes no custom templates.")) }
                guard var document = try writableDocument(templates, empty: TemplatesDocument()) else {
                    return .failure(.readOnly(readOnlyReason(templates.path)))
                }
                document.templates.append(ConfigTemplate(name: name.trimmingSpaces, modelID: modelID, body: ""))
                data.templates = try writeTemplates(document, was: data.templates)
                affected = []
            case .setTemplateBody(let name, let body):
                guard var document = try writableDocument(templates, empty: TemplatesDocument()) else {
                    return .failure(.readOnly(readOnlyReason(templates.path)))
                }
                guard let index = document.templates.firstIndex(where: { $0.name == name }) else {
                    return .failure(.invalid(field: .list, message: "Template \"\(name)\" was deleted by another operator."))
                }
                let brand = PhoneCatalog.model(id: document.templates[index].modelID)?.brand ?? .yealink
                if let problem = (TextRules.templateProblems(body) + TemplateSyntax.check(body, brand: brand)).first {
                    return .failure(.invalid(field: .body, message: problem.description))
                }
                document.templates[index].body = body
                data.templates = try writeTemplates(document, was: data.templates)
                affected = data.phones.using(template: name)
            case .deleteTemplate(let name):
                let users = data.phones.using(template: name)
                if !users.isEmpty { return .failure(.invalid(field: .list, message: Self.inUse("Template", name, by: users))) }
                guard var document = try writableDocument(templates, empty: TemplatesDocument()) else {
                    return .failure(.readOnly(readOnlyReason(templates.path)))
                }
                document.templates.removeAll { $0.name == name }
                data.templates = try writeTemplates(document, was: data.templates)
                affected = []
            }
            var warning: String?
            // Many phones: their stamps no longer match, `reprovision` finds them chunk by chunk;
            // a small account is written at once, under this lock (a fraction of a chunk).
            let many = (affected?.count ?? data.phones.count) > Self.reprovisionChunk
            do throws(StoreError) {
                if !many { if let affected { try provisioner.update(affected, in: data) } else { try provisioner.syncAll(data) } }
                if let groupProblem { throw groupProblem }
            } catch {
                warning = "Saved, but provisioning files were not all written: \(error.description)"
            }
            var outcome = SettingsOutcome(data: data, warning: warning, note: note)
            outcome.regenerating = many
            return .success(outcome)
        }
    }

    /// Regenerates every provisioning file (after a crash, a restore, or by hand).
    public func provisionAll() throws(StoreError) {
        try reprovision(everyPhone: true)
    }

    /// The served tree (nginx's root) as account.json sets it, checked; the default tree when
    /// account.json cannot be read.
    public func servedDirectory() throws(StoreError) -> URL {
        guard let settings = (try? account.read())??.document.account else { return directory.appendingPathComponent("provisioning") }
        return URL(fileURLWithPath: try provisioner.tree(settings).directory)
    }

    /// The served tree (nginx's root) of `account`, checked.
    public func provisioningTree(_ account: Account) throws(StoreError) -> ProvisioningTree { try provisioner.tree(account) }

    private func writableAccount() throws(StoreError) -> AccountDocument? {
        guard let file = try account.read() else { throw .missing(path: account.path, hint: "Run `phonedesk init DIR`.") }
        return file.newerSchema == nil ? file.document : nil
    }

    private func writableDocument<D: StoreDocument>(_ file: DocumentFile<D>, empty: D) throws(StoreError) -> D? {
        guard let loaded = try file.read() else { return empty }
        return loaded.newerSchema == nil ? loaded.document : nil
    }

    private func readOnlyReason(_ path: String) -> String { "\(path) was written by a newer phonedesk." }


    static func inUse(_ kind: String, _ name: String, by phones: [Phone]) -> String {
        let names = phones.prefix(3).map { "\"\($0.name)\"" }.joined(separator: ", ")
        let more = phones.count > 3 ? " and \(phones.count - 3) more" : ""
        return "\(kind) \"\(name)\" is used by \(names)\(more); choose another for them first."
    }
}
