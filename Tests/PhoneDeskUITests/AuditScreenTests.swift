import Foundation
import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// The audit log screen: `L` opens it and asks for the log; newest first; `/` narrows; Esc back.
struct AuditScreenTests {
    static let contents = AuditLog.Contents(entries: [
        AuditEntry(time: "2026-11-29T22:41:07Z", who: "editor", client: "127.0.0.1", action: "phone.edit", objectID: "1", objectName: "Recepcja",
                   fields: [AuditField(field: "blf", before: "102", after: nil)]),
        AuditEntry(time: "2026-11-29T22:40:00Z", who: "local", client: nil, action: "settings.account", objectName: "Demo account",
                   fields: [AuditField(field: "hotDeskPIN", before: nil, after: nil, secret: true),
                            AuditField(field: "sipServer", before: "sip.phonedesk.example", after: "sip2.phonedesk.example")]),
        AuditEntry(time: "2026-11-29T22:39:12Z", who: "admin", client: "10.0.0.7", action: "operator.add", objectName: "editor",
                   fields: [AuditField(field: "roles", before: nil, after: "[\"edit\",\"buy\"]")]),
    ], damaged: [])

    @Test func opensReadsFiltersAndGoesBack() {
        var model = makeModel()
        let effects = press(&model, .char("L"))
        #expect(effects == [.readAudit])
        #expect(render(view(model)).contains("Reading the audit log…"))
        _ = update(&model, .auditRead(Self.contents))
        let screen = render(view(model))
        #expect(screen.contains("editor") && screen.contains("blf: 102 → —"))
        expectGolden("audit-log", view(model))
        press(&model, .char("/"))
        type(&model, "sip2")
        #expect(model.navigation.open(AuditFeature.self)?.shown.map(\.action) == ["settings.account"])
        #expect(render(view(model)).contains("hotDeskPIN: changed"))
        press(&model, .enter, .escape)
        #expect(model.navigation.open(AuditFeature.self) == nil)
    }

    /// Enter shows the selected change whole, every field on its own line; Esc goes back.
    @Test func enterShowsTheWholeChange() {
        var model = makeModel()
        press(&model, .char("L"))
        _ = update(&model, .auditRead(AuditLog.Contents(entries: [
            AuditEntry(time: "2026-11-29T22:40:00Z", who: "admin", client: "192.0.2.7", action: "operator.add", objectName: "anna",
                       fields: [AuditField(field: "comment", before: nil, after: "anna@laptop"),
                                AuditField(field: "key", before: nil, after: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnNnKlpx+dh9w6DtEzPAXgemp2Ns9elc27fyxLztyRa"),
                                AuditField(field: "roles", before: nil, after: "[\"edit\",\"buy\"]")],
                       failed: "authorized_keys: cannot create: Operation not permitted"),
        ], damaged: [])))
        press(&model, .enter)
        #expect(model.navigation.open(AuditEntryFeature.self) != nil)
        expectGolden("audit-entry", view(model))
        press(&model, .escape)
        #expect(model.navigation.open(AuditEntryFeature.self) == nil && model.navigation.open(AuditFeature.self) != nil)
    }

    @Test func viewerMayReadTheLog() {
        var model = makeModel()
        model.run.rights = Rights([.view])
        #expect(press(&model, .char("L")) == [.readAudit])
    }

    @Test func tornLineIsReported() {
        var model = makeModel()
        press(&model, .char("L"))
        _ = update(&model, .auditRead(AuditLog.Contents(entries: [], damaged: [AuditLog.Damage("audit.jsonl line 7", .torn)])))
        #expect(model.status?.text == "Ignored audit.jsonl line 7: cut short, most likely by a crash while it was written")
        #expect(render(view(model)).contains("No changes recorded yet."))
    }
}
