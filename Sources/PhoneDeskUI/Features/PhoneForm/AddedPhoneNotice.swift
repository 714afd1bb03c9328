import PhoneDeskCore

/// Shown after Add, after a new URL, and with `c` on the table: what to enter in the phone — its
/// own URL, as its brand's setting takes it — with `c` to copy it. The URL is read from the
/// account each time it is drawn, so a new URL saved meanwhile (here or by another operator) is
/// never shown or copied stale.
struct AddedPhoneNotice: Feature {
    enum Action: Sendable { case key(Key) }
    /// After Add, after a new URL, or asked for with `c` on the table.
    enum Kind: Sendable { case added, rotated, shown }
    let phone: Phone
    var kind = Kind.added

    static func key(_ key: Key) -> Action { .key(key) }
    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    /// What to enter in the phone now; nil when the phone is gone or has no URL yet.
    func url(_ data: AccountData) -> String? {
        guard let current = data.phone(id: phone.id), let url = data.account.provisioningURL(of: current) else { return nil }
        return url + (Self.setting(current.model).suffix ?? "")
    }

    /// Where the URL goes in the phone's web interface (its menus are in English), and what the
    /// setting wants after the URL (Cisco's profile rule names the file: docs/provisioning.md).
    static func setting(_ model: PhoneModel?) -> (place: String, suffix: String?) {
        switch model?.brand {
        case .grandstream?: return ("Maintenance › Upgrade and Provisioning › Config Server Path", nil)
        case .snom?: return ("Advanced › Update › Setting URL", nil)
        case .polycom?: return ("Settings › Provisioning Server › Server Address, type HTTP(S)", nil)
        case .cisco?: return ("Voice › Provisioning › Profile Rule", model?.id == "cisco-spa504g" ? "spa$MA.xml" : "$MA.xml")
        case .fanvil?: return ("System › Auto Provision › Server URL", nil)
        case .yealink?, nil: return ("Settings › Auto Provision › Server URL", nil)
        }
    }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        switch PhonesKeys.info.action(for: key) {
        case .copy?:
            guard let url = url(context.data) else { return [.status(StatusMessage(.info, "\"\(phone.name)\" has no URL any more."))] }
            return [.status(StatusMessage(.info, "Copied: \(url)")), .perform(.copyToClipboard(url))]
        case .close?: return [.close]
        case nil: return GlobalKeys.commands(for: key)
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        let shown = url(context.data)
        let place = Self.setting(context.data.phone(id: phone.id)?.model ?? phone.model).place
        // Prose in a readable width; the URL on one line where the screen allows.
        MessageBox.draw(title: title(context), lines: [
            (context.t("Enter this in the phone's web interface, \(place):"), .text),
            ("", .text),
            (shown ?? context.t("The phone was deleted."), Style(.accent, bold: true)),
        ], hint: context.t("c copy · Enter or Esc close"), in: &canvas, maxWidth: max(72, CellWidth.of(shown ?? "") + DialogSize.chrome))
        return []
    }

    private func title(_ context: Context) -> String {
        switch kind {
        case .added: return context.t("Phone added — \(phone.name)")
        case .rotated: return context.t("New URL — \(phone.name)")
        case .shown: return context.t("Provisioning URL — \(phone.name)")
        }
    }

    func keys(_ context: Context) -> FocusKeys {
        FocusKeys("Provisioning URL", [HelpSection("Window", PhonesKeys.info.helpRows), .global], footer: PhonesKeys.info.footerItems)
    }
}
