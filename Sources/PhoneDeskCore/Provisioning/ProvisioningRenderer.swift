/// One file a phone fetches: its name under `<secret>/` and its text.
public struct ProvisioningFile: Equatable, Sendable {
    public var name: String
    public var contents: String
}

/// Everything a phone's file is made of, resolved from the account.
public struct PhoneProfile: Sendable {
    public var phone: Phone
    public var model: PhoneModel
    public var mac: MACAddress
    public var user: User?
    /// The keys to render, in number order: only those the model (with its sidecars) holds, and a
    /// BLF only on a user who is on the account.
    public var keys: [RenderedKey]
    public var sipServer: String
    public var adminPIN: String?
    public var wallpaperURL: String?
    public var template: ConfigTemplate?

    /// Nil for a phone awaiting delivery (no MAC) or of an unknown model: it gets no file. (A
    /// phone without a secret — not migrated yet — renders, but has no directory to be served
    /// from: see `Provisioner`.)
    public init?(phone: Phone, data: AccountData) {
        guard let mac = phone.mac, let model = phone.model else { return nil }
        self.phone = phone
        self.model = model
        self.mac = mac
        user = data.user(phone.userExtension)
        keys = RenderedKey.resolve(phone.layout, model: model, data: data)
        sipServer = data.account.sipServer
        adminPIN = data.account.hotDeskPIN
        wallpaperURL = nil
        if let url = data.account.provisioningURL(of: phone), let image = Self.image(of: phone, model: model, in: data) {
            wallpaperURL = url + image.file
        }
        template = data.templates.first { $0.name == phone.template && $0.modelID == phone.modelID }
    }

    /// The background image a phone shows: a colour screen and an image that exists. It is served
    /// from the phone's own directory (`<secret>/<file>`).
    static func image(of phone: Phone, model: PhoneModel, in data: AccountData) -> BackgroundImage? {
        guard model.colourScreen, let name = phone.background else { return nil }
        return data.backgrounds.first { $0.name == name }
    }

}

/// One key as a renderer writes it: the phone-wide number, and where it sits (the phone itself,
/// or key `index` of sidecar `module`), with its label resolved.
public struct RenderedKey: Equatable, Sendable {
    public var number: Int
    public var type: KeyType
    public var value: String
    public var label: String
    /// 1-based sidecar, nil on the phone itself.
    public var module: Int?
    /// 1-based key on the phone or on the sidecar.
    public var index: Int

    static func resolve(_ layout: KeyLayout, model: PhoneModel, data: AccountData) -> [RenderedKey] {
        let sidecars = min(max(layout.sidecars, 0), model.maxModules)
        let capacity = KeyRules.capacity(of: model, sidecars: sidecars)
        let perModule = model.expansionModule?.keys ?? 0
        return layout.keys.compactMap { key in
            guard key.number >= 1, key.number <= capacity, KeyRules.renders(key.type, number: key.number, model: model) else { return nil }
            // A line break in a hand-edited value would be dropped by the escaping and its two
            // halves joined into another number: no key rather than a wrong one.
            guard !KeyRules.hasBrokenValue(key) else { return nil }
            let value = key.value ?? ""
            var label = key.label
            if key.type == .blf {
                // A hand-edited file may name a user who left: no key rather than a dead one.
                guard let user = data.user(value) else { return nil }
                label = label ?? user.name
            } else if key.type.needsValue, value.isEmpty {
                return nil
            }
            let onPhone = key.number <= model.lineKeys
            let offset = key.number - model.lineKeys - 1
            return RenderedKey(number: key.number, type: key.type, value: key.type.needsValue ? value : "",
                               label: label ?? (key.type.needsValue ? value : ""),
                               module: onPhone ? nil : offset / max(perModule, 1) + 1,
                               index: onPhone ? key.number : offset % max(perModule, 1) + 1)
        }
    }
}

/// Generates each brand's provisioning file(s) in the vendor's own name and format (DESIGN.md
/// table). Pure: the `Provisioner` writes what this returns.
public enum ProvisioningRenderer {
    public static func files(for phone: Phone, in data: AccountData) -> [ProvisioningFile] {
        guard let profile = PhoneProfile(phone: phone, data: data) else { return [] }
        switch profile.model.brand {
        case .yealink: return [yealink(profile)]
        case .grandstream: return [grandstream(profile)]
        case .snom: return [snom(profile)]
        case .polycom: return polycom(profile)
        case .cisco: return [cisco(profile)]
        case .fanvil: return [fanvil(profile)]
        }
    }

    /// Names only, without rendering: what a phone of this model and MAC fetches.
    public static func fileNames(for phone: Phone) -> [String] {
        guard let mac = phone.mac, let model = phone.model else { return [] }
        return fileNames(model: model, mac: mac)
    }

    /// The vendor's file name(s) for a model and MAC (DESIGN.md table); the renderers use these.
    public static func fileNames(model: PhoneModel, mac: MACAddress) -> [String] {
        switch model.brand {
        case .yealink, .fanvil: return ["\(mac.hex).cfg"]
        case .grandstream: return ["cfg\(mac.hex).xml"]
        case .snom: return ["snom\(model.name.replacingOccurrences(of: " ", with: ""))-\(mac.hex.uppercased()).htm"]
        case .polycom: return ["\(mac.hex).cfg", "phone\(mac.hex).cfg"]
        case .cisco: return [model.id == "cisco-spa504g" ? "spa\(mac.hex).xml" : "\(mac.hex).xml"]
        }
    }

    static let header = "Generated by phonedesk; edits are overwritten."

    // MARK: Yealink — key = value

    static func yealink(_ p: PhoneProfile) -> ProvisioningFile {
        var settings: [(String, String)] = []
        if let user = p.user {
            settings += [("account.1.enable", "1"), ("account.1.label", user.name), ("account.1.display_name", user.name),
                         ("account.1.user_name", user.extensionNumber), ("account.1.auth_name", user.extensionNumber),
                         ("account.1.password", user.sipPassword), ("account.1.sip_server.1.address", p.sipServer)]
        } else {
            settings.append(("account.1.enable", "0"))
        }
        for key in p.keys {
            // Yealink's DSS key types: 15 line, 16 BLF, 13 speed dial, 10 call park, 5 DND, 0 N/A.
            let type: String
            switch key.type {
            case .line: type = "15"
            case .blf: type = "16"
            case .speedDial: type = "13"
            case .callPark: type = "10"
            case .dnd: type = "5"
            case .none: type = "0"
            }
            let prefix = key.module.map { "expansion_module.\($0).key.\(key.index)" } ?? "linekey.\(key.index)"
            settings += [("\(prefix).type", type), ("\(prefix).line", "1")]
            if !key.value.isEmpty { settings.append(("\(prefix).value", key.value)) }
            if !key.label.isEmpty { settings.append(("\(prefix).label", key.label)) }
        }
        if let url = p.wallpaperURL {
            settings += [("wallpaper_upload.url", url), ("phone_setting.backgrounds", "Config:" + (url.split(separator: "/").last.map(String.init) ?? ""))]
        }
        if let pin = p.adminPIN { settings.append(("static.security.user_password", "admin:\(pin)")) }
        if let template = p.template {
            // A hand-edited templates.json is not checked on save: a key that is not a key is skipped.
            for (key, value) in TemplateSyntax.keyValues(template.body) where TemplateSyntax.isKey(key) {
                settings.removeAll { $0.0 == key }  // a later key wins: keep only the template's
                settings.append((key, value))
            }
        }
        var text = "#!version:1.0.0.1\n## \(header) \(sanitize(p.phone.name)) (\(p.model.label))\n"
        for (key, value) in settings { text += "\(sanitize(key)) = \(sanitize(value))\n" }
        return ProvisioningFile(name: fileNames(model: p.model, mac: p.mac)[0], contents: text)
    }

    /// Values in `key = value` files are one line: no control characters (C0 — CR and LF
    /// included, so a name cannot start a line of its own — DEL, C1), no U+2028/U+2029 line
    /// separators, and nothing XML forbids either.
    static func sanitize(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter {
            $0.value >= 0x20 && $0.value != 0x2028 && $0.value != 0x2029 && XMLText.allowed($0)
        }))
    }

    /// One field of a Cisco Extended_Function string (`fnc=blf+sd+cp;sub=<ext>@<host>;nme=<label>`):
    /// `;` separates fields, `=` a field's name from its value, `+` and `,` list items, and `$`
    /// starts a macro the phone expands ($PROXY, $USER…). Each of them, and every control
    /// character, becomes a space, so a label can never add a field.
    /// A host in a function string or SIP URI: a host name or address, with an optional port.
    static func hostPart(_ value: String) -> String {
        String(String.UnicodeScalarView(sanitize(value).unicodeScalars.filter { !" ;?&|,<>\"@/=+$".unicodeScalars.contains($0) }))
    }

    static func ciscoField(_ value: String) -> String {
        String(String.UnicodeScalarView(sanitize(value).unicodeScalars.map {
            ";=,+$".unicodeScalars.contains($0) ? " " : $0
        }))
    }

    /// One part of a SIP URI built from an extension or a host (`blf sip:<ext>@<host>|**`,
    /// `<ext>@<host>`): both are validated when entered; this keeps a hand-edited file from adding
    /// a URI parameter, a header or another item all the same.
    static func uriPart(_ value: String) -> String {
        String(String.UnicodeScalarView(sanitize(value).unicodeScalars.filter { !" ;?&|,<>\"@/:=+$".unicodeScalars.contains($0) }))
    }

    /// A speed dial or park number: an extension or digits, `*`, `#` and `+` (validated when
    /// entered); `uriPart` without dropping the `+` of an international number.
    static func dialPart(_ value: String) -> String {
        value.split(separator: "+", omittingEmptySubsequences: false).map { uriPart(String($0)) }.joined(separator: "+")
    }

    // MARK: XML vendors

    static func xmlDocument(_ root: XMLTag, template: ConfigTemplate?) -> String {
        var root = root
        if let template, case .success(let overlay) = XMLFragmentParser.parse(template.body) {
            root.layer(overlay)
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- \(header) -->\n" + root.rendered()
    }

    static func grandstream(_ p: PhoneProfile) -> ProvisioningFile {
        var config: [XMLTag] = []
        func pv(_ number: Int, _ value: String) { config.append(XMLTag("P\(number)", text: value)) }
        if let user = p.user {
            pv(271, "1"); pv(270, user.name); pv(47, p.sipServer); pv(35, user.extensionNumber)
            pv(36, user.extensionNumber); pv(34, user.sipPassword); pv(3, user.name)
        } else {
            pv(271, "0")
        }
        for key in p.keys {
            guard let slot = GrandstreamKeys.slot(key, model: p.model) else { continue }
            pv(slot.mode, slot.modeValue); pv(slot.account, "0"); pv(slot.label, key.label)
            pv(slot.value, key.type == .blf ? key.value : dialPart(key.value))
        }
        if let pin = p.adminPIN { pv(2, pin) }
        if let url = p.wallpaperURL { pv(2916, "1"); pv(2917, url) }  // wallpaper source: download, URL
        let root = XMLTag("gs_provision", [("version", "1")], [
            .element(XMLTag("mac", text: p.mac.hex)),
            .element(XMLTag("config", [("version", "1")], config.map(XMLNode.element))),
        ])
        return ProvisioningFile(name: fileNames(model: p.model, mac: p.mac)[0], contents: xmlDocument(root, template: p.template))
    }

    static func snom(_ p: PhoneProfile) -> ProvisioningFile {
        var settings: [XMLTag] = []
        func set(_ name: String, _ value: String, idx: String? = nil) {
            settings.append(XMLTag(name, (idx.map { [("idx", $0)] } ?? []) + [("perm", "")], text: value))
        }
        if let user = p.user {
            set("user_active", "on", idx: "1"); set("user_realname", user.name, idx: "1")
            set("user_name", user.extensionNumber, idx: "1"); set("user_pname", user.extensionNumber, idx: "1")
            set("user_pass", user.sipPassword, idx: "1"); set("user_host", p.sipServer, idx: "1")
        } else {
            set("user_active", "off", idx: "1")
        }
        if let pin = p.adminPIN { set("admin_mode_password", pin) }
        if let url = p.wallpaperURL { set("custom_bg_image_url", url) }
        var children: [XMLNode] = [.element(XMLTag("phone-settings", [], settings.map(XMLNode.element)))]
        if !p.keys.isEmpty {
            // fkey idx counts from 0 over the phone's keys and on over its sidecars'.
            let keys = p.keys.map { key -> XMLNode in
                let argument: String
                switch key.type {
                case .line: argument = "line"
                case .blf: argument = "blf sip:\(uriPart(key.value))@\(hostPart(p.sipServer))|**"
                case .speedDial: argument = "speed \(dialPart(key.value))"
                case .callPark: argument = "orbit \(dialPart(key.value))"
                case .dnd: argument = "keyevent F_DND"
                case .none: argument = "none"
                }
                var attributes = [("idx", "\(key.number - 1)"), ("context", "active")]
                if !key.label.isEmpty { attributes.append(("label", key.label)) }
                return .element(XMLTag("fkey", attributes + [("perm", "")], text: argument))
            }
            children.append(.element(XMLTag("functionKeys", [], keys)))
        }
        return ProvisioningFile(name: fileNames(model: p.model, mac: p.mac)[0],
                                contents: xmlDocument(XMLTag("settings", [], children), template: p.template))
    }

    static func polycom(_ p: PhoneProfile) -> [ProvisioningFile] {
        let names = fileNames(model: p.model, mac: p.mac)
        let phoneFile = names[1]
        let master = XMLTag("APPLICATION", [("APP_FILE_PATH", "sip.ld"), ("CONFIG_FILES", phoneFile), ("MISC_FILES", ""),
                                            ("LOG_FILE_DIRECTORY", ""), ("OVERRIDES_DIRECTORY", ""), ("CONTACTS_DIRECTORY", "")])
        var groups: [XMLTag] = []
        if let user = p.user {
            groups.append(XMLTag("reg", [("reg.1.displayName", user.name), ("reg.1.label", user.name),
                                         ("reg.1.address", user.extensionNumber), ("reg.1.auth.userId", user.extensionNumber),
                                         ("reg.1.auth.password", user.sipPassword), ("reg.1.server.1.address", p.sipServer)]))
        } else {
            groups.append(XMLTag("reg", [("reg.1.address", "")]))
        }
        groups += polycomKeys(p)
        if let url = p.wallpaperURL { groups.append(XMLTag("bg", [("bg.color.selection", "2,1"), ("bg.color.bm.1.name", url)])) }
        if let pin = p.adminPIN {
            groups.append(XMLTag("device", [("device.set", "1"), ("device.auth.localAdminPassword.set", "1"),
                                            ("device.auth.localAdminPassword", pin)]))
        }
        return [
            ProvisioningFile(name: names[0], contents: xmlDocument(master, template: nil)),
            ProvisioningFile(name: phoneFile, contents: xmlDocument(XMLTag("polycomConfig", [], groups.map(XMLNode.element)), template: p.template)),
        ]
    }

    /// BLF and park keys are attendant resources ("normal" watches a user, "automata" a park
    /// orbit), speed dials enhanced feature keys; keys go where the layout says through flexible
    /// line key assignment — only when there is more than BLF keys, so a phone with just the
    /// seed's BLF keeps its file as it was.
    static func polycomKeys(_ p: PhoneProfile) -> [XMLTag] {
        var resources: [(String, String)] = [], efks: [(String, String)] = [], lineKeys: [(String, String)] = []
        var resource = 0, efk = 0
        for key in p.keys {
            let n = key.number
            switch key.type {
            case .blf, .callPark:
                resource += 1
                resources += [("attendant.resourceList.\(resource).address", "\(dialPart(key.value))@\(hostPart(p.sipServer))"),
                              ("attendant.resourceList.\(resource).label", key.label),
                              ("attendant.resourceList.\(resource).type", key.type == .blf ? "normal" : "automata")]
                lineKeys += [("lineKey.\(n).category", "BLF"), ("lineKey.\(n).index", "\(resource)")]
            case .speedDial:
                efk += 1
                efks += [("efk.efklist.\(efk).mname", "speed\(efk)"), ("efk.efklist.\(efk).status", "1"),
                         ("efk.efklist.\(efk).label", key.label), ("efk.efklist.\(efk).action.string", "\(dialPart(key.value))$Tinvite$")]
                lineKeys += [("lineKey.\(n).category", "EFK"), ("lineKey.\(n).index", "\(efk)")]
            case .line: lineKeys += [("lineKey.\(n).category", "Line"), ("lineKey.\(n).index", "1")]
            case .dnd: lineKeys += [("lineKey.\(n).category", "DND"), ("lineKey.\(n).index", "0")]
            case .none: lineKeys += [("lineKey.\(n).category", "Unassigned"), ("lineKey.\(n).index", "0")]
            }
        }
        var groups: [XMLTag] = []
        if !resources.isEmpty { groups.append(XMLTag("attendant", resources)) }
        guard p.keys.contains(where: { $0.type != .blf }) else { return groups }
        if !efks.isEmpty { groups.append(XMLTag("efk", [("feature.enhancedFeatureKeys.enabled", "1")] + efks)) }
        groups.append(XMLTag("lineKey", [("lineKey.reassignment.enabled", "1")] + lineKeys))
        return groups
    }

    static func cisco(_ p: PhoneProfile) -> ProvisioningFile {
        var items: [XMLTag] = []
        func set(_ name: String, _ value: String) { items.append(XMLTag(name, [("ua", "na")], text: value)) }
        if let user = p.user {
            set("Line_Enable_1_", "Yes"); set("Display_Name_1_", user.name); set("User_ID_1_", user.extensionNumber)
            set("Auth_ID_1_", user.extensionNumber); set("Password_1_", user.sipPassword); set("Proxy_1_", p.sipServer)
        } else {
            set("Line_Enable_1_", "No")
        }
        for key in p.keys {
            // A phone key is Extended_Function_N_; a key on a key expansion module Unit_M_Key_K_.
            let name = key.module.map { "Unit_\($0)_Key_\(key.index)_" } ?? "Extended_Function_\(key.index)_"
            let target = "\(key.type == .blf ? uriPart(key.value) : dialPart(key.value))@\(hostPart(p.sipServer))"
            let label = key.label.isEmpty ? "" : ";nme=\(ciscoField(key.label))"
            switch key.type {
            case .line:
                if key.module == nil { set("Extension_\(key.index)_", "1") } else { set(name, "fnc=line\(label)") }
            case .blf: set(name, "fnc=blf+sd+cp;sub=\(target)\(label)")
            case .speedDial: set(name, "fnc=sd;ext=\(target)\(label)")
            case .callPark: set(name, "fnc=prk;sub=\(target)\(label)")
            case .dnd: set(name, "fnc=dnd\(label)")
            case .none: set(name, "")
            }
        }
        if let pin = p.adminPIN { set("Admin_Passwd", pin) }
        if let url = p.wallpaperURL { set("Picture_Download_URL", url) }
        return ProvisioningFile(name: fileNames(model: p.model, mac: p.mac)[0], contents: xmlDocument(XMLTag("flat-profile", [], items.map(XMLNode.element)), template: p.template))
    }

    static func fanvil(_ p: PhoneProfile) -> ProvisioningFile {
        func tag(_ name: String, _ value: String) -> XMLNode { .element(XMLTag(name, text: value)) }
        var sections: [XMLTag] = []
        // The line's tags as in the public templates for Fanvil's XML phones (X4U, X6U).
        if let user = p.user {
            sections.append(XMLTag("sip", [], [.element(XMLTag("line", [("index", "1")], [
                tag("PhoneNumber", user.extensionNumber), tag("DisplayName", user.name),
                tag("RegisterAddr", p.sipServer), tag("RegisterUser", user.extensionNumber), tag("RegisterPswd", user.sipPassword),
                tag("EnableReg", "1"),
            ]))]))
        } else {
            sections.append(XMLTag("sip", [], [.element(XMLTag("line", [("index", "1")], [tag("EnableReg", "0")]))]))
        }
        if !p.keys.isEmpty {
            // The side keys, a <dssSide> per page. Type 1 is a memory key whose value ends in
            // its kind (/ba BLF, /f speed dial), 2 a line (SIP1), 3 a key event, 0 none. A park
            // key dials its orbit (/f).
            let perPage = max(1, p.model.keysPerPage)
            let pages = Dictionary(grouping: p.keys) { ($0.number - 1) / perPage + 1 }
            sections.append(XMLTag("dsskey", [], pages.keys.sorted().map { page in
                .element(XMLTag("dssSide", [("index", "\(page)")], pages[page, default: []].map { key in
                    let (type, value): (String, String)
                    switch key.type {
                    case .line: (type, value) = ("2", "SIP1")
                    case .blf: (type, value) = ("1", "\(uriPart(key.value))@1/ba")
                    case .speedDial, .callPark: (type, value) = ("1", "\(dialPart(key.value))@1/f")
                    case .dnd: (type, value) = ("3", "F_DND")
                    case .none: (type, value) = ("0", "")
                    }
                    return .element(XMLTag("Fkey", [("index", "\((key.number - 1) % perPage + 1)")],
                                           [tag("Type", type), tag("Value", value), tag("Title", key.label)]))
                }))
            }))
        }
        if let url = p.wallpaperURL { sections.append(XMLTag("mmi", [], [tag("BackgroundImageURL", url)])) }
        if let pin = p.adminPIN {
            sections.append(XMLTag("web", [], [.element(XMLTag("account", [("index", "1")], [tag("Name", "admin"), tag("Password", pin), tag("Level", "10")]))]))
        }
        return ProvisioningFile(name: fileNames(model: p.model, mac: p.mac)[0],
                                contents: xmlDocument(XMLTag("sysConf", [], sections.map(XMLNode.element)), template: p.template))
    }
}
