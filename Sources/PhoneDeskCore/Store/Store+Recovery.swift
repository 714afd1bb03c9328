import Foundation

/// What a provisioning check found (`phonedesk provision --check`, and recovery at start).
public struct ProvisioningCheck: Equatable, Sendable {
    /// The account was of phonedesk 0.2 and has just been given a URL per phone (and, when its
    /// old directory existed, its old URL kept open: `Account.legacyURL`).
    public var migrated = false
    /// Phones whose files are missing or older than the phone, its users, the account's
    /// settings, its template or background (ids, in the phones' order).
    public var outOfDate: [Int]
    /// Phones recorded with files that must go: deleted phones, phones that lost their MAC.
    public var filesToRemove: Int
    /// The first few out-of-date phones, to name them.
    public var examples: [Phone]

    public var isCurrent: Bool { outOfDate.isEmpty && filesToRemove == 0 }
}

extension Store {
    /// Finds phones whose provisioning files are not what their data makes — an import or a save
    /// killed before its files were written, a file removed by hand — and writes nothing.
    public func checkProvisioning() throws(StoreError) -> ProvisioningCheck {
        // Only the lock: no interrupted transaction is finished here (that would write).
        try lock.withLock { () throws(StoreError) -> ProvisioningCheck in
            let data = try readAll().loaded.data
            return Self.check(try provisioner.status(data, lookOnDisk: true), data)
        }
    }

    /// Regenerates the files of every out-of-date phone (see `checkProvisioning`; the manifest is
    /// compared with the phones without rendering or looking at the files, so this is cheap when
    /// everything is current), a chunk at a time (`reprovision`). Run at every start, panel and CLI.
    public func recoverProvisioning() throws(StoreError) -> ProvisioningCheck { try reprovision(whenIdle: true) }

    private static func check(_ status: ProvisioningStatus, _ data: AccountData) -> ProvisioningCheck {
        ProvisioningCheck(outOfDate: status.outOfDate, filesToRemove: status.withoutFiles.count + status.gone.count,
                          examples: status.outOfDate.prefix(5).compactMap { data.phone(id: $0) })
    }
}
