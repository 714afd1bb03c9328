/// What a document must satisfy beyond its JSON shape, checked on every load (whichever reader
/// produced it): a file that breaks a rule is refused as corrupt, with the element and the reason,
/// and its bytes are left alone — never "repaired" by the next save, never used as a path.
extension StoreDocument {
    public func problem() -> String? { nil }
}

enum DocumentRules {
    /// The first value that repeats, as (earlier index, later index), compared by `key`.
    static func firstRepeat<T, K: Hashable>(_ items: [T], _ key: (T) -> K) -> (Int, Int)? {
        var seen: [K: Int] = [:]
        for (k, item) in items.enumerated() {
            if let earlier = seen.updateValue(k, forKey: key(item)) { return (earlier, k) }
        }
        return nil
    }

    /// Names compared as the forms compare them (trimmed, ignoring case).
    static func nameKey(_ name: String) -> String { name.trimmingSpaces.lowercased() }

    /// "orders[2].total is -5": money and counts are never negative.
    static func negative(_ values: [(String, Int)]) -> String? {
        values.first { $0.1 < 0 }.map { "\($0.0) is \($0.1); money and counts are never negative" }
    }
}

extension AccountDocument {
    public func problem() -> String? {
        if !Secrets.isAccountToken(account.token) {
            return "account.token must be 22 characters of A-Z a-z 0-9 - _ (it names the provisioning directory)"
        }
        // Used as a path and as a group: only their shape here (the data directory is checked
        // before anything is written, in `Provisioner.tree`).
        if let path = account.provisioningDirectory, let problem = ProvisioningTreeRules.shapeProblem(path) {
            return "account.provisioningDirectory \(problem)"
        }
        if let group = account.provisioningGroup, let problem = ProvisioningTreeRules.groupProblem(group) {
            return "account.provisioningGroup: \(problem)"
        }
        if let path = account.accessLog, let problem = AccessLogRules.pathProblem(path) {
            return "account.accessLog \(problem)"
        }
        return DocumentRules.negative([("account.balance.cents", account.balance.cents)])
    }
}

extension UsersDocument {
    public func problem() -> String? {
        guard let (first, again) = DocumentRules.firstRepeat(users, \.extensionNumber) else { return nil }
        return "users[\(again)]: extension \(users[again].extensionNumber) is also users[\(first)]'s"
    }
}

extension PhonesDocument {
    public func problem() -> String? { phones.firstProblem(nextID: nextID) }
}

extension BackgroundsDocument {
    public func problem() -> String? {
        if let (first, again) = DocumentRules.firstRepeat(backgrounds, { DocumentRules.nameKey($0.name) }) {
            return "backgrounds[\(again)]: name \"\(backgrounds[again].name)\" is also backgrounds[\(first)]'s"
        }
        for (k, image) in backgrounds.enumerated() {
            // The file is deleted with the image: a plain name in backgrounds/, never a path.
            if image.file.isEmpty || image.file.hasPrefix(".") || image.file.contains("/") || image.file.utf8.contains(0) {
                return "backgrounds[\(k)].file \"\(image.file)\" is not a plain file name"
            }
            if let problem = DocumentRules.negative([("backgrounds[\(k)].width", image.width), ("backgrounds[\(k)].height", image.height),
                                                     ("backgrounds[\(k)].bytes", image.bytes)]) { return problem }
        }
        return nil
    }
}

extension TemplatesDocument {
    public func problem() -> String? {
        guard let (first, again) = DocumentRules.firstRepeat(templates, { DocumentRules.nameKey($0.name) }) else { return nil }
        return "templates[\(again)]: name \"\(templates[again].name)\" is also templates[\(first)]'s"
    }
}

extension OrdersDocument {
    public func problem() -> String? {
        for (k, order) in orders.enumerated() {
            let o = "orders[\(k)]"
            if let problem = DocumentRules.negative([("\(o).subtotal", order.subtotal), ("\(o).delivery", order.delivery),
                                                     ("\(o).vatBasisPoints", order.vatBasisPoints), ("\(o).vat", order.vat),
                                                     ("\(o).total", order.total)]) { return problem }
            for (j, line) in order.lines.enumerated() {
                if let problem = DocumentRules.negative([("\(o).lines[\(j)].quantity", line.quantity),
                                                         ("\(o).lines[\(j)].unitPrice", line.unitPrice),
                                                         ("\(o).lines[\(j)].total", line.total)]) { return problem }
            }
        }
        return nil
    }
}

extension CartDocument {
    public func problem() -> String? {
        for (k, line) in lines.enumerated() where !CartLine.quantities.contains(line.quantity) {
            return "lines[\(k)].quantity is \(line.quantity); a cart line holds \(CartLine.quantities.lowerBound) to \(CartLine.quantities.upperBound)"
        }
        return nil
    }
}
