import Foundation
import FoundationXML
import PhoneDeskProcess
import Testing

/// The operator configures settings in the real panel (tmux), then a real nginx serves the
/// provisioning tree and curl fetches what a phone would.
@Suite(.serialized, .enabled(if: nginxEnabled))
struct ProvisioningEndToEndTests {
    let work = temporaryDataDirectory()

    /// A tiny valid PNG (signature, IHDR 480×272, IEND).
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
                               0, 0, 1, 0xE0, 0, 0, 1, 0x10, 8, 6, 0, 0, 0, 0x2B, 0x8D, 0x0D, 0xF1,
                               0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    /// Each phone's secret by its MAC (hex), from phones.json.
    static func secrets(_ data: URL) throws -> [String: String] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("phones.json"))) as? [String: Any])
        let phones = try #require(json["phones"] as? [[String: Any]])
        var out: [String: String] = [:]
        for phone in phones { if let mac = phone["mac"] as? String, let secret = phone["secret"] as? String { out[mac] = secret } }
        return out
    }

    @Test func configuredInThePanelServedByNginx() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let data = work.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let fake = work.appendingPathComponent("fake.png")
        try Data("I am text, not a picture".utf8).write(to: fake)
        let logo = work.appendingPathComponent("logo.png")
        try Data(Self.png).write(to: logo)
        let editor = work.appendingPathComponent("editor.sh")
        try "#!/bin/sh\nprintf 'local_time.time_zone = +1\\n' >> \"$1\"\n".write(to: editor, atomically: false, encoding: .utf8)
        chmod(editor.path, 0o755)

        // The account (a directory of other files is not seeded), then nginx, so the base URL
        // can carry its port.
        #expect(ChildProcess([Tmux.binary, "init", data.path]).run(timeout: 30).status == 0)
        let tree = data.appendingPathComponent("provisioning")
        guard let nginx = Nginx(serving: tree) else { Issue.record("nginx did not start"); return }
        let base = "http://127.0.0.1:\(nginx.port)"

        let tmux = Tmux()
        tmux.start("EDITOR=\(editor.path) \(Tmux.binary) --data \(data.path)")
        tmux.waitFor("2 phones")
        // Hot desking: PIN twice and the provisioning base URL.
        tmux.keys("s", "Enter")
        tmux.waitFor("Hot desking and provisioning")
        tmux.type("2580")
        tmux.keys("Tab")
        tmux.type("2580")
        tmux.keys("Tab", "Tab", "C-u")
        tmux.type(base)
        tmux.keys("C-s")
        tmux.waitFor("Saved the new PIN")
        // Background: a text file named .png is refused, then the real PNG.
        tmux.keys("2", "a")
        tmux.waitFor("Upload background image")
        tmux.type("Logo")
        tmux.keys("Tab")
        tmux.type(fake.path)
        tmux.keys("C-s")
        tmux.waitFor("Not a PNG, JPEG or BMP")
        tmux.keys("C-u")
        tmux.type(logo.path)
        tmux.keys("C-s")
        tmux.waitFor("Uploaded \"Logo\" (480×272)")
        // Template for the T46U, one line written in the editor.
        tmux.keys("3", "a")
        tmux.waitFor("Add config template")
        tmux.type("Recepcja T46U")
        tmux.keys("Tab")
        tmux.type("yealink t46u")
        tmux.keys("Enter", "C-s")
        tmux.waitFor("Added template")
        tmux.keys("Enter")
        tmux.waitFor("Saved template \"Recepcja T46U\"")
        // Phones of the brands the demo lacks.
        tmux.keys("Escape")
        for (model, mac, name) in [("snom d717", "00:04:13:11:22:33", "Snom"), ("vvx 450", "00:04:f2:11:22:33", "Polycom"),
                                   ("cp-8851", "00:56:2b:11:22:33", "Cisco"), ("fanvil x6u", "0c:38:3e:11:22:33", "Fanvil")] {
            tmux.keys("a")
            tmux.waitFor("Add phone")
            tmux.type(model)
            tmux.keys("Enter", "Tab")
            tmux.type(mac)
            tmux.keys("Tab")
            tmux.type(name)
            tmux.keys("C-s")
            tmux.waitFor("Phone added — \(name)")
            tmux.keys("Escape")
        }
        // Recepcja (user Anna, BLF on 102): background and template.
        tmux.keys("Home", "e")
        tmux.waitFor("Edit phone — Recepcja")
        tmux.keys("Tab", "Tab", "Tab")
        tmux.type("logo")
        tmux.keys("Enter", "Tab")
        tmux.type("recepcja")
        tmux.keys("Enter", "C-s")
        tmux.waitFor("Saved \"Recepcja\"")
        tmux.keys("q")

        let secrets = try Self.secrets(data)
        let recepcja = try #require(secrets["805ec0112233"]), magazyn = try #require(secrets["000b82aabbcc"])
        let config = Curl.get("\(base)/\(recepcja)/805ec0112233.cfg")
        #expect(config.status == 200)
        let text = String(decoding: config.body, as: UTF8.self)
        #expect(text.contains("linekey.2.type = 16\nlinekey.2.line = 1\nlinekey.2.value = 102\n"))
        #expect(text.contains("local_time.time_zone = +1"))
        #expect(text.contains("static.security.user_password = admin:2580"))
        let wallpaper = try #require(text.split(separator: "\n").first { $0.hasPrefix("wallpaper_upload.url = ") })
        let image = Curl.get(String(wallpaper.dropFirst("wallpaper_upload.url = ".count)))
        #expect(image.status == 200)
        #expect(image.body == Data(Self.png))
        #expect(wallpaper.contains("/\(recepcja)/"), "the image is served from the phone's own URL")

        // As an attacker who read Recepcja's URL: nothing of another phone, no listing, no dot files.
        let grandstream = "Grandstream Model HW GXP2170 SW 1.0.11.23 DevId 000b82aabbcc"
        #expect(Curl.get("\(base)/\(magazyn)/cfg000b82aabbcc.xml", userAgent: grandstream).status == 200)
        #expect(Curl.get("\(base)/\(recepcja)/cfg000b82aabbcc.xml", userAgent: grandstream).status == 404)
        #expect(Curl.get("\(base)/\(recepcja)/001122334455.cfg").status == 404)
        #expect(Curl.get("\(base)/\(String(repeating: "0", count: 32))/805ec0112233.cfg").status == 404)
        #expect(Curl.get("\(base)/\(recepcja)/").status == 404)  // no directory listing
        #expect(Curl.get("\(base)/").status == 404)
        #expect(Curl.get("\(base)/.images/\(wallpaper.split(separator: "/").last ?? "")").status == 404)

        // A new URL for Recepcja: the old one answers 404 at once, the new one serves the file.
        let rotated = ChildProcess([Tmux.binary, "phones", "rotate", "805ec0112233", "--data", data.path]).run(timeout: 30)
        #expect(rotated.status == 0)
        let newURL = rotated.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(newURL.hasPrefix(base + "/") && !newURL.contains(recepcja))
        #expect(Curl.get("\(base)/\(recepcja)/805ec0112233.cfg").status == 404)
        #expect(Curl.get(newURL + "805ec0112233.cfg").status == 200)

        // Every XML vendor's file parses as XML.
        let now = try Self.secrets(data)
        for (mac, name) in [("000b82aabbcc", "cfg000b82aabbcc.xml"), ("000413112233", "snomD717-000413112233.htm"),
                            ("0004f2112233", "0004f2112233.cfg"), ("0004f2112233", "phone0004f2112233.cfg"),
                            ("00562b112233", "00562b112233.xml"), ("0c383e112233", "0c383e112233.cfg")] {
            let file = Curl.get("\(base)/\(now[mac] ?? "-")/\(name)")
            #expect(file.status == 200, "\(name)")
            let parser = XMLParser(data: file.body)
            #expect(parser.parse(), "\(name) does not parse as XML")
        }
    }
}
