import Foundation
import FoundationXML
import Testing
@testable import PhoneDeskCore

/// One phone per brand with user, BLF, background and template, against Goldens/provisioning-*.
struct ProvisioningTests {
    static let brands: [(String, String, String)] = [
        ("yealink-t46u", "805ec0112233", "local_time.time_zone = +1\naccount.1.label = Recepcja\n"),
        ("grandstream-gxp2170", "000b82aabbcc", "<config version=\"1\"><P64>1</P64><P3>Recepcja</P3></config>"),
        ("snom-d785", "000413a1b2c3", "<phone-settings><language perm=\"\">Polski</language></phone-settings>"),
        ("polycom-vvx450", "0004f2a1b2c3", "<tcpIpApp tcpIpApp.sntp.address=\"pool.ntp.org\"/>"),
        ("cisco-cp8851", "00562ba1b2c3", "<Time_Zone ua=\"na\">GMT+01:00</Time_Zone>"),
        ("fanvil-x6u", "0c383ea1b2c3", "<sip><line index=\"1\"><DisplayName>Recepcja</DisplayName></line></sip>"),
    ]

    static func account(modelID: String, mac: String, template body: String) -> (AccountData, Phone) {
        var users = DemoAccount.users()
        for i in users.indices { users[i].sipPassword = "Sip\(i)Secret-0123456789" }
        var account = DemoAccount.account(token: "Tok3nTok3nTok3nTok3n_-")
        account.hotDeskPIN = "2580"
        account.sipServer = "sip.example.com"
        account.provisioningBaseURL = "http://127.0.0.1:8080"
        let phone = Phone(id: 1, name: "Recepcja <Łódź> & \"Co\"", modelID: modelID, mac: MACAddress(hex: mac),
                          userExtension: "101", blfExtension: "102", background: "Logo", template: "Custom")
        let data = AccountData(account: account, users: users, phones: [phone],
                               backgrounds: [BackgroundImage(name: "Logo", file: "logo-abc123.png", width: 480, height: 272, bytes: 100)],
                               templates: [ConfigTemplate(name: "Custom", modelID: modelID, body: body)])
        return (data, phone)
    }

    @Test(arguments: brands)
    func matchesGolden(modelID: String, mac: String, template: String) throws {
        let (data, phone) = Self.account(modelID: modelID, mac: mac, template: template)
        let files = ProvisioningRenderer.files(for: phone, in: data)
        #expect(!files.isEmpty)
        let text = files.map { "=== \($0.name)\n\($0.contents)" }.joined()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/provisioning-\(modelID).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try text.write(to: url, atomically: false, encoding: .utf8)
        } else {
            #expect(try String(contentsOf: url, encoding: .utf8) == text, "regenerate with UPDATE_GOLDENS=1 and review")
        }
        for file in files where file.contents.hasPrefix("<?xml") {
            let parser = XMLParser(data: Data(file.contents.utf8))
            #expect(parser.parse(), "\(file.name) is not well-formed XML: \(String(describing: parser.parserError))")
        }
    }

    @Test func yealinkCarriesAccountBLFWallpaperAdminAndTemplateLast() throws {
        let (data, phone) = Self.account(modelID: "yealink-t46u", mac: "805ec0112233", template: "account.1.label = Front desk\n")
        let text = try #require(ProvisioningRenderer.files(for: phone, in: data).first).contents
        #expect(text.hasPrefix("#!version:1.0.0.1\n"))
        #expect(text.contains("linekey.2.type = 16\nlinekey.2.line = 1\nlinekey.2.value = 102\n"))
        #expect(text.contains("account.1.user_name = 101\n"))
        #expect(text.contains("account.1.password = Sip0Secret-0123456789\n"))
        #expect(text.contains("wallpaper_upload.url = http://127.0.0.1:8080/Tok3nTok3nTok3nTok3n_-/backgrounds/logo-abc123.png\n"))
        #expect(text.contains("static.security.user_password = admin:2580\n"))
        // The template's key wins and only it is left.
        #expect(text.components(separatedBy: "account.1.label").count == 2)
        #expect(text.hasSuffix("account.1.label = Front desk\n"))
    }

    @Test func phonesWithoutUserOrMACAndUnsupportedFeatures() throws {
        var (data, phone) = Self.account(modelID: "yealink-t31p", mac: "805ec0000001", template: "")
        phone.userExtension = nil
        let text = try #require(ProvisioningRenderer.files(for: phone, in: data).first).contents
        #expect(text.contains("account.1.enable = 0"))
        #expect(!text.contains("wallpaper"))  // T31P has no colour screen
        phone.mac = nil
        #expect(ProvisioningRenderer.files(for: phone, in: data).isEmpty)
        data.phones = [phone]
    }

    @Test func storeWritesRemovesAndRenamesFiles() throws {
        let temp = TempDirectory()
        let store = try Store.open(directory: temp.url)
        let token = try store.load().data.account.token
        let root = store.provisioningDirectory(token: token)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("805ec0112233.cfg").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("cfg000b82aabbcc.xml").path))
        #expect(temp.mode("provisioning") == 0o700)
        let added = try store.apply(.add(NewPhone(name: "S", modelID: "snom-d717", mac: MACAddress(hex: "000413000001")))).get()
        let snom = root.appendingPathComponent("snomD717-000413000001.htm")
        #expect(FileManager.default.fileExists(atPath: snom.path))
        var edit = PhoneEdit(try #require(added.data.phone(id: 3)))
        edit.mac = MACAddress(hex: "000413000002")
        _ = try store.apply(.update(id: 3, baseRevision: 1, edit)).get()
        #expect(!FileManager.default.fileExists(atPath: snom.path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("snomD717-000413000002.htm").path))
        _ = try store.apply(.delete(id: 3, baseRevision: 2)).get()
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("snomD717-000413000002.htm").path))
        // A PIN change reaches every phone's file.
        _ = try store.apply(.setAccountSettings(pin: "2580", sipServer: "sip.phonedesk.example",
                                                provisioningBaseURL: "https://provisioning.phonedesk.example")).get()
        let yealink = try String(contentsOf: root.appendingPathComponent("805ec0112233.cfg"), encoding: .utf8)
        #expect(yealink.contains("admin:2580"))
    }
}
