import Foundation
import PhoneDeskCore

/// `--operator NAME`: who a command runs as, and what their roles let it do. One line per
/// command in `needs`; a command not listed needs `edit` (a new command that changes something
/// is refused to viewers until it is declared).
enum CommandRights {
    static let needs: [String: OperatorRole] = [
        "phones list": .view, "phones export": .view, "users list": .view, "orders list": .view,
        "settings show": .view, "models": .view, "help": .view, "audit": .view,
        "phones add": .edit, "phones edit": .edit, "phones remove": .edit, "phones rotate": .edit,
        "phones import": .edit, "users import": .edit,
        "orders place": .buy,
        "settings set": .admin, "provision": .admin, "init": .admin,
        "operators list": .admin, "operators add": .admin, "operators remove": .admin, "operators role": .admin,
    ]

    /// Commands that only read unless one of their words changes something: they need view,
    /// and edit once any later word is one of these (a flag also as `--flag=value`). A word
    /// that happens to be a value (`--data set`) asks edit: more than needed, never less.
    static let readsUnless: [String: Set<String>] = [
        "phones keys": ["set", "clear", "sidecars", "--preset", "--save-preset"],
        "phones presets": ["remove"],
    ]

    /// The role `words` (command first) needs: "phones add", else the command alone, else edit.
    static func needed(_ words: [String]) -> OperatorRole {
        if words.contains("--help") || words.contains("-h") { return .view }
        guard let command = words.first else { return .view }
        // A check writes nothing.
        if command == "provision", words.contains("--check") { return .view }
        if let sub = words.dropFirst().first {
            if let role = needs["\(command) \(sub)"] { return role }
            if let changing = readsUnless["\(command) \(sub)"] {
                let changes = words.dropFirst(2).contains { word in
                    changing.contains(word) || changing.contains(String(word.prefix { $0 != "=" }))
                }
                return changes ? .edit : .view
            }
        }
        return needs[command] ?? .edit
    }

    /// Who a command runs as (the store stamps audit lines with it); set by `CLI.run`.
    @TaskLocal static var actor: AuditActor = .local

    /// Takes `--operator NAME` out of `words`: given before the command it is always the global
    /// one; after it too, except for `audit`, whose own `--operator` filters the log.
    static func split(_ words: [String]) -> (words: [String], name: String?, problem: String?) {
        var rest: [String] = [], name: String?, index = 0, seenCommand = false
        while index < words.count {
            let word = words[index]
            if word == "--" { rest += words[index...]; break }
            let global = !seenCommand || rest.first != "audit"
            if global, word == "--operator" || word.hasPrefix("--operator=") {
                if name != nil { return (words, nil, "--operator is given twice") }
                if word == "--operator" {
                    guard index + 1 < words.count, !words[index + 1].hasPrefix("--") else { return (words, nil, "--operator needs a name") }
                    name = words[index + 1]; index += 2
                } else { name = String(word.dropFirst("--operator=".count)); index += 1 }
                if name?.isEmpty == true { return (words, nil, "--operator needs a name; it is empty") }
                continue
            }
            if !word.hasPrefix("-") { seenCommand = true }
            rest.append(word); index += 1
        }
        return (rest, name, nil)
    }

    /// The operator's rights, or the exit status and message when the name is unknown or the
    /// command is beyond their roles. Without a name: the local owner, allowed everything.
    static func check(_ words: [String], name: String?, environment: [String: String], console: inout Console) -> (actor: AuditActor, refused: Int32?) {
        guard let name else { return (.local, nil) }
        let directory = DataDirectory.resolve(flag: dataFlag(words), environment: environment)
        let person: Operator
        do {
            switch try Store(directory: directory).resolveOperator(name) {
            case .success(let found): person = found
            case .failure(let problem): console.error(problem.message); return (.local, ExitCode.failure)
            }
        } catch {
            console.error(error.description)
            return (.local, ExitCode.failure)
        }
        if let refusal = person.rights.refusal(needed(words)) {
            console.error(refusal)
            return (.local, ExitCode.failure)
        }
        return (AuditActor(name: person.name, client: AuditActor.client(environment)), nil)
    }

    static func dataFlag(_ words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == "--" { break }
            if word == "--data", index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix("--data=") { return String(word.dropFirst("--data=".count)) }
        }
        return nil
    }
}
