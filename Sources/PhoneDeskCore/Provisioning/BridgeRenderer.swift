/// The files served at the old account-wide URL (`<base>/<token>/`) while it stays open after
/// a migration: for each phone, under the names it already fetches, only the vendor's setting for
/// the provisioning server, pointing at the phone's own URL — no SIP password, no PIN. A phone
/// configured with the old URL fetches this, stores its new URL, and fetches its real files from
/// there from then on (docs/provisioning.md "The old account URL" cites each vendor's setting).
extension ProvisioningRenderer {
    /// Whether the phone gets a file at the old URL: it has files, and existed at the migration.
    static func hasBridge(_ phone: Phone, in data: AccountData) -> Bool {
        phone.mac != nil && phone.model != nil && Secrets.isPhoneSecret(phone.secret ?? "")
            && (data.account.legacyPhonesBelow.map { phone.id < $0 } ?? true)
    }

    public static func bridgeFiles(for phone: Phone, in data: AccountData) -> [ProvisioningFile] {
        guard hasBridge(phone, in: data), let mac = phone.mac, let model = phone.model,
              let url = data.account.provisioningURL(of: phone) else { return [] }
        let names = fileNames(model: model, mac: mac)
        let note = "\(header) This phone's provisioning URL has moved to its own."
        // Without the scheme, for the vendors whose setting takes a host and a path.
        let (scheme, place) = url.hasPrefix("https://") ? ("https", String(url.dropFirst(8)))
            : url.hasPrefix("http://") ? ("http", String(url.dropFirst(7))) : ("https", url)
        switch model.brand {
        case .yealink:
            return [ProvisioningFile(name: names[0], contents: "#!version:1.0.0.1\n## \(note)\nstatic.auto_provision.server.url = \(sanitize(url))\n")]
        case .grandstream:
            // P212: config upgrade via (1 HTTP, 2 HTTPS); P237: config server path.
            let config = XMLTag("config", [("version", "1")], [
                .element(XMLTag("P212", text: scheme == "https" ? "2" : "1")), .element(XMLTag("P237", text: place)),
            ])
            let root = XMLTag("gs_provision", [("version", "1")], [.element(XMLTag("mac", text: mac.hex)), .element(config)])
            return [ProvisioningFile(name: names[0], contents: bridgeDocument(root, note))]
        case .snom:
            let settings = XMLTag("phone-settings", [], [.element(XMLTag("setting_server", [("perm", "")], text: url))])
            return [ProvisioningFile(name: names[0], contents: bridgeDocument(XMLTag("settings", [], [.element(settings)]), note))]
        case .polycom:
            // device.prov.serverType: 2 HTTP, 3 HTTPS; serverName: host and path.
            let master = XMLTag("APPLICATION", [("APP_FILE_PATH", "sip.ld"), ("CONFIG_FILES", names[1]), ("MISC_FILES", ""),
                                                ("LOG_FILE_DIRECTORY", ""), ("OVERRIDES_DIRECTORY", ""), ("CONTACTS_DIRECTORY", "")])
            let device = XMLTag("device", [("device.set", "1"), ("device.prov.serverType.set", "1"),
                                           ("device.prov.serverType", scheme == "https" ? "3" : "2"),
                                           ("device.prov.serverName.set", "1"), ("device.prov.serverName", place)])
            return [ProvisioningFile(name: names[0], contents: bridgeDocument(master, note)),
                    ProvisioningFile(name: names[1], contents: bridgeDocument(XMLTag("polycomConfig", [], [.element(device)]), note))]
        case .cisco:
            // $MA: the phone's MAC, as the phone expands it in a profile rule.
            let file = model.id == "cisco-spa504g" ? "spa$MA.xml" : "$MA.xml"
            let rule = XMLTag("Profile_Rule", [("ua", "na")], text: url + file)
            return [ProvisioningFile(name: names[0], contents: bridgeDocument(XMLTag("flat-profile", [], [.element(rule)]), note))]
        case .fanvil:
            let ap = XMLTag("ap", [], [.element(XMLTag("FlashServerIP", text: url)), .element(XMLTag("FlashFileName", text: "$mac.cfg"))])
            return [ProvisioningFile(name: names[0], contents: bridgeDocument(XMLTag("sysConf", [], [.element(ap)]), note))]
        }
    }

    private static func bridgeDocument(_ root: XMLTag, _ note: String) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- \(note) -->\n" + root.rendered()
    }

    /// Whether a name in the old account directory is one phonedesk wrote there (a vendor's
    /// file named by a MAC): only these are removed when that directory is emptied.
    static func isVendorFileName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        func hex(_ slice: ArraySlice<UInt8>, upper: Bool = false) -> Bool {
            slice.count == 12 && slice.allSatisfy { (0x30...0x39).contains($0) || (upper ? (0x41...0x46).contains($0) : (0x61...0x66).contains($0)) }
        }
        func ends(_ suffix: String) -> Bool { name.hasSuffix(suffix) }
        let n = bytes.count
        if (ends(".cfg") || ends(".xml")), n == 16, hex(bytes[0..<12]) { return true }
        if name.hasPrefix("cfg"), ends(".xml"), n == 19, hex(bytes[3..<15]) { return true }
        if name.hasPrefix("phone"), ends(".cfg"), n == 21, hex(bytes[5..<17]) { return true }
        if name.hasPrefix("spa"), ends(".xml"), n == 19, hex(bytes[3..<15]) { return true }
        if name.hasPrefix("snom"), ends(".htm"), n >= 21, hex(bytes[(n - 16)..<(n - 4)], upper: true), bytes[n - 17] == 0x2D { return true }
        return false
    }
}
