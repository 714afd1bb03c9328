/// A parsed command line: positional words, `--flag` switches and `--option value` pairs.
struct Arguments {
    var positional: [String] = []
    var flags: Set<String> = []
    var values: [String: String] = [:]

    struct UsageError: Error { var message: String }

    /// What a command takes besides `--data` and `--help`, checked before the store is opened:
    /// a refused command line must not create or seed a data directory.
    struct Shape {
        var valued: Set<String> = []
        var switches: Set<String> = []
        /// Options of which at most one may be given (`--json` `--csv`; `--user` `--no-user`).
        var exclusive: [[String]] = []
        /// Exactly this many positional words.
        var positional = 0
        /// Any number of positional words; the command checks them.
        var anyPositional = false
        /// Valued options that must be given.
        var required: [String] = []
        /// Said when `positional` or `required` is not met; else "unexpected WORD".
        var needs: String?

        func check(_ arguments: Arguments) throws(UsageError) {
            for group in exclusive {
                let given = group.filter { arguments.flags.contains($0) || arguments.values[$0] != nil }
                if given.count > 1 { throw UsageError(message: given.map { "--" + $0 }.joined(separator: " and ") + " contradict each other; give one") }
            }
            let missing = required.contains { arguments.values[$0] == nil }
            if (anyPositional || arguments.positional.count == positional) && !missing { return }
            if let needs { throw UsageError(message: needs) }
            throw UsageError(message: "unexpected \(arguments.positional.dropFirst(positional).joined(separator: " "))")
        }
    }

    /// `valued` names the options that take a value; anything else starting with `--` is a flag
    /// that must be in `switches`.
    static func parse(_ words: [String], valued: Set<String>, switches: Set<String>) throws(UsageError) -> Arguments {
        var result = Arguments()
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" { result.positional += words[index...]; break }
            guard word.hasPrefix("--") else { result.positional.append(word); continue }
            var name = String(word.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valued.contains(name) {
                // Given twice, one would silently win: `--data A … --data B` is a typo to report.
                guard result.values[name] == nil else { throw UsageError(message: "--\(name) is given twice") }
                if let inline {
                    // `--data=$DIR` with DIR unset would quietly mean the default account.
                    guard !inline.isEmpty else { throw UsageError(message: "--\(name) needs a value; it is empty") }
                    result.values[name] = inline
                    continue
                }
                guard index < words.count else { throw UsageError(message: "--\(name) needs a value") }
                let value = words[index]
                guard !value.isEmpty else { throw UsageError(message: "--\(name) needs a value; it is empty") }
                // `--data --json` took "--json" as a directory and created it; a value that starts
                // with `--` is written `--name=--value`.
                if value.hasPrefix("--") {
                    throw UsageError(message: "--\(name) needs a value, not the option \(value) (write --\(name)=VALUE for a value starting with --)")
                }
                result.values[name] = value
                index += 1
            } else if switches.contains(name), inline == nil {
                guard !result.flags.contains(name) else { throw UsageError(message: "--\(name) is given twice") }
                result.flags.insert(name)
            } else {
                throw UsageError(message: "unknown option --\(name)")
            }
        }
        return result
    }
}
