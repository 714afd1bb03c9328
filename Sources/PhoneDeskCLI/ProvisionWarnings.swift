import PhoneDeskCore

/// What `provision` left out of the files of phones a hand edit of phones.json broke, one
/// line each: a key number set twice, a value with a line break, a key the model cannot take.
enum ProvisionWarnings {
    static func lines(_ data: AccountData) -> [String] {
        let extensions = Set(data.users.map(\.extensionNumber))
        var lines: [String] = []
        for phone in data.phones where phone.mac != nil {
            let who = "warning: phone \(phone.id) \"\(phone.name)\":"
            let keys = phone.keys ?? []
            var seen = Set<Int>()
            let twice = keys.filter { !seen.insert($0.number).inserted }
            let broken = keys.filter(KeyRules.hasBrokenValue)
            lines += twice.map { "\(who) key \($0.number) is set twice in phones.json; only the first is in the phone's file. "
                + "Set it again: phonedesk phones keys \(phone.id) set \($0.number) …" }
            lines += broken.map { "\(who) key \($0.number)'s value holds a line break or a control character in phones.json; "
                + "the key is left out of the phone's file. Set it again: phonedesk phones keys \(phone.id) set \($0.number) …" }
            // Any other rule the keys break (a line on a GXP2170's key 13, key 40 of 27): said
            // once, not again for a key already named above.
            if twice.isEmpty, broken.isEmpty, let problem = KeyRules.problem(with: phone.layout, model: phone.model, extensions: extensions) {
                lines.append("\(who) \(problem) That key is left out of the phone's file; fix it with phonedesk phones keys \(phone.id) …")
            }
        }
        return lines
    }
}
