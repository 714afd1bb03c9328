import Foundation
import Testing
@testable import PhoneDeskCore
@testable import PhoneDeskUI

/// Whole screens at 80×24 against Goldens/*.txt (UPDATE_GOLDENS=1 regenerates; review by eye).
struct GoldenScreenTests {
    func withBiuro() -> AccountData {
        var data = demoData()
        data.phones.append(Phone(id: 3, name: "Biuro Łódź", modelID: "yealink-t46u", mac: MACAddress(hex: "001a4d5c258d"),
                                 userExtension: "102", blfExtension: "101"))
        data.phones.append(Phone(id: 4, name: "Sala konferencyjna", modelID: "yealink-cp965", mac: nil))
        return data
    }

    @Test func phonesTable() {
        var model = makeModel(withBiuro())
        press(&model, .down)
        expectGolden("phones-table", view(model))
    }

    /// With an access log: times, waiting, never in the Status column; the selected phone's
    /// fetch in the details line. Awaiting delivery stays as it is.
    @Test func phonesTableWithFetches() {
        var model = makeModel(withBiuro())
        let utc = TimeZone(identifier: "UTC")!
        let now = Date(timeIntervalSince1970: 1_795_870_925)  // 2026-11-28 13:02:05Z
        let ids = model.data.phones.map(\.id)
        var statuses: [Int: FetchStatus] = [:]
        for (k, phone) in model.data.phones.enumerated() {
            let fetch = PhoneFetch(date: now.addingTimeInterval(-Double(k) * 3600), client: "10.0.0.\(7 + k)",
                                   agent: "Yealink SIP-T46U 108.86.0.45 80:5e:c0:11:22:33")
            statuses[phone.id] = phone.mac == nil ? .noFile : k == 0 ? .fetched(fetch) : k == 1 ? .waiting(fetch) : .never
        }
        #expect(ids.count >= 3)
        _ = update(&model, .fetchesRead(FetchDisplay.make(statuses, now: now, timeZone: utc), problem: nil))
        expectGolden("phones-fetches", view(model))
        press(&model, .char("/"))
        type(&model, "waiting")
        #expect(model.table.visible.count == 1)
    }

    @Test func phonesTableFiltered() {
        var model = makeModel(withBiuro())
        press(&model, .char("/"))
        type(&model, "5c:25:8D")
        expectGolden("phones-filter", view(model))
    }

    @Test func addPhoneWithRefusedMAC() {
        var model = makeModel()
        press(&model, .char("a"))
        type(&model, "t46u")
        press(&model, .enter, .tab)
        type(&model, "00:1a:4d:5c:25")
        press(&model, .tab)
        type(&model, "Biuro Łódź")
        expectGolden("add-phone", view(model))
    }

    @Test func addPhoneModelDropdown() {
        var model = makeModel()
        press(&model, .char("a"))
        type(&model, "yea")
        expectGolden("add-phone-dropdown", view(model))
    }

    @Test func provisioningURLWindow() {
        var model = makeModel()
        model.navigation.stack.append(AddedPhoneNotice(phone: model.data.phones[0]))
        expectGolden("provisioning-url", view(model))
    }

    @Test func editPhone() {
        var data = withBiuro()
        data.templates = [ConfigTemplate(name: "Recepcja T46U", modelID: "yealink-t46u", body: "")]
        var model = makeModel(data)
        press(&model, .end, .up, .char("e"))
        expectGolden("edit-phone", view(model))
    }

    @Test func deleteQuestion() {
        var model = makeModel()
        press(&model, .char("d"))
        expectGolden("delete-phone", view(model))
    }

    @Test func help() {
        var model = makeModel()
        press(&model, .char("?"))
        expectGolden("help-phones", view(model))
    }

    /// `i` in the help window: what an operator reads out when asking for support.
    @Test func about() {
        var model = makeModel()
        model.run = sampleRunFacts
        press(&model, .char("?"), .char("i"))
        expectGolden("about", view(model))
        // About opened over help: Esc goes back to it, then to the table.
        press(&model, .escape)
        #expect(model.helpVisible)
        press(&model, .escape)
        #expect(model.navigation.stack.isEmpty)
    }

    @Test func formHelp() {
        var model = makeModel()
        press(&model, .char("a"), .function(1))
        expectGolden("help-form", view(model))
    }

    @Test func tooSmall() {
        let model = makeModel(width: 60, height: 20)
        let canvas = view(model)
        #expect(canvas.width == 60)
        expectGolden("too-small", canvas)
    }

    @Test func emptyAccount() {
        var data = demoData()
        data.phones = []
        expectGolden("phones-empty", view(makeModel(data)))
    }
}
