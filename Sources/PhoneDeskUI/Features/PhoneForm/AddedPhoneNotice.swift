import PhoneDeskCore

/// Shown after Add: the URL to paste into the phone, with `c` to copy it.
struct AddedPhoneNotice: Feature {
    enum Action: Sendable { case key(Key) }
    let phoneName: String
    let url: String

    static func key(_ key: Key) -> Action { .key(key) }
    var isWindow: Bool { true }
    func wheel(up: Bool) -> Action? { nil }

    mutating func reduce(_ action: Action, _ context: Context) -> [Command<Action>] {
        guard case .key(let key) = action else { return [] }
        switch PhonesKeys.info.action(for: key) {
        case .copy?: return [.status(StatusMessage(.info, "Copied: \(url)")), .perform(.copyToClipboard(url))]
        case .close?: return [.close]
        case nil: return GlobalKeys.commands(for: key)
        }
    }

    func draw(_ context: Context, in canvas: inout Canvas) -> [ClickRegion<Action>] {
        // Prose in a readable width; the URL on one line where the screen allows.
        MessageBox.draw(title: context.t("Phone added — \(phoneName)"), lines: [
            (context.t("Paste this provisioning URL into the phone's auto-provisioning field (web UI: Settings › Auto Provision › Server URL):"), .text),
            ("", .text),
            (url, Style(.accent, bold: true)),
        ], hint: context.t("c copy · Enter or Esc close"), in: &canvas, maxWidth: max(72, CellWidth.of(url) + DialogSize.chrome))
        return []
    }

    func keys(_ context: Context) -> FocusKeys {
        FocusKeys("Provisioning URL", [HelpSection("Window", PhonesKeys.info.helpRows), .global], footer: PhonesKeys.info.footerItems)
    }
}
