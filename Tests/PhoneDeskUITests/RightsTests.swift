import Foundation
import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// An operator's roles in the panel: refused keys say why and change nothing; what a viewer may
/// do (filter, inspect, copy URLs, orders) still works.
struct RightsTests {
    func viewer(_ roles: [OperatorRole] = [.view]) -> AppModel {
        var model = makeModel()
        model.run.rights = Rights(roles)
        return model
    }

    @Test func viewerIsRefusedEditingWithTheReason() {
        var model = viewer()
        for key: Key in [.char("e"), .enter, .char("a"), .char("d"), .char("R")] {
            let effects = press(&model, key)
            #expect(effects.isEmpty && model.navigation.stack.isEmpty)
            #expect(model.status?.text == "your role is view: editing needs edit")
        }
        press(&model, .char("s"))
        #expect(model.status?.text == "your role is view: administration needs admin" && model.settings == nil)
    }

    @Test func viewerMayFilterInspectCopyAndReadOrders() {
        var model = viewer()
        press(&model, .char("v"))
        #expect(model.navigation.open(InspectorFeature.self) != nil)
        press(&model, .escape, .char("o"))
        #expect(model.ordersScreen != nil)
        press(&model, .escape, .char("/"))
        type(&model, "recep")
        #expect(model.table.visible.count == 1)
        press(&model, .escape, .escape, .char("c"))
        #expect(model.status?.text.hasPrefix("your role") != true)
    }

    /// The inspector masks the SIP password and PIN; only an editor may show them.
    @Test func viewerInspectsWithTheSecretsMasked() {
        var model = viewer()
        press(&model, .char("v"), .char("s"))
        #expect(model.status?.text == "your role is view: editing needs edit")
        #expect(model.navigation.open(InspectorFeature.self)?.reveal == false)
        // Said in the window, whose frame covers the status line.
        #expect(render(view(model)).contains("masked: showing them needs edit"))
        var editor = viewer([.edit])
        press(&editor, .char("v"), .char("s"))
        #expect(editor.navigation.open(InspectorFeature.self)?.reveal == true)
    }

    /// An admin's change reaches an open panel: a role taken away closes what is open (secrets
    /// shown, a form that can no longer be saved) and the keys follow; removed, the panel stops.
    @Test func rolesChangedByAnAdminReachTheOpenPanel() {
        var model = viewer([.edit])
        press(&model, .char("v"), .char("s"))
        #expect(model.navigation.open(InspectorFeature.self)?.reveal == true)
        _ = update(&model, .rightsChanged(Rights([.view])))
        #expect(model.navigation.stack.isEmpty && model.run.rights == Rights([.view]))
        #expect(model.status?.text == "An admin changed your roles: they are now view.")
        press(&model, .char("e"))
        #expect(model.editForm == nil && model.status?.text == "your role is view: editing needs edit")
        // A role given opens nothing and closes nothing.
        press(&model, .char("v"))
        _ = update(&model, .rightsChanged(Rights([.view, .buy])))
        #expect(model.navigation.open(InspectorFeature.self) != nil)
        let effects = update(&model, .rightsChanged(nil))
        #expect(model.done && model.fatal == "An admin removed you from this account; the panel has closed.")
        #expect(effects.contains { if case .quit = $0 { return true } else { return false } })
    }

    @Test func editorMayEditButNotOpenSettings() {
        var model = viewer([.edit, .buy])
        press(&model, .char("e"))
        #expect(model.editForm != nil)
        press(&model, .escape, .char("s"))
        #expect(model.status?.text == "your roles are edit, buy: administration needs admin")
    }

    @Test func viewerMayBrowseTheShopButNotCheckOut() {
        var model = viewer()
        press(&model, .char("b"))
        #expect(model.shop != nil)
        press(&model, .char("c"))
        #expect(model.checkout == nil && model.status?.text == "your role is view: paying needs buy")
        var buyer = viewer([.buy])
        press(&buyer, .char("b"), .char("c"))
        #expect(buyer.status?.text.hasPrefix("your role") != true)
    }

    @Test func keyBarAndHelpMarkWhatTheRoleCannotUse() {
        var model = viewer()
        let bar = footerItems(model)
        #expect(bar.first { $0.key == .char("e") }?.refused == true)
        #expect(bar.first { $0.key == .char("/") }?.refused == false)
        press(&model, .char("?"))
        let help = render(view(model))
        #expect(help.contains("×e Enter F4") && help.contains("(needs edit)"))
        #expect(Localizer.tr("your role is view: editing needs edit", .pl) == "twoja rola to view: edycja wymaga roli edit")
    }

    @Test func refusedGolden() {
        var model = viewer()
        press(&model, .char("e"))
        expectGolden("refused-edit", view(model))
    }
}
