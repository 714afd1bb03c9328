/// A parsed command line: positional words, `--flag` switches and `--option value` pairs.
struct Arguments {
    var positional: [String] = []
    var flags: Set<String> = []
    var values: [String: String] = [:]

    struct UsageError: Error { var message: String }

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
                if let inline { result.values[name] = inline; continue }
                guard index < words.count else { throw UsageError(message: "--\(name) needs a value") }
                result.values[name] = words[index]
                index += 1
            } else if switches.contains(name), inline == nil {
                result.flags.insert(name)
            } else {
                throw UsageError(message: "unknown option --\(name)")
            }
        }
        return result
    }
}
