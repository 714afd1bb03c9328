import Foundation
import Testing
import PhoneDeskCore
import PhoneDeskEffects
import PhoneDeskUI

/// The key-layout editor's stale save against a real store: another process saves the same
/// phone's keys while the editor is open; Ctrl-S merges, and the second Ctrl-S keeps both.
struct KeyLayoutStaleSaveTests {
    let scratch = Scratch()

    @Test func aStaleKeySaveMergesAndNeverRevertsTheirKey() throws {
        let store = try Store.open(directory: scratch.url)
        let effects = StoreEffects(store: store, gateway: SandboxGateway())
        var model = AppModel(data: try store.load().data, size: TermSize(width: 80, height: 24))
        func press(_ keys: Key...) {
            var pending: [Effect] = []
            for key in keys { pending += update(&model, .key(key)) }
            while !pending.isEmpty {
                let effect = pending.removeFirst()
                if let result = effects.perform(effect) { pending += update(&model, result) }
            }
        }
        func type(_ text: String) { for c in text { press(.char(c)) } }
        // This operator: key 3, a speed dial.
        press(.char("k"), .char("a"), .ctrl("u")); type("3")
        press(.tab, .enter); type("speed"); press(.enter, .tab); type("600"); press(.ctrl("s"))
        // Another operator (another process): key 5, DND.
        let phone = try #require(try store.load().data.phone(id: 1))
        var theirs = PhoneEdit(phone)
        var layout = phone.layout
        layout.set(PhoneKey(number: 5, type: .dnd))
        theirs.setLayout(layout)
        _ = try store.apply(.update(id: 1, baseRevision: phone.revision, theirs)).get()
        // Our save is stale: nothing saved, their key comes into the list.
        press(.ctrl("s"))
        #expect(model.status?.text == "Another operator changed this phone's keys meanwhile: see the list.")
        #expect(try store.load().data.phone(id: 1)?.layout.key(3) == nil)
        // The second save keeps both.
        press(.ctrl("s"))
        let saved = try #require(try store.load().data.phone(id: 1))
        #expect(saved.layout.keys == [PhoneKey(number: 2, type: .blf, value: "102"), PhoneKey(number: 3, type: .speedDial, value: "600"),
                                      PhoneKey(number: 5, type: .dnd)])
        #expect(saved.revision == phone.revision + 2)
        #expect(model.status?.text == "Saved the keys of \"Recepcja\".")
    }
}
