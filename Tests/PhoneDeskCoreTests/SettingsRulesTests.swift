import Foundation
import Testing
@testable import PhoneDeskCore
#if canImport(Glibc)
import Glibc
#endif

struct PINTests {
    @Test(arguments: ["2580", "1357", "9021", "0000000000000001", "4711", "13579246"])
    func accepts(pin: String) { #expect(PINRules.check.run(pin) == nil) }

    @Test(arguments: [
        ("", "Enter the new PIN."),
        ("12a4", "Digits only (0-9)."),
        ("12 34", "Digits only (0-9)."),
        ("١٢٣٤", "Digits only (0-9)."),
        ("258", "Use 4 to 16 digits; this has 3."),
        ("25802580258025802", "Use 4 to 16 digits; this has 17."),
        ("1111", "Too easy to guess: one digit repeated."),
        ("000000", "Too easy to guess: one digit repeated."),
        ("1234", "Too easy to guess: an ascending run like 1234."),
        ("0123456789", "Too easy to guess: an ascending run like 1234."),
        ("7890", "Too easy to guess: an ascending run like 1234."),
        ("4321", "Too easy to guess: a descending run like 4321."),
        ("9876543210", "Too easy to guess: a descending run like 4321."),
    ])
    func refuses(pin: String, message: String) { #expect(PINRules.check.run(pin) == message) }

    @Test func confirmationMustMatch() {
        #expect(PINRules.confirmation(of: "2580").run("2580") == nil)
        #expect(PINRules.confirmation(of: "2580").run("2581") != nil)
    }

    @Test(arguments: [("sip.example.com", true), ("10.0.0.5:5060", true), ("pbx", true), ("", false),
                      ("bad host", false), ("h:99999", false), ("-x.com", false),
                      // A sign or leading zero in the port, an address of five numbers or one past 255.
                      ("localhost:+5060", false), ("127.0.0.1:05060", false), ("1.2.3.4.5", false), ("10.0.0.256", false),
                      ("010.0.0.1", false), ("0.0.0.0", false), ("255.255.255.255", false), ("sip1.example.com:5061", true), ("123", false),
                      ("0x7f000001", false), ("0x7f.0.0.1", false), ("1e3.1.1.1", false), ("pbx.0xdead.example", true), ("cafe.example", true)])
    func sipServer(host: String, ok: Bool) { #expect((AccountSettingsRules.sipServer.run(host) == nil) == ok) }

    @Test(arguments: [("https://prov.example.com", true), ("http://127.0.0.1:8080/p", true), ("ftp://x", false),
                      ("https://", false), ("https://x.com/?a=1", false), ("prov.example.com", false)])
    func baseURL(url: String, ok: Bool) { #expect((AccountSettingsRules.provisioningBaseURL.run(url) == nil) == ok) }
}

/// Small valid image headers, built by hand.
enum SampleImages {
    static func png(width: Int, height: Int) -> [UInt8] {
        func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 6, 0, 0, 0, 0, 0, 0, 0] + [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    }

    static func jpeg(width: Int, height: Int) -> [UInt8] {
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 255), UInt8(width >> 8), UInt8(width & 255), 3,
               1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1] + [0xFF, 0xD9]
    }

    static func bmp(width: Int, height: Int) -> [UInt8] {
        func le(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        return Array("BM".utf8) + le(54) + [0, 0, 0, 0] + le(54) + le(40) + le(Int32(width)) + le(Int32(height)) + [1, 0, 24, 0]
            + Array(repeating: 0, count: 24)
    }
}

struct ImageProbeTests {
    @Test func readsPixelSizesByContent() {
        #expect(ImageProbe.inspect(SampleImages.png(width: 480, height: 272)) == .success(.init(format: .png, width: 480, height: 272)))
        #expect(ImageProbe.inspect(SampleImages.jpeg(width: 800, height: 480)) == .success(.init(format: .jpeg, width: 800, height: 480)))
        #expect(ImageProbe.inspect(SampleImages.bmp(width: 320, height: -240)) == .success(.init(format: .bmp, width: 320, height: 240)))
    }

    @Test(arguments: [
        (Array("hello, I am text named logo.png".utf8), ImageProbe.Problem.notAnImage),
        ([], .notAnImage),
        (Array(SampleImages.png(width: 1, height: 1).prefix(20)), .truncated(.png)),
        (SampleImages.png(width: 0, height: 10), .badSize(.png)),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0x00], .truncated(.jpeg)),
        (Array(SampleImages.bmp(width: 2, height: 2).prefix(20)), .truncated(.bmp)),
    ])
    func refuses(bytes: [UInt8], problem: ImageProbe.Problem) {
        #expect(ImageProbe.inspect(bytes) == .failure(problem))
    }
}

struct BackgroundUploadTests {
    let temp = TempDirectory()

    func store() throws -> Store { try Store.open(directory: temp.url) }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = temp.url.appendingPathComponent("in").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    func refusal(_ change: SettingsChange, _ store: Store) throws -> String? {
        if case .failure(let rejection) = try store.apply(change) { return rejection.message }
        return nil
    }

    @Test func uploadsAPNGIntoTheProvisioningTree() throws {
        let store = try store()
        let path = try file("logo.png", SampleImages.png(width: 480, height: 272))
        let outcome = try store.apply(.addBackground(name: "Logo firmy", path: path)).get()
        let image = try #require(outcome.data.backgrounds.first)
        #expect(image.width == 480 && image.height == 272)
        #expect(image.file.hasPrefix("logo-firmy-") && image.file.hasSuffix(".png"))
        let served = try store.servedDirectory().appendingPathComponent(".images/\(image.file)")
        #expect(try Data(contentsOf: served) == Data(SampleImages.png(width: 480, height: 272)))
    }

    @Test func refusesWhatIsNotAnImage() throws {
        let store = try store()
        #expect(try refusal(.addBackground(name: "x", path: file("fake.png", Array("text".utf8))), store)?.contains("Not a PNG") == true)
        #expect(try refusal(.addBackground(name: "x", path: temp.url.path + "/nope.png"), store)?.hasPrefix("No file at") == true)
        #expect(try refusal(.addBackground(name: "x", path: temp.url.path), store)?.contains("is a directory") == true)
        #expect(try refusal(.addBackground(name: "x", path: file("empty.png", [])), store)?.contains("is empty") == true)
        let big = SampleImages.png(width: 10, height: 10) + Array(repeating: 0, count: ImageProbe.maxBytes)
        #expect(try refusal(.addBackground(name: "x", path: file("big.png", big)), store) == "The file is 5.0 MiB; the limit is 5 MiB.")
        #expect(try store.load().data.backgrounds.isEmpty)
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file"))
    func refusesAnUnreadableFile() throws {
        let store = try store()
        let path = try file("secret.png", SampleImages.png(width: 1, height: 1))
        chmod(path, 0)
        #expect(try refusal(.addBackground(name: "x", path: path), store)?.contains("permission denied") == true)
    }

    @Test func refusesADuplicateNameAndDeletionWhileInUse() throws {
        let store = try store()
        let path = try file("a.bmp", SampleImages.bmp(width: 2, height: 2))
        _ = try store.apply(.addBackground(name: "Logo", path: path)).get()
        #expect(try refusal(.addBackground(name: " logo ", path: path), store) == "Name \"logo\" is already used; choose another.")
        var edit = PhoneEdit(try store.load().data.phones[0])
        edit.background = "Logo"
        _ = try store.apply(.update(id: 1, baseRevision: 1, edit)).get()
        #expect(try refusal(.deleteBackground(name: "Logo"), store) == "Background \"Logo\" is used by \"Recepcja\"; choose another for them first.")
        edit.background = nil
        _ = try store.apply(.update(id: 1, baseRevision: 2, edit)).get()
        _ = try store.apply(.deleteBackground(name: "Logo")).get()
        #expect(try store.load().data.backgrounds.isEmpty)
    }

    @Test func templatesAreCheckedForTheVendorsFormat() throws {
        let store = try store()
        _ = try store.apply(.addTemplate(name: "T46", modelID: "yealink-t46u")).get()
        #expect(try refusal(.setTemplateBody(name: "T46", body: "a = 1\nnot a setting\n"), store) == "line 2: expected key = value")
        _ = try store.apply(.setTemplateBody(name: "T46", body: "# ok\nlocal_time.time_zone = +1\n")).get()
        _ = try store.apply(.addTemplate(name: "GS", modelID: "grandstream-gxp2170")).get()
        #expect(try refusal(.setTemplateBody(name: "GS", body: "<config>\n<P64>1</P46>\n</config>"), store)
                == "line 2: </P46> closes <P64> (opened on line 2)")
        #expect(try refusal(.addTemplate(name: "t46", modelID: "yealink-t46u"), store)?.contains("already used") == true)
    }

    /// Each refusal says which field it is about, for the panel to show it under that field.
    @Test func eachRefusalNamesItsField() throws {
        let store = try store()
        let url = "https://provisioning.phonedesk.example", sip = "sip.phonedesk.example"
        func field(_ change: SettingsChange) throws -> SettingsField? {
            if case .failure(.invalid(let field, _)) = try store.apply(change) { return field }
            return nil
        }
        #expect(try field(.setAccountSettings(pin: "1234", sipServer: sip, provisioningBaseURL: url)) == .pin)
        #expect(try field(.setAccountSettings(pin: nil, sipServer: "bad host", provisioningBaseURL: url)) == .sipServer)
        #expect(try field(.setAccountSettings(pin: nil, sipServer: sip, provisioningBaseURL: "ftp://x")) == .baseURL)
        #expect(try field(.addBackground(name: "", path: temp.url.path + "/nope.png")) == .name)
        #expect(try field(.addBackground(name: "Logo", path: temp.url.path + "/nope.png")) == .file)
        #expect(try field(.addTemplate(name: "T", modelID: "no-such-model")) == .model)
        #expect(try field(.setTemplateBody(name: "Gone", body: "")) == .list)
        _ = try store.apply(.addTemplate(name: "T46", modelID: "yealink-t46u")).get()
        #expect(try field(.addTemplate(name: "t46", modelID: "yealink-t46u")) == .name)
        #expect(try field(.setTemplateBody(name: "T46", body: "not a setting\n")) == .body)
        var edit = PhoneEdit(try store.load().data.phones[0])
        edit.template = "T46"
        _ = try store.apply(.update(id: 1, baseRevision: 1, edit)).get()
        #expect(try field(.deleteTemplate(name: "T46")) == .list)
        #expect(try store.load().data.account.hotDeskPIN != "1234")
    }

    @Test func pinAndAccountSettingsAreSavedAndChecked() throws {
        let store = try store()
        let url = "https://provisioning.phonedesk.example", sip = "sip.phonedesk.example"
        #expect(try refusal(.setAccountSettings(pin: "1234", sipServer: sip, provisioningBaseURL: url), store)?.contains("ascending") == true)
        _ = try store.apply(.setAccountSettings(pin: "2580", sipServer: sip, provisioningBaseURL: url)).get()
        #expect(try store.load().data.account.hotDeskPIN == "2580")
        #expect(try refusal(.setAccountSettings(pin: nil, sipServer: "bad host", provisioningBaseURL: url), store) != nil)
        _ = try store.apply(.setAccountSettings(pin: nil, sipServer: "pbx.example.com", provisioningBaseURL: "http://127.0.0.1:8080/")).get()
        let account = try store.load().data.account
        #expect(account.hotDeskPIN == "2580")
        #expect(account.provisioningURL == "http://127.0.0.1:8080/\(account.token)/")
    }

    /// `phonedesk settings set` sends only the setting it changes: nil keeps what the file holds
    /// under the lock, even a value another process saved after the command read the account.
    @Test func aNilAccountSettingKeepsTheStoredValue() throws {
        let store = try store()
        let other = Store(directory: temp.url)
        _ = try other.apply(.setAccountSettings(pin: "2580", sipServer: "pbx.example.com", provisioningBaseURL: "https://p.example/",
                                                theme: "mono", mouse: false)).get()
        _ = try store.apply(.setAccountSettings(pin: nil, sipServer: "sip2.example.com:5061", provisioningBaseURL: nil)).get()
        var account = try store.load().data.account
        #expect(account.sipServer == "sip2.example.com:5061")
        #expect(account.provisioningBaseURL == "https://p.example" && account.hotDeskPIN == "2580")
        #expect(account.theme == "mono" && account.mouse == false)
        _ = try store.apply(.setAccountSettings(pin: nil, sipServer: nil, provisioningBaseURL: "http://10.0.0.5:8080")).get()
        account = try store.load().data.account
        #expect(account.sipServer == "sip2.example.com:5061" && account.provisioningBaseURL == "http://10.0.0.5:8080")
        #expect(try refusal(.setAccountSettings(pin: nil, sipServer: nil, provisioningBaseURL: "ftp://x"), store) != nil)
        #expect(try store.load().data.account.provisioningBaseURL == "http://10.0.0.5:8080")
    }
}

struct XMLFragmentTests {
    @Test(arguments: [
        ("<a>1</a><b x='2'/>", nil),
        ("<a><!-- c --><![CDATA[<raw>]]>&amp;&#65;</a>", nil),
        ("<a>", "line 1: <a> opened here is never closed"),
        ("<a>\n</b>", "line 2: </b> closes <a> (opened on line 1)"),
        ("<a x=1/>", "line 1: the value of x must be quoted"),
        ("text", "line 1: text outside an element: wrap values in <key>value</key>"),
        ("<a>&nbsp;</a>", "line 1: unknown entity &nbsp;"),
        ("<a>1 < 2</a>", "line 1: expected a name"),
    ] as [(String, String?)])
    func parses(text: String, error: String?) {
        switch XMLFragmentParser.parse(text) {
        case .success: #expect(error == nil)
        case .failure(let failure): #expect(failure.description == error)
        }
    }

    @Test func layersLaterValuesOverEarlierOnes() throws {
        var root = XMLTag("r", [], [.element(XMLTag("a", text: "1")), .element(XMLTag("line", [("index", "1")], [.element(XMLTag("x", text: "old"))]))])
        root.layer(try XMLFragmentParser.parse("<a>2</a><line index='1'><x>new</x><y>add</y></line><z/>").get())
        #expect(root.rendered() == "<r>\n  <a>2</a>\n  <line index=\"1\">\n    <x>new</x>\n    <y>add</y>\n  </line>\n  <z/>\n</r>\n")
    }

    /// Nesting is refused past the limit with its line, before the parser recurses further (it
    /// used to recurse per level: ~2,500 levels overflowed the stack and killed every command).
    @Test func nestingDeeperThanTheLimitIsRefusedWithItsLine() throws {
        func nested(_ depth: Int) -> String {
            String(repeating: "<a>\n", count: depth) + "x" + String(repeating: "</a>", count: depth)
        }
        let limit = XMLFragmentParser.maxDepth
        #expect(throws: Never.self) { try XMLFragmentParser.parse(nested(limit)).get() }
        guard case .failure(let failure) = XMLFragmentParser.parse(nested(limit + 1)) else { Issue.record("accepted"); return }
        #expect(failure.description == "line \(limit + 1): elements nest more than \(limit) deep")
        // The template check says the same, on the line of the element one level too deep.
        #expect(TemplateSyntax.check("<config>" + nested(200) + "</config>", brand: .grandstream)
                == [TemplateProblem(line: limit, message: "elements nest more than \(limit) deep")])
    }

    @Test func escapesLabels() {
        #expect(XMLTag("n", [("label", "A&B \"q\"")], text: "<Łódź>").rendered() == "<n label=\"A&amp;B &quot;q&quot;\">&lt;Łódź&gt;</n>\n")
    }
}

/// A 70-letter label was refused as "use letters, digits" — letters were all it had.
struct HostNameMessageTests {
    @Test func aTooLongLabelSaysSo() {
        let long = String(repeating: "a", count: 70)
        #expect(AccountSettingsRules.sipServer.run("sip.\(long).com") == "A part of the host name is 70 characters; at most 63 between dots.")
        #expect(AccountSettingsRules.provisioningBaseURL.run("https://\(long).com") == "A part of the host name is 70 characters; at most 63 between dots.")
        #expect(AccountSettingsRules.sipServer.run("sip..example") == "The host name has an empty part between dots.")
        #expect(AccountSettingsRules.sipServer.run("sip_x.example") == "Not a host name: use letters, digits, '-' and '.'.")
        #expect(AccountSettingsRules.sipServer.run("sip.EXAMPLE.com") == nil)
    }
}
