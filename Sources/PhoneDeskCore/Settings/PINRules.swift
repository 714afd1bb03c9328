/// The hot-desking admin PIN (dial #446, then the PIN): digits only, 4–16 long, not trivial.
public enum PINRules {
    public static let lengths = 4...16

    public static var check: Check<String> {
        Check { pin in
            if pin.isEmpty { return "Enter the new PIN." }
            if !pin.allSatisfy(\.isASCIIDigit) { return "Digits only (0-9)." }
            if !lengths.contains(pin.count) { return "Use \(lengths.lowerBound) to \(lengths.upperBound) digits; this has \(pin.count)." }
            let digits = pin.compactMap { $0.wholeNumberValue }
            if Set(digits).count == 1 { return "Too easy to guess: one digit repeated." }
            if isRun(digits, step: 1) { return "Too easy to guess: an ascending run like 1234." }
            if isRun(digits, step: -1) { return "Too easy to guess: a descending run like 4321." }
            return nil
        }
    }

    /// Both entries must match (the second field's check).
    public static func confirmation(of pin: String) -> Check<String> {
        Check { $0 == pin ? nil : "The two PINs differ; type the same PIN twice." }
    }

    /// 1234, 6789, 7890 (wrapping) or 4321, 3210, 1098.
    static func isRun(_ digits: [Int], step: Int) -> Bool {
        zip(digits, digits.dropFirst()).allSatisfy { ($0.0 + step + 10) % 10 == $0.1 }
    }
}

/// Account-wide provisioning settings edited on the Hot desking tab.
public enum AccountSettingsRules {
    /// A host name or IPv4 address, optionally with a port.
    public static var sipServer: Check<String> {
        Check<String>.required("SIP server").and(.printable("SIP server")).and(Check { text in
            let value = text.trimmingSpaces
            let parts = value.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return "Use host or host:port." }
            // Digits only, no leading zero: Int() also takes "+5060", and the files would carry it raw.
            if parts.count == 2, !(parts[1].allSatisfy(\.isASCIIDigit) && !parts[1].hasPrefix("0")
                                   && (Int(parts[1]).map { (1...65535).contains($0) } ?? false)) {
                return "The port must be 1-65535 (digits only)."
            }
            return hostNameProblem(String(parts[0]))
        })
    }

    public static var provisioningBaseURL: Check<String> {
        Check<String>.required("Provisioning base URL").and(.visible("Provisioning base URL")).and(Check { text in
            let value = text.trimmingSpaces
            let lower = value.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else {
                return "Start with http:// or https://."
            }
            if value.contains("?") || value.contains("#") || value.contains(" ") {
                return "No spaces, query or fragment: phones append the token and file name."
            }
            let rest = value.drop(while: { $0 != "/" }).dropFirst(2)
            let host = rest.prefix(while: { $0 != "/" && $0 != ":" })
            if host.isEmpty { return "The URL needs a host name after the scheme." }
            return hostNameProblem(String(host))
        })
    }

    static func isHostName(_ text: String) -> Bool { hostNameProblem(text) == nil }

    /// What is wrong with a host name, specifically (a 70-letter label is "too long", not
    /// "use letters").
    static func hostNameProblem(_ text: String) -> String? {
        if text.isEmpty { return "The host name is empty." }
        if text.count > 253 { return "The host name is \(text.count) characters; at most 253." }
        // All digits and dots: an IPv4 address, four numbers 0-255 (no name ends in a number).
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        if labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
            let valid = labels.count == 4 && labels.allSatisfy { ($0 == "0" || !$0.hasPrefix("0")) && (Int($0).map { $0 <= 255 } ?? false) }
            guard valid else { return "\(text) is not an IPv4 address: four numbers 0-255, as 192.0.2.10." }
            return text == "0.0.0.0" || text == "255.255.255.255" ? "\(text) is no address a phone can send to; give the server's own." : nil
        }
        // The resolver also reads "0x7f000001" and "1e3.1.1.1"-like names as numbers: a name
        // has no hex-number part and does not end in a number.
        let hexNumber = { (label: Substring) in label.count > 2 && label.lowercased().hasPrefix("0x") && label.dropFirst(2).allSatisfy(\.isHexDigit) }
        if labels.allSatisfy({ hexNumber($0) || $0.allSatisfy(\.isASCIIDigit) }) || labels.last?.allSatisfy(\.isASCIIDigit) == true {
            return "\(text) reads as a number, not a name; write an IPv4 address as four numbers 0-255, as 192.0.2.10."
        }
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return "The host name has an empty part between dots." }
            if label.count > 63 { return "A part of the host name is \(label.count) characters; at most 63 between dots." }
            if label.hasPrefix("-") || label.hasSuffix("-") { return "A part of the host name starts or ends with '-'." }
            if !label.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                return "Not a host name: use letters, digits, '-' and '.'."
            }
        }
        return nil
    }
}

extension Character {
    /// 0-9 only (`isNumber` also takes "٣" and "½").
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
