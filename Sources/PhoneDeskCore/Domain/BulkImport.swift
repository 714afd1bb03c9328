/// A row of a bulk import that cannot be taken, with its line in the file — or no line, for a
/// problem of the whole import found under the lock (no more ids, a newer file); those used to
/// print "line 0".
public struct RowProblem: Equatable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var message: String
    public init(line: Int?, message: String) { self.line = line; self.message = message }
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// Checks import files row by row with the same rules as the panel, in one pass (sets, not
/// scans), so 100,000 rows take well under a second. Cells are read as exports write them:
/// trimmed, then a formula guard `'` removed (`CSV.unguarded`).
public enum BulkImport {
    public static let phonesHeader = ["model", "mac", "name", "user"]
    public static let usersHeader = ["extension", "name", "email"]

    /// `model,mac,name,user` rows → phones to add, or every problem found. On success there is
    /// one phone per row after the header, in order (`lines` gives their lines).
    public static func phones(_ rows: [CSV.Row], existing data: AccountData) -> Result<[NewPhone], ImportFailure> {
        guard let header = rows.first else { return .failure(ImportFailure([RowProblem(line: 1, message: "the file is empty")])) }
        let names = header.fields.map { $0.trimmingSpaces.lowercased() }
        guard names == phonesHeader || names == Array(phonesHeader.prefix(3)) else {
            return .failure(ImportFailure([RowProblem(line: header.line, message: "the header must be model,mac,name,user")]))
        }
        var problems: [RowProblem] = []
        var macs = Dictionary(data.phones.compactMap { p in p.mac.map { ($0, "phone \"\(p.name)\"") } }, uniquingKeysWith: { a, _ in a })
        var taken = Dictionary(data.phones.map { ($0.name.lowercased(), "phone \"\($0.name)\"") }, uniquingKeysWith: { a, _ in a })
        let extensions = Set(data.users.map(\.extensionNumber))
        var phones: [NewPhone] = []
        phones.reserveCapacity(rows.count)
        for row in rows.dropFirst() {
            let f = row.fields.map { CSV.unguarded($0.trimmingSpaces) }
            guard f.count == names.count else {
                problems.append(RowProblem(line: row.line, message: "expected \(names.count) fields, found \(f.count)"))
                continue
            }
            var rowProblems: [String] = []
            let model = PhoneCatalog.model(named: f[0])
            if model == nil { rowProblems.append("unknown model \"\(f[0])\" (see `phonedesk models`)") }
            var mac: MACAddress?
            switch MACAddress.parse(f[1]) {
            case .success(let parsed):
                if let owner = macs[parsed] { rowProblems.append("MAC \(parsed.display) is already used by \(owner)") }
                else { mac = parsed }
            case .failure(let problem): rowProblems.append("MAC: \(problem.message)")
            }
            if let problem = PhoneRules.nameRule.run(f[2]) { rowProblems.append(problem) }
            else if let owner = taken[f[2].lowercased()] { rowProblems.append("name \"\(f[2])\" is already used by \(owner)") }
            let user = f.count > 3 && !f[3].isEmpty ? f[3] : nil
            if let user, !extensions.contains(user) { rowProblems.append("user \(user) is not on the account") }
            if !rowProblems.isEmpty {
                problems.append(RowProblem(line: row.line, message: rowProblems.joined(separator: "; ")))
                continue
            }
            if let mac { macs[mac] = "line \(row.line)" }
            taken[f[2].lowercased()] = "line \(row.line)"
            phones.append(NewPhone(name: f[2], modelID: model!.id, mac: mac, userExtension: user))
        }
        return problems.isEmpty ? .success(phones) : .failure(ImportFailure(problems))
    }

    /// `extension,name,email` rows → users to add, or every problem found; on success one user
    /// per row after the header, in order.
    public static func users(_ rows: [CSV.Row], existing: [User]) -> Result<[User], ImportFailure> {
        guard let header = rows.first else { return .failure(ImportFailure([RowProblem(line: 1, message: "the file is empty")])) }
        guard header.fields.map({ $0.trimmingSpaces.lowercased() }) == usersHeader else {
            return .failure(ImportFailure([RowProblem(line: header.line, message: "the header must be extension,name,email")]))
        }
        var problems: [RowProblem] = []
        var taken = Dictionary(existing.map { ($0.extensionNumber, "user \($0.label)") }, uniquingKeysWith: { a, _ in a })
        var users: [User] = []
        for row in rows.dropFirst() {
            let f = row.fields.map { CSV.unguarded($0.trimmingSpaces) }
            guard f.count == 3 else {
                problems.append(RowProblem(line: row.line, message: "expected 3 fields, found \(f.count)"))
                continue
            }
            var rowProblems: [String] = []
            if f[0].isEmpty || f[0].count > 10 || !f[0].allSatisfy({ $0.isASCII && $0.isNumber }) {
                rowProblems.append("the extension must be 1-10 digits")
            } else if let owner = taken[f[0]] {
                rowProblems.append("extension \(f[0]) is already \(owner)")
            }
            if let problem = Check<String>.name("Name").run(f[1]) { rowProblems.append(problem) }
            if let problem = Check<String>.email.run(f[2]) { rowProblems.append(problem) }
            if !rowProblems.isEmpty {
                problems.append(RowProblem(line: row.line, message: rowProblems.joined(separator: "; ")))
                continue
            }
            taken[f[0]] = "on line \(row.line)"
            users.append(User(extensionNumber: f[0], name: f[1], email: f[2].isEmpty ? nil : f[2], sipPassword: Secrets.sipPassword()))
        }
        return problems.isEmpty ? .success(users) : .failure(ImportFailure(problems))
    }
}

extension BulkImport {
    /// The line of each row after the header: what `Store.importPhones`/`importUsers` name in a
    /// problem found under the lock.
    public static func lines(_ rows: [CSV.Row]) -> [Int] { rows.dropFirst().map(\.line) }
}

public struct ImportFailure: Error, Equatable, Sendable {
    public var problems: [RowProblem]
    public init(_ problems: [RowProblem]) { self.problems = problems }
}
