import Foundation
import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// Issue 11 item 4 in the panel: a setting every phone depends on saves at once, the files
/// follow as their own effect with progress on the status line, and typing goes on meanwhile.
struct ReprovisionProgressTests {
    @Test func aSettingsSaveThatTouchesEveryPhoneStartsTheRegenerationWithProgress() {
        var model = makeModel()
        let change = SettingsChange.setAccountSettings(pin: "8042", sipServer: nil, provisioningBaseURL: nil)
        var outcome = SettingsOutcome(data: model.data, warning: nil)
        outcome.regenerating = true
        let effects = update(&model, .settingsFinished(change, .saved(outcome)))
        #expect(effects.contains(.reprovision))
        #expect(model.status?.text == "Saved; updating the phones' provisioning files…")

        _ = update(&model, .reprovisionProgress(ReprovisionProgress(done: 41_000, total: 100_000)))
        #expect(view(model).lines[22].contains("Re-provisioning 41,000 of 100,000 phones…"))
        // The panel stays usable meanwhile: keys move the selection, and the progress stays.
        press(&model, .down)
        #expect(model.selectedPhone?.id == model.data.phones[1].id)
        #expect(view(model).lines[22].contains("Re-provisioning 41,000 of 100,000 phones…"))
        _ = update(&model, .reprovisioned(regenerated: 100_000, nil))
        #expect(model.status?.text == "Provisioning files of 100000 phones updated." && model.status?.kind == .success)
        _ = update(&model, .reprovisioned(regenerated: 0, .io(path: "/srv/x", detail: "disk full")))
        #expect(model.status?.kind == .warning && model.status?.text.contains("disk full") == true)
    }

    @Test func aSaveOfAFewPhonesNeedsNoSeparateRegeneration() {
        var model = makeModel()
        let change = SettingsChange.setTemplateBody(name: "x", body: "")
        let effects = update(&model, .settingsFinished(change, .saved(SettingsOutcome(data: model.data, warning: nil))))
        #expect(!effects.contains(.reprovision))
    }

    @Test func progressReadsInPolishWithGroupedThousands() {
        var model = makeModel()
        model.language = .pl
        _ = update(&model, .reprovisionProgress(ReprovisionProgress(done: 41_000, total: 100_000)))
        let text = model.t(StatusMessage.progress(model.reprovisioning ?? ReprovisionProgress(done: 0, total: 0)).text)
        #expect(text == "Ponowne generowanie plików provisioningu: 41\u{00A0}000 z 100\u{00A0}000 telefonów…", "\(text)")
    }
}
