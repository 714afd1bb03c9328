extension StringProtocol {
    /// The text without leading and trailing spaces and tabs — what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives (Unicode Zs and U+0009), without bridging to
    /// NSString: a bulk import trims 400,000 fields, and the bridge was an eighth of its time.
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(self[first..<scalars.index(after: last)])
    }
}
