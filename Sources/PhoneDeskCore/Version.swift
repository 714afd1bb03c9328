/// phonedesk's version, printed by `--version` and shown in the About window.
public enum PhoneDeskVersion {
    public static let current = "0.2.0"
}
