/// The parts of a SIP response a client transaction needs (RFC 3261 7.2, 17.1.3).
public struct SIPResponse: Hashable, Sendable {
    public var status: Int
    public var reason: String
    /// The branch of the top Via: the transaction it answers.
    public var branch: String
    public var callID: String
    public var cseq: Int
    public var method: String

    public init(status: Int, reason: String, branch: String, callID: String, cseq: Int, method: String) {
        self.status = status; self.reason = reason; self.branch = branch; self.callID = callID; self.cseq = cseq; self.method = method
    }

    public var isFinal: Bool { status >= 200 }

    /// Nil for anything that is not a well-formed response: a request, a bad status line, a
    /// status outside 100-699, or a missing or unreadable Via branch, Call-ID or CSeq.
    public static func parse(_ text: String) -> SIPResponse? {
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        // RFC 3261 7.5 asks for CRLF; a bare LF from a sloppy peer is read too.
        let lines = head.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        guard let statusLine = lines.first else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "SIP/2.0", parts[1].count == 3, let status = Int(parts[1]), (100...699).contains(status) else {
            return nil
        }
        let reason = parts.count == 3 ? String(parts[2]) : ""
        var via: String?, callID: String?, cseq: String?
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: " \t").lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            // Compact forms (RFC 3261 7.3.3): v = Via, i = Call-ID. Only the top Via counts.
            switch name {
            case "via", "v": if via == nil { via = value.split(separator: ",").first.map(String.init) }
            case "call-id", "i": callID = value
            case "cseq": cseq = value
            default: break
            }
        }
        guard let via, let branch = parameter("branch", in: via), let callID, !callID.isEmpty, let cseq else { return nil }
        let cseqParts = cseq.split(separator: " ", omittingEmptySubsequences: true)
        guard cseqParts.count == 2, let number = Int(cseqParts[0]) else { return nil }
        return SIPResponse(status: status, reason: reason, branch: branch, callID: callID, cseq: number, method: String(cseqParts[1]))
    }

    /// A `;name=value` parameter of a header value (names compare in any case).
    static func parameter(_ name: String, in value: String) -> String? {
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: " \t").lowercased() == name {
                let found = pair[1].trimmingCharacters(in: " \t")
                return found.isEmpty ? nil : found
            }
        }
        return nil
    }

    /// True when this answers `notify` (RFC 3261 17.1.3: the top Via branch and the CSeq
    /// method; the Call-ID and CSeq number too, so a stray answer with a reused branch is not
    /// taken for it).
    public func answers(_ notify: SIPNotify) -> Bool {
        branch == notify.ids.branch && method == "NOTIFY" && callID == notify.ids.callID && cseq == notify.cseq
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
