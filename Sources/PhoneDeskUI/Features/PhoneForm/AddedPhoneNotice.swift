import PhoneDeskCore

/// Shown after Add and after a new URL: the phone's own URL to paste into it, with `c` to copy it.
struct AddedPhoneNotice: Feature {
    enum Action: Sendable { case key(Key) }
    /// After Add, after a new URL, or asked for with `c` on the table.
    enum Kind: Sendable { case added, rotated, shown }
    let phoneName: String
    let url: String
    var kind = Kind.added

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
        MessageBox.draw(title: title(context), lines: [
            (context.t("Paste this provisioning URL into the phone's auto-provisioning field (web UI: Settings › Auto Provision › Server URL):"), .text),
            ("", .text),
            (url, Style(.accent, bold: true)),
        ], hint: context.t("c copy · Enter or Esc close"), in: &canvas, maxWidth: max(72, CellWidth.of(url) + DialogSize.chrome))
        return []
    }

    private func title(_ context: Context) -> String {
        switch kind {
        case .added: return context.t("Phone added — \(phoneName)")
        case .rotated: return context.t("New URL — \(phoneName)")
        case .shown: return context.t("Provisioning URL — \(phoneName)")
        }
    }

    func keys(_ context: Context) -> FocusKeys {
        FocusKeys("Provisioning URL", [HelpSection("Window", PhonesKeys.info.helpRows), .global], footer: PhonesKeys.info.footerItems)
    }
}
