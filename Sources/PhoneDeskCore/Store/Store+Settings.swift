import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A change on the Settings screen (figure 15.4).
public enum SettingsChange: Equatable, Sendable {
    /// The Hot desking tab: a new PIN, SIP server, base URL, theme, mouse; nil keeps the current
    /// value. The panel sends every field of its form; `phonedesk settings set` sends the one it
    /// changes, so a value another process saved meanwhile is kept (the store reads it under the lock).
    case setAccountSettings(pin: String?, sipServer: String?, provisioningBaseURL: String?, theme: String? = nil, mouse: Bool? = nil)
    /// `path` is the operator's file; it is checked and copied into the data directory.
    case addBackground(name: String, path: String)
    case deleteBackground(name: String)
    case addTemplate(name: String, modelID: String)
    case setTemplateBody(name: String, body: String)
    case deleteTemplate(name: String)
}

public struct SettingsOutcome: Equatable, Sendable {
    public var data: AccountData
    public var warning: String?
}

extension Store {
    /// Applies a settings change to the files as they are now, under the lock, then regenerates
    /// the provisioning files it affects.
    public func apply(_ change: SettingsChange) throws(StoreError) -> Result<SettingsOutcome, SettingsRejection> {
        try locked { () throws(StoreError) -> Result<SettingsOutcome, SettingsRejection> in
            let loaded = try load()
            var data = loaded.data
            let affected: [Phone]?
            switch change {
            case .setAccountSettings(let pin, let sipServer, let baseURL, let theme, let mouse):
                if let pin, let problem = PINRules.check.run(pin) { return .failure(.invalid(field: .pin, message: problem)) }
                if let sipServer, let problem = AccountSettingsRules.sipServer.run(sipServer) {
                    return .failure(.invalid(field: .sipServer, message: problem))
                }
                if let baseURL, let problem = AccountSettingsRules.provisioningBaseURL.run(baseURL) {
                    return .failure(.invalid(field: .baseURL, message: problem))
                }
                guard var document = try writableAccount() else { return .failure(.readOnly(readOnlyReason(account.path))) }
                if let pin { document.account.hotDeskPIN = pin }
                if let theme { document.account.theme = theme }
                if let mouse { document.account.mouse = mouse }
                if let sipServer { document.account.sipServer = sipServer.trimmingSpaces }
                if let baseURL {
                    var base = baseURL.trimmingSpaces
                    while base.hasSuffix("/") { base.removeLast() }
                    document.account.provisioningBaseURL = base
                }
                data.account = try account.write(document).account
                affected = nil
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
                let root = try provisioner.ensureRoot(data.account.token)
                let file = BackgroundLibrary.fileName(for: name, format: checked.info.format)
                try AtomicFile.write(checked.bytes, to: root.appendingPathComponent(BackgroundLibrary.servedPath(file)))
                document.backgrounds.append(BackgroundImage(name: name.trimmingSpaces, file: file,
                                                            width: checked.info.width, height: checked.info.height,
                                                            bytes: checked.bytes.count))
                data.backgrounds = try backgrounds.write(document).backgrounds
                affected = []
            case .deleteBackground(let name):
                let users = data.phones.using(background: name)
                if !users.isEmpty { return .failure(.invalid(field: .list, message: Self.inUse("Background", name, by: users))) }
                guard var document = try writableDocument(backgrounds, empty: BackgroundsDocument()) else {
                    return .failure(.readOnly(readOnlyReason(backgrounds.path)))
                }
                let root = try provisioner.root(data.account.token)
                let removed = document.backgrounds.filter { $0.name == name }
                document.backgrounds.removeAll { $0.name == name }
                data.backgrounds = try backgrounds.write(document).backgrounds
                for image in removed {
                    unlink(root.appendingPathComponent(BackgroundLibrary.servedPath(image.file)).path)
                }
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
                data.templates = try templates.write(document).templates
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
                data.templates = try templates.write(document).templates
                affected = data.phones.using(template: name)
            case .deleteTemplate(let name):
                let users = data.phones.using(template: name)
                if !users.isEmpty { return .failure(.invalid(field: .list, message: Self.inUse("Template", name, by: users))) }
                guard var document = try writableDocument(templates, empty: TemplatesDocument()) else {
                    return .failure(.readOnly(readOnlyReason(templates.path)))
                }
                document.templates.removeAll { $0.name == name }
                data.templates = try templates.write(document).templates
                affected = []
            }
            var warning: String?
            do throws(StoreError) {
                if let affected { try provisioner.update(affected, in: data) } else { try provisioner.syncAll(data) }
            } catch {
                warning = "Saved, but provisioning files were not all written: \(error.description)"
            }
            return .success(SettingsOutcome(data: data, warning: warning))
        }
    }

    /// Regenerates every provisioning file (after a crash, a restore, or by hand).
    public func provisionAll() throws(StoreError) {
        try locked { () throws(StoreError) in
            removeProvisioningLeftovers()
            try provisioner.syncAll(try load().data)
        }
    }

    /// Where the phones fetch from, for docs and the CLI.
    /// Refuses a token that is not 22 URL-safe characters (`Secrets.isAccountToken`).
    public func provisioningDirectory(token: String) throws(StoreError) -> URL { try provisioner.root(token) }

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
