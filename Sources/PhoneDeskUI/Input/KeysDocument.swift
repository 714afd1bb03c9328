/// docs/keys.md, generated from the key tables that handle input (a test fails when the file is
/// stale), so the documentation can no more lie than the help window.
public enum KeysDocument {
    static func table<A>(_ keys: KeyTable<A>) -> String {
        var out = "| keys | action |\n|---|---|\n"
        for binding in keys.bindings {
            let labels = binding.keys.map { "`\($0.label.replacingOccurrences(of: "|", with: "\\|"))`" }.joined(separator: " ")
            out += "| \(labels) | \(binding.help) |\n"
        }
        return out
    }

    static func rows(_ rows: [HelpRow]) -> String {
        "| keys | action |\n|---|---|\n" + rows.map { "| \($0.keys) | \($0.text) |\n" }.joined()
    }

    public static func markdown() -> String {
        """
        # Keys

        Generated from the key tables in `Sources/PhoneDeskUI` (the same tables that handle input
        and fill the `?` help window). Do not edit by hand: `UPDATE_GOLDENS=1 swift test` rewrites it.

        ## Everywhere

        \(table(GlobalKeys.table))
        In text fields `?` and `q` are typed; use F1 and F10 (or Ctrl-C) there.

        ## Phones table

        \(table(PhonesKeys.table))
        ### Filter (after `/`)

        Type to narrow, Backspace to widen, Ctrl-U to clear.

        \(table(FilterLine.keys))
        ## Forms

        Add phone: Model · MAC address · Name · [Submit] · [Cancel]. Edit phone: (MAC address, for a
        phone awaiting delivery) · User · BLF · BLF user · Background image · Config template ·
        [Submit] · [Cancel]. Disabled fields show why and are skipped by Tab.

        \(table(Form.keys))
        Text fields: ← → Home End (Ctrl-A Ctrl-E) Backspace Delete, Ctrl-U clears.

        ### Dropdowns

        \(rows(Form.dropdownKeys))
        ## Questions and windows

        \(table(QuestionKeys.table))
        Provisioning URL window:

        \(table(PhonesKeys.info))
        ## Settings

        \(table(SettingsKeys.screen))
        After `$EDITOR` closes on a template with errors:

        \(table(SettingsKeys.templateErrors))
        ## Shop

        \(table(ShopKeys.shop))
        ## Checkout

        \(table(CheckoutKeys.screen))
        Delivery address window, saved addresses list:

        \(table(CheckoutKeys.addressList))
        ## Orders

        \(table(OrdersKeys.screen))
        ## Mouse

        A click selects a row, a field, a button, a tab, a menu entry or a key-bar item; a second
        click on the selected row opens it; the wheel moves the selection. `--no-mouse` (or Mouse off
        in Settings › Hot desking) leaves the terminal's own text selection alone.
        """
    }
}
