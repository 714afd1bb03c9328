extension TextRules {
    /// The first control character (C0, DEL, C1) in `text` as "U+001B" and its 1-based position,
    /// for messages that must stay short (a refused paste in a form field).
    public static func firstControl(in text: String) -> (codePoint: String, position: Int)? {
        firstRefused(in: text, by: control).map { (codePoint($0.1), $0.2) }
    }
}
