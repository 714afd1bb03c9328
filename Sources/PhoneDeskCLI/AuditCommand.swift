import Foundation
import PhoneDeskCore

/// `phonedesk audit`: who changed what, newest first (docs/data.md "Audit log").
enum AuditCommand {
    static func run(_ words: [String], environment: [String: String], console: inout Console) -> Int32 {
        if words == ["-h"] { return CLI.usage(&console, Help.audit, status: ExitCode.success) }
        return CLI.withStore(words, help: Help.audit, environment: environment,
                             .init(valued: ["since", "operator", "phone"], switches: ["json"]), recover: false, &console) { store, a, console in
            var since: String?
            if let text = a.values["since"] {
                // A day ("2026-11-29") or a moment ("2026-11-29T22:00:00Z"); compared as text, both being UTC ISO 8601.
                guard text.count >= 10, UTCTimestamp(iso8601: text.count == 10 ? text + "T00:00:00Z" : text) != nil else {
                    throw Arguments.UsageError(message: "--since takes a UTC date (2026-11-29) or time (2026-11-29T22:00:00Z), not \(text)")
                }
                since = text.count == 10 ? text + "T00:00:00Z" : text
            }
            let contents = store.audit.read()
            for damage in contents.damaged { console.error("warning: ignored \(damage.description)") }
            let entries = contents.entries.filter { entry in
                (since.map { entry.time >= $0 } ?? true)
                    && (a.values["operator"].map { entry.who == $0 } ?? true)
                    && (a.values["phone"].map { entry.objectID == $0 && entry.action.hasPrefix("phone.") } ?? true)
            }
            if a.flags.contains("json") {
                console.printLines(try CLI.json(entries))
            } else {
                console.print(CLI.pad(["TIME", "OPERATOR", "CLIENT", "ACTION", "OBJECT", "CHANGES"], [20, 12, 15, 18, 20, 10]))
                for entry in entries {
                    let object = [entry.objectID, entry.objectName].compactMap { $0 }.joined(separator: " ")
                    console.print(CLI.pad([entry.time, entry.who, entry.client ?? "-",
                                           entry.failed == nil ? entry.action : entry.action + " (not made)", object,
                                           entry.summaries().joined(separator: "; ")], [20, 12, 15, 18, 20, 10]))
                }
            }
            return ExitCode.success
        }
    }
}
