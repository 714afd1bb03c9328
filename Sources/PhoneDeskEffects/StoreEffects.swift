import Foundation
import PhoneDeskCore
import PhoneDeskUI

/// Performs the effects that reach the store, the file system or the payment gateway, and turns
/// what came of each into the message `update` expects. The runtime calls it off the input
/// thread; the operator simulation calls it inline against a real store, so the seam where an
/// effect's result meets the model is tested as it runs (a crash once lived exactly there).
public struct StoreEffects: Sendable {
    public let store: Store
    public let gateway: PaymentGateway
    /// The clock, read here and never in `update`.
    public let now: @Sendable () -> Date

    public init(store: Store, gateway: PaymentGateway, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.gateway = gateway
        self.now = now
    }

    /// True for the effects `perform` handles; the others belong to the terminal (editor,
    /// clipboard, theme, mouse, quit).
    public static func handles(_ effect: Effect) -> Bool {
        switch effect {
        case .apply, .applySettings, .completePath, .saveCart, .addAddress, .checkout, .reprovision, .readAudit: return true
        case .copyToClipboard, .editTemplate, .useTheme, .useMouse, .resync, .quit: return false
        }
    }

    /// Does the work and returns its result as a message; nil for effects it does not handle.
    public func perform(_ effect: Effect) -> Msg? {
        switch effect {
        case .apply(let change):
            return .changeFinished(change, .of { () throws(StoreError) in try store.apply(change) })
        case .applySettings(let change):
            // Many phones' files follow as `.reprovision`, so this save does not hold up the next.
            return .settingsFinished(change, .of { () throws(StoreError) in try store.apply(change, regenerate: .later) })
        case .reprovision:
            return reprovision { _ in }
        case .readAudit:
            return .auditRead(store.audit.read())
        case .completePath(let typed):
            return .pathCompleted(typed: typed, PathCompletion.complete(typed))
        case .saveCart(let lines):
            do throws(StoreError) { _ = try store.saveCart(lines); return .cartSaved(nil) } catch { return .cartSaved(error) }
        case .addAddress(let address):
            return .addressAdded(address, .of { () throws(StoreError) in try store.addAddress(address) })
        case .checkout(let request):
            return .checkoutFinished(key: request.idempotencyKey, .of { () throws(StoreError) in
                try Checkout.run(request, store: store, gateway: gateway, now: now())
            })
        case .copyToClipboard, .editTemplate, .useTheme, .useMouse, .resync, .quit:
            return nil
        }
    }

    /// Regenerates the provisioning files a killed process left missing or out of date (run
    /// behind the first screen; the panel says how many it fixed), a chunk at a time.
    public func recoverProvisioning(progress: (ReprovisionProgress) -> Void = { _ in }) -> Msg {
        do throws(StoreError) {
            let check = try store.reprovision(whenIdle: true, progress: progress)
            if check.migrated { return .migratedToPhoneURLs(legacyOpen: (try? store.load().data.account.legacyURL) == true) }
            return .provisioningRecovered(regenerated: check.outOfDate.count, removed: check.filesToRemove, nil)
        } catch { return .provisioningRecovered(regenerated: 0, removed: 0, error) }
    }

    /// The files a settings change left out of date, a chunk at a time (`Store.reprovision`).
    public func reprovision(progress: (ReprovisionProgress) -> Void) -> Msg {
        do throws(StoreError) {
            let check = try store.reprovision(progress: progress)
            return .reprovisioned(regenerated: check.outOfDate.count, nil)
        } catch { return .reprovisioned(regenerated: 0, error) }
    }

    /// The whole account as a message: after the first screen of a large account, and when
    /// another process saved.
    public func reload() -> Msg {
        do throws(StoreError) { return .storeChanged(try store.load()) } catch { return .storeFailed(error) }
    }
}
