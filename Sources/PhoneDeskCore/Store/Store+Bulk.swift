import Foundation

extension Store {
    /// Adds every phone or none, re-checking MACs and names against the file as it is now.
    public func importPhones(_ new: [NewPhone]) throws(StoreError) -> Result<AccountData, ImportFailure> {
        try locked { () throws(StoreError) -> Result<AccountData, ImportFailure> in
            guard var state = try currentPhones() else { throw .missing(path: phones.path, hint: "Run `phonedesk init DIR`.") }
            if let newer = state.newerSchema { return .failure(ImportFailure([RowProblem(line: 0, message: newer.description)])) }
            var document = state.document
            let macs = Set(document.phones.compactMap(\.mac))
            let names = Set(document.phones.map { $0.name.lowercased() })
            let clashes = new.filter { ($0.mac.map(macs.contains) ?? false) || names.contains($0.name.lowercased()) }
            if !clashes.isEmpty {
                return .failure(ImportFailure(clashes.prefix(20).map {
                    RowProblem(line: 0, message: "\"\($0.name)\" was added by another operator meanwhile; nothing imported")
                }))
            }
            var added: [Phone] = []
            added.reserveCapacity(new.count)
            for phone in new {
                guard let next = document.nextID.plus(1) else {
                    return .failure(ImportFailure([RowProblem(line: 0, message: "no more phone ids (nextID is \(document.nextID)); nothing imported")]))
                }
                added.append(Phone(id: document.nextID, name: phone.name, modelID: phone.modelID, mac: phone.mac,
                                   userExtension: phone.userExtension))
                document.nextID = next
            }
            document.phones.append(contentsOf: added)
            // A bulk change rewrites the base once (and empties the journal) rather than
            // journalling a line per phone.
            state.document = document
            try writePhonesBase(&state)
            var data = try load().data
            data.phones = state.document.phones
            try provisioner.update(added, in: data, durable: false)
            return .success(data)
        }
    }

    /// Adds every user or none.
    public func importUsers(_ new: [User]) throws(StoreError) -> Result<AccountData, ImportFailure> {
        try locked { () throws(StoreError) -> Result<AccountData, ImportFailure> in
            var document = try users.read()?.document ?? UsersDocument(users: [])
            let taken = Set(document.users.map(\.extensionNumber))
            if let clash = new.first(where: { taken.contains($0.extensionNumber) }) {
                return .failure(ImportFailure([RowProblem(line: 0, message: "extension \(clash.extensionNumber) was added meanwhile; nothing imported")]))
            }
            document.users += new
            try users.write(document)
            return .success(try load().data)
        }
    }
}
