import Foundation

extension Store {
    /// Adds every phone or none, re-checking MACs and names against the file as it is now.
    /// `lines` (`BulkImport.lines`) names a clashing phone's line in the file; without it the
    /// problem has no line.
    public func importPhones(_ new: [NewPhone], lines: [Int] = []) throws(StoreError) -> Result<AccountData, ImportFailure> {
        try locked { () throws(StoreError) -> Result<AccountData, ImportFailure> in
            try authorize(.edit)
            guard var state = try currentPhones() else { throw .missing(path: phones.path, hint: "Run `phonedesk init DIR`.") }
            if let newer = state.newerSchema { return .failure(ImportFailure([RowProblem(line: nil, message: newer.description)])) }
            var document = state.document
            let macs = Set(document.phones.compactMap(\.mac))
            let names = Set(document.phones.map { $0.name.lowercased() })
            let clashes = new.indices.filter { (new[$0].mac.map(macs.contains) ?? false) || names.contains(new[$0].name.lowercased()) }
            if !clashes.isEmpty {
                return .failure(ImportFailure(clashes.prefix(20).map {
                    RowProblem(line: Self.line($0, lines), message: "\"\(new[$0].name)\" was added by another operator meanwhile; nothing imported")
                }))
            }
            var added: [Phone] = []
            added.reserveCapacity(new.count)
            for phone in new {
                guard let next = document.nextID.plus(1) else {
                    return .failure(ImportFailure([RowProblem(line: nil, message: "no more phone ids (nextID is \(document.nextID)); nothing imported")]))
                }
                added.append(Phone(id: document.nextID, name: phone.name, modelID: phone.modelID, mac: phone.mac,
                                   userExtension: phone.userExtension, secret: Secrets.phoneSecret()))
                document.nextID = next
            }
            document.phones.append(contentsOf: added)
            // A bulk change rewrites the base once (and empties the journal) rather than
            // journalling a line per phone.
            state.document = document
            try auditAdded(added, action: "phone.import")
            try writePhonesBase(&state)
            var data = try load().data
            data.phones = state.document.phones
            try provisioner.update(added, in: data, durable: false)
            return .success(data)
        }
    }

    /// Adds every user or none; `lines` as for `importPhones`.
    public func importUsers(_ new: [User], lines: [Int] = []) throws(StoreError) -> Result<AccountData, ImportFailure> {
        try locked { () throws(StoreError) -> Result<AccountData, ImportFailure> in
            try authorize(.edit)
            var document = try users.read()?.document ?? UsersDocument(users: [])
            let taken = Set(document.users.map(\.extensionNumber))
            if let clash = new.indices.first(where: { taken.contains(new[$0].extensionNumber) }) {
                return .failure(ImportFailure([RowProblem(line: Self.line(clash, lines),
                                                          message: "extension \(new[clash].extensionNumber) was added meanwhile; nothing imported")]))
            }
            let before = document.users
            document.users += new
            try auditedList("user", before: before, after: document.users, key: \.extensionNumber)
            try users.write(document)
            return .success(try load().data)
        }
    }

    /// The file line of the `index`th imported row, when the caller gave them.
    private static func line(_ index: Int, _ lines: [Int]) -> Int? { lines.indices.contains(index) ? lines[index] : nil }
}
