import PhoneDeskCore
import PhoneDeskEffects
import PhoneDeskUI

/// `phones resync ID…|--filter EXPR`: a SIP NOTIFY to each phone's user through the account's
/// SIP server, one line per phone as its answer comes. Exit 0 only when every phone said 200.
enum ResyncCommand {
    static func run(_ words: [String], environment: [String: String], _ console: inout Console) -> Int32 {
        CLI.withStore(words, help: Help.phonesResync, environment: environment,
                      .init(valued: ["filter", "timeout"], anyPositional: true), &console) { store, a, console in
            var resyncer = SIPResyncer()
            if let text = a.values["timeout"] {
                // Seconds, as timer F: 32 is RFC 3261's; less only makes sense on a quiet LAN or in tests.
                // A millisecond is the transaction's clock: less would be no wait at all.
                guard let seconds = Double(text), seconds >= 0.001, seconds <= 32 else {
                    throw Arguments.UsageError(message: "--timeout takes seconds, 0.001 to 32 (RFC 3261's timer F); got \(text)")
                }
                resyncer.timeout = Int(seconds * 1_000)
            }
            let data = try store.load().data
            guard let phones = try PhonesCommand.named(a, in: data, "resync", &console) else { return ExitCode.failure }
            let plan = ResyncPlan(phones: phones)
            for (phone, reason) in plan.refused { console.error("phone \(phone.id) \(ResyncPlan.refusal(phone, reason))") }
            guard !plan.targets.isEmpty else { return ExitCode.failure }
            let server = data.account.sipServer
            let summary = resyncer.run(plan.targets, serverSetting: server) { report in
                if case .answered(let target, let outcome) = report {
                    console.print("\(target.phoneID) \"\(target.name)\" (\(target.extensionNumber)): \(outcome.text)")
                }
            }
            if summary.malformed > 0 {
                console.error("note: \(Plural.count(summary.malformed, "malformed SIP response", "malformed SIP responses")) ignored")
            }
            if summary.unmatched > 0 {
                console.error("note: \(Plural.count(summary.unmatched, "SIP response", "SIP responses")) for no NOTIFY of this resync ignored")
            }
            let allOK = plan.refused.isEmpty && plan.targets.allSatisfy { summary.outcomes[$0.phoneID]?.isOK == true }
            return allOK ? ExitCode.success : ExitCode.failure
        }
    }
}
