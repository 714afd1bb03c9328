/// Where a NOTIFY goes: the account's SIP server setting, "host" or "host:port" (5060 if none).
public struct SIPServer: Hashable, Sendable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int = 5060) { self.host = host; self.port = port }

    /// Nil for a setting that is not host or host:port (the settings rules refuse those).
    public init?(setting: String) {
        let parts = setting.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2 else { return nil }
        var port = 5060
        if parts.count == 2 {
            guard let given = Int(parts[1]), (1...65535).contains(given) else { return nil }
            port = given
        }
        self.init(host: String(host), port: port)
    }

    /// "host" for 5060, else "host:port", as it appears in a SIP URI.
    public var hostPort: String { port == 5060 ? host : "\(host):\(port)" }
}

/// The random parts of one NOTIFY (RFC 3261 8.1.1): they come from the caller, so building the
/// message stays pure and tests can fix them.
public struct SIPIdentifiers: Hashable, Sendable {
    /// The Via branch, starting with the RFC 3261 magic cookie "z9hG4bK" (section 8.1.1.7).
    public var branch: String
    public var fromTag: String
    public var callID: String

    public init(branch: String, fromTag: String, callID: String) {
        self.branch = branch; self.fromTag = fromTag; self.callID = callID
    }

    public static let magicCookie = "z9hG4bK"

    /// 64 random bits each for the branch and tag, 128 for the Call-ID.
    public static func random<G: RandomNumberGenerator>(host: String, using generator: inout G) -> SIPIdentifiers {
        func hex(_ words: Int) -> String {
            (0..<words).map { _ in
                let text = String(generator.next() as UInt64, radix: 16)
                return String(repeating: "0", count: 16 - text.count) + text
            }.joined()
        }
        return SIPIdentifiers(branch: magicCookie + hex(1), fromTag: hex(1), callID: "\(hex(2))@\(host)")
    }
}

/// One out-of-dialog NOTIFY asking a phone to fetch its configuration (RFC 3261 section 8.1.1
/// headers; RFC 6665 4.1.3 asks every NOTIFY for Subscription-State, and there is no
/// subscription, so it says terminated).
public struct SIPNotify: Hashable, Sendable {
    public var extensionNumber: String
    public var server: SIPServer
    /// The Event header's value (`ResyncEvent.event(for:)`).
    public var event: String
    /// This side's address as the server sees it: Via sent-by and Contact.
    public var localHost: String
    public var localPort: Int
    public var ids: SIPIdentifiers
    public var cseq: Int = 1
    public var userAgent: String = "phonedesk/\(PhoneDeskVersion.current)"

    public init(extensionNumber: String, server: SIPServer, event: String, localHost: String, localPort: Int, ids: SIPIdentifiers) {
        self.extensionNumber = extensionNumber; self.server = server; self.event = event
        self.localHost = localHost; self.localPort = localPort; self.ids = ids
    }

    /// sip:EXT@SIP-SERVER (the phone's user at the account's server).
    public var requestURI: String { "sip:\(SIPNotify.escapeUser(extensionNumber))@\(server.hostPort)" }

    /// The request as sent: CRLF line ends, a blank line, no body.
    public var text: String {
        let lines = [
            "NOTIFY \(requestURI) SIP/2.0",
            // rport (RFC 3581): the answer comes back to the port it was sent from, behind NAT too.
            "Via: SIP/2.0/UDP \(localHost):\(localPort);branch=\(ids.branch);rport",
            "Max-Forwards: 70",
            "From: <sip:phonedesk@\(server.hostPort)>;tag=\(ids.fromTag)",
            "To: <\(requestURI)>",
            "Call-ID: \(ids.callID)",
            "CSeq: \(cseq) NOTIFY",
            "Contact: <sip:phonedesk@\(localHost):\(localPort)>",
            "Event: \(event)",
            "Subscription-State: terminated",
            "User-Agent: \(userAgent)",
            "Content-Length: 0",
        ]
        return lines.joined(separator: "\r\n") + "\r\n\r\n"
    }

    /// The user part of the URI: RFC 3261 25.1 unreserved and user-unreserved characters pass,
    /// anything else is %-escaped (an extension is digits, but a user name may not be).
    static func escapeUser(_ user: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!~*'()&=+$,;?/".unicodeScalars)
        var out = ""
        for byte in user.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, allowed.contains(scalar) { out.unicodeScalars.append(scalar) } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
