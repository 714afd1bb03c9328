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
                          userExtension: "101", blfExtension: "102", background: "Logo", template: "Custom",
                          secret: "0123456789abcdef0123456789abcdef")
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
        // The old account URL's files for this phone: only the move to its own URL.
        let bridge = ProvisioningRenderer.bridgeFiles(for: phone, in: data)
        let bridgeText = bridge.map { "=== \($0.name)\n\($0.contents)" }.joined()
        let bridgeURL = url.deletingLastPathComponent().appendingPathComponent("bridge-\(modelID).txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try bridgeText.write(to: bridgeURL, atomically: false, encoding: .utf8)
        } else {
            #expect(try String(contentsOf: bridgeURL, encoding: .utf8) == bridgeText, "regenerate with UPDATE_GOLDENS=1 and review")
        }
        #expect(!bridgeText.contains("Sip0Secret") && !bridgeText.contains("2580") && bridgeText.contains("0123456789abcdef0123456789abcdef"))
        for file in files + bridge where file.contents.hasPrefix("<?xml") {
            let parser = XMLParser(data: Data(file.contents.utf8))
            #expect(parser.parse(), "\(file.name) is not well-formed XML: \(String(describing: parser.parserError))")
        }
    }

    /// One key of each type (Grandstream's multi-purpose keys: the types phonedesk writes for them) on the phone and,
    /// for a model that takes sidecars, keys on the second sidecar: Goldens/provisioning-keys-*.
    @Test(arguments: brands)
    func keysMatchGolden(modelID: String, mac: String, template: String) throws {
        var (data, phone) = Self.account(modelID: modelID, mac: mac, template: "")
        phone.background = nil
        phone.template = nil
        let model = try #require(phone.model)
        var layout = phone.layout  // the seed's BLF on key 2, unchanged
        if model.brand == .grandstream && model.id != "grandstream-gxp2170" {
            layout.set(PhoneKey(number: 3, type: .speedDial, value: "+48221234567", label: "Biuro; \"Łódź\""))
            layout.set(PhoneKey(number: 4, type: .callPark, value: "701"))
        } else {
            layout.set(PhoneKey(number: 1, type: .line))
            layout.set(PhoneKey(number: 3, type: .speedDial, value: "+48221234567", label: "Biuro; \"Łódź\""))
            layout.set(PhoneKey(number: 4, type: .callPark, value: "701"))
            layout.set(PhoneKey(number: 5, type: .dnd, label: "DND"))
            // An explicit empty key, no label: written so the vendor's default there goes.
            layout.set(PhoneKey(number: 6, type: .none))
            if model.id == "grandstream-gxp2170" {
                // A fixed key past 6 (P23800 on) and a dynamic one (13-48: their own mode numbers).
                layout.set(PhoneKey(number: 7, type: .callPark, value: "702"))
                layout.set(PhoneKey(number: 13, type: .blf, value: "103"))
                layout.set(PhoneKey(number: 48, type: .dnd))
            }
        }
        if let module = model.expansionModule {
            layout.sidecars = 2
            layout.set(PhoneKey(number: model.lineKeys + module.keys + 1, type: .blf, value: "103"))
            layout.set(PhoneKey(number: model.lineKeys + module.keys + 2, type: .speedDial, value: "*97", label: "Poczta"))
        }
        #expect(KeyRules.problem(with: layout, model: model, extensions: Set(data.users.map(\.extensionNumber))) == nil)
        phone.setLayout(layout)
        data.phones = [phone]
        let files = ProvisioningRenderer.files(for: phone, in: data)
        let text = files.map { "=== \($0.name)\n\($0.contents)" }.joined()
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/provisioning-keys-\(modelID).txt")
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
        #expect(text.contains("wallpaper_upload.url = http://127.0.0.1:8080/0123456789abcdef0123456789abcdef/logo-abc123.png\n"))
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
        #expect(FileManager.default.fileExists(atPath: try store.phoneDirectory(ofMAC: "805ec0112233").appendingPathComponent("805ec0112233.cfg").path))
        #expect(FileManager.default.fileExists(atPath: try store.phoneDirectory(ofMAC: "000b82aabbcc").appendingPathComponent("cfg000b82aabbcc.xml").path))
        #expect(temp.mode("provisioning") == 0o700)
        let added = try store.apply(.add(NewPhone(name: "S", modelID: "snom-d717", mac: MACAddress(hex: "000413000001")))).get()
        let root = try store.phoneDirectory(of: try #require(added.data.phone(id: 3)))
        let snom = root.appendingPathComponent("snomD717-000413000001.htm")
        #expect(FileManager.default.fileExists(atPath: snom.path))
        var edit = PhoneEdit(try #require(added.data.phone(id: 3)))
        edit.mac = MACAddress(hex: "000413000002")
        _ = try store.apply(.update(id: 3, baseRevision: 1, edit)).get()
        #expect(!FileManager.default.fileExists(atPath: snom.path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("snomD717-000413000002.htm").path))
        _ = try store.apply(.delete(id: 3, baseRevision: 2)).get()
        #expect(!FileManager.default.fileExists(atPath: root.path))
        // A PIN change reaches every phone's file.
        _ = try store.apply(.setAccountSettings(pin: "2580", sipServer: "sip.phonedesk.example",
                                                provisioningBaseURL: "https://provisioning.phonedesk.example")).get()
        let yealink = try String(contentsOf: try store.phoneDirectory(ofMAC: "805ec0112233").appendingPathComponent("805ec0112233.cfg"), encoding: .utf8)
        #expect(yealink.contains("admin:2580"))
    }
}

/// The account token names a directory: only the 22-character URL-safe shape may become a path.
struct ProvisioningTokenTests {
    @Test func accountTokenShape() {
        #expect(Secrets.isAccountToken("Tok3nTok3nTok3nTok3n_-"))
        #expect(Secrets.isAccountToken(Secrets.accountToken()))
        for bad in ["", "../..", "..", "/", "Tok3nTok3nTok3nTok3n_", "Tok3nTok3nTok3nTok3n_-x", "Tok3nTok3nTok3n/ok3n_-",
                    "Tok3nTok3nTok3nTok3n.-", "Tok3nTok3nTok3nTok3ń_", "Tok3nTok3nTok3nTok3n\u{0}-", "../../../../../../etc"] {
            #expect(!Secrets.isAccountToken(bad), "\(bad.debugDescription)")
        }
    }

    @Test func theTreeRefusesATokenThatIsNotAToken() throws {
        let provisioner = Provisioner(dataDirectory: URL(fileURLWithPath: "/tmp/data"))
        var account = DemoAccount.account(token: "../..")
        #expect(throws: StoreError.self) { try provisioner.legacyRoot(account) }
        account.token = ""
        #expect(throws: StoreError.self) { try provisioner.tree(account) }
        account.token = "Tok3nTok3nTok3nTok3n_-"
        #expect(try provisioner.legacyRoot(account).path == "/tmp/data/provisioning/Tok3nTok3nTok3nTok3n_-")
    }

    /// Was: `"token": "../.."` in account.json made `phonedesk provision` delete files in the data
    /// directory's parent.
    @Test func provisionWithADotDotTokenTouchesNothingOutside() throws {
        let temp = TempDirectory()
        let directory = temp.file("data")
        _ = try Store.open(directory: directory)
        let outside = temp.file("operator-notes.txt")
        try Data("keep me".utf8).write(to: outside)
        let accountURL = directory.appendingPathComponent("account.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: accountURL)) as? [String: Any])
        var account = try #require(json["account"] as? [String: Any])
        account["token"] = "../.."
        json["account"] = account
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: accountURL)
        #expect(throws: StoreError.self) { try Store(directory: directory).provisionAll() }
        #expect(FileManager.default.fileExists(atPath: outside.path))
        #expect(FileManager.default.fileExists(atPath: accountURL.path))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("phones.json").path))
    }
}

/// Every value placed in a vendor file is escaped or refused by that format's rules.
struct ProvisioningEscapingTests {
    static let hostileNames = [
        "Bob;sub=999@evil.example;fnc=sd",
        "Eve\nstatic.security.user_password = admin:0000",
        "Eve\r\naccount.1.password = x",
        "Mal" + nonchar(0xFFFF) + "lo" + nonchar(0xFFFE) + "ry\u{1}\u{0}\u{7F}\u{85}" + nonchar(0xFDD0) + nonchar(0x10FFFF),
        "<&\"'>]]><!-- --><?x?>",
        "Cost $PROXY, $PWD + more=1",
    ]

    /// U+FFFF and friends cannot be written as literals in Swift source.
    static func nonchar(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }

    static let cases: [(String, String)] = ProvisioningTests.brands.map { ($0.0, $0.1) } + [("cisco-spa504g", "00562ba1b2c4")]

    /// The brand's phone with its user and the BLF user both named `name`.
    static func files(modelID: String, mac: String, name: String) -> [ProvisioningFile] {
        var (data, phone) = ProvisioningTests.account(modelID: modelID, mac: mac, template: "")
        for i in data.users.indices where ["101", "102"].contains(data.users[i].extensionNumber) { data.users[i].name = name }
        phone.name = name
        phone.template = nil
        data.phones = [phone]
        return ProvisioningRenderer.files(for: phone, in: data)
    }

    static func elements(_ tags: [XMLTag]) -> [XMLTag] { tags.flatMap { [$0] + elements($0.elements) } }

    @Test(arguments: cases, hostileNames)
    func hostileUserNameCannotBreakOrExtendAFile(model: (String, String), name: String) throws {
        let files = Self.files(modelID: model.0, mac: model.1, name: name)
        #expect(!files.isEmpty)
        for file in files {
            let forbidden = file.contents.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || !XMLText.allowed($0) && $0 != "\n" && $0 != "\t"
            }
            #expect(forbidden.isEmpty, "\(file.name) holds \(forbidden.map { String($0.value, radix: 16) })")
            if file.contents.hasPrefix("<?xml") {
                let parser = XMLParser(data: Data(file.contents.utf8))
                #expect(parser.parse(), "\(file.name) is not well-formed XML: \(String(describing: parser.parserError))\n\(file.contents)")
                let roots = try XMLFragmentParser.parse(file.contents).get()
                for element in Self.elements(roots) where element.name.hasPrefix("Extended_Function_") {
                    // Exactly the three fields phonedesk writes; the label is only a label.
                    let fields = element.text.split(separator: ";").map { String($0.split(separator: "=", maxSplits: 1)[0]) }
                    #expect(fields == ["fnc", "sub", "nme"], "\(element.text)")
                    #expect(element.text.hasPrefix("fnc=blf+sd+cp;sub=102@sip.example.com;nme="))
                    #expect(!element.text.contains("$") && element.text.components(separatedBy: "=").count == 4)
                }
            } else {
                // key = value: one setting per line, each key one phonedesk writes, each once.
                let lines = file.contents.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                var keys: [String] = []
                for line in lines where !line.hasPrefix("#") {
                    let key = String(line.split(separator: " = ", maxSplits: 1)[0])
                    #expect(TemplateSyntax.isKey(key), "\(line)")
                    keys.append(key)
                }
                #expect(Set(keys).count == keys.count, "a key appears twice: \(keys)")
                #expect(keys.filter { $0.hasPrefix("static.") } == ["static.security.user_password"])
                #expect(file.contents.contains("static.security.user_password = admin:2580\n"))
                #expect(file.contents.contains("account.1.password = Sip0Secret-0123456789\n") || !keys.contains("account.1.password"))
            }
        }
    }

    @Test func ciscoLabelKeepsItsWordsWithoutSeparators() throws {
        let files = Self.files(modelID: "cisco-cp8851", mac: "00562ba1b2c3", name: "Bob;sub=999@evil.example;fnc=sd")
        let text = try #require(files.first).contents
        #expect(text.contains("fnc=blf+sd+cp;sub=102@sip.example.com;nme=Bob sub 999@evil.example fnc sd</Extended_Function_2_>"))
    }

    @Test func grandstreamDropsNoncharacters() throws {
        let files = Self.files(modelID: "grandstream-gxp2170", mac: "000b82aabbcc", name: "Ann" + Self.nonchar(0xFFFF) + "a")
        let text = try #require(files.first).contents
        #expect(text.contains("<P270>Anna</P270>"))
    }

    @Test func yealinkValueStaysOnItsLine() throws {
        let files = Self.files(modelID: "yealink-t46u", mac: "805ec0112233", name: "Eve\nstatic.security.user_password = admin:0000")
        let text = try #require(files.first).contents
        #expect(text.contains("account.1.label = Evestatic.security.user_password = admin:0000\n"))
        #expect(!text.contains("\nstatic.security.user_password = admin:0000"))
    }

    /// A hand-edited templates.json is not checked on load: a template nested too deep does not
    /// parse, so the file is rendered without it (3,000 levels used to overflow the stack).
    @Test func handEditedTemplateNestedTooDeepIsLeftOut() throws {
        let deep = "<config>" + String(repeating: "<a>", count: 3000) + "x" + String(repeating: "</a>", count: 3000) + "</config>"
        let (data, phone) = ProvisioningTests.account(modelID: "grandstream-gxp2170", mac: "000b82aabbcc", template: deep)
        let text = try #require(ProvisioningRenderer.files(for: phone, in: data).first).contents
        #expect(text.contains("<P35>101</P35>"))
        #expect(!text.contains("<a>"))
    }

    @Test func handEditedTemplateKeysThatAreNotKeysAreSkipped() throws {
        let (data, phone) = ProvisioningTests.account(modelID: "yealink-t46u", mac: "805ec0112233",
                                                      template: "good.key = 1\nbad key\r = 2\nstatic.x\u{0} = 3\n")
        let text = try #require(ProvisioningRenderer.files(for: phone, in: data).first).contents
        #expect(text.contains("good.key = 1\n"))
        #expect(!text.contains("bad") && !text.contains("static.x"))
    }
}
