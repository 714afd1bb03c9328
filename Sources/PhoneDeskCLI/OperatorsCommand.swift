import Foundation
import PhoneDeskCore

/// `phonedesk operators add|list|remove|role`: the operators and their authorized_keys lines
/// (docs/ssh.md).
enum OperatorsCommand {
    static func run(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        guard let sub = words.first else { return CLI.usage(&console, Help.operators) }
        let rest = Array(words.dropFirst())
        switch sub {
        case "list":
            return CLI.withStore(rest, help: Help.operators, environment: environment, .init(switches: ["json"]), &console) { store, a, console in
                let operators = try store.operators()
                if a.flags.contains("json") {
                    console.printLines(try CLI.json(operators.map { OperatorJSON(name: $0.name, roles: $0.roles.map(\.rawValue), key: $0.key, comment: $0.comment) }))
                } else {
                    console.print(CLI.pad(["NAME", "ROLES", "KEY"], [20, 20, 40]))
                    for person in operators {
                        let key = person.key.split(separator: " ")
                        let short = "\(key.first ?? "") …\(key.last?.suffix(12) ?? "")" + (person.comment.map { " \($0)" } ?? "")
                        console.print(CLI.pad([person.name, person.roles.map(\.rawValue).joined(separator: ","), short], [20, 20, 40]))
                    }
                }
                return ExitCode.success
            }
        case "add":
            return change(rest, environment: environment, &console, .init(valued: ["role", "key", "authorized-keys"], positional: 1, required: ["role", "key"],
                                                                         needs: "operators add needs NAME --role ROLE[,ROLE] --key FILE.pub")) { a in
                let path = DataDirectory.expand(a.values["key"] ?? "", environment)
                guard let data = FileManager.default.contents(atPath: path) else { throw OperatorProblem("cannot read the key file \(path)") }
                return .add(name: a.positional[0], roles: try roles(a.values["role"] ?? ""), keyText: String(decoding: data.prefix(64 << 10), as: UTF8.self))
            }
        case "remove":
            return change(rest, environment: environment, &console, .init(valued: ["authorized-keys"], positional: 1, needs: "operators remove needs NAME")) { a in
                .remove(name: a.positional[0])
            }
        case "role":
            return change(rest, environment: environment, &console, .init(valued: ["authorized-keys"], positional: 2, needs: "operators role needs NAME ROLE[,ROLE]")) { a in
                .setRoles(name: a.positional[0], roles: try roles(a.positional[1]))
            }
        case "--help", "-h": return CLI.usage(&console, Help.operators, status: ExitCode.success)
        default:
            console.error("unknown operators command \(sub)")
            return CLI.usage(&console, Help.operators)
        }
    }

    struct OperatorJSON: Encodable { var name: String; var roles: [String]; var key: String; var comment: String? }

    static func roles(_ text: String) throws(OperatorProblem) -> [OperatorRole] {
        switch OperatorRole.parseList(text) {
        case .success(let roles): return roles
        case .failure(let problem): throw problem
        }
    }

    /// The phonedesk that authorized_keys runs: $PHONEDESK_EXECUTABLE (tests), else this program.
    static func executable(_ environment: [String: String]) -> String {
        if let path = environment["PHONEDESK_EXECUTABLE"], !path.isEmpty { return path }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func change(_ words: [String], environment: [String: String], _ console: inout Console, _ shape: Arguments.Shape,
                       make: @escaping (Arguments) throws -> OperatorChange) -> Int32 {
        CLI.withStore(words, help: Help.operators, environment: environment, shape, recover: false, &console) { store, a, console in
            let keys = AuthorizedKeys.resolve(flag: a.values["authorized-keys"], environment: environment)
            let result: Result<[Operator], OperatorProblem>
            do { result = try store.apply(try make(a), keys: keys, executable: executable(environment)) } catch let problem as OperatorProblem {
                result = .failure(problem)
            }
            switch result {
            case .failure(let problem): console.error(problem.message); return ExitCode.failure
            case .success(let operators):
                console.print("\(Plural.count(operators.count, "operator", "operators")) in \(keys.path)")
                return ExitCode.success
            }
        }
    }
}
