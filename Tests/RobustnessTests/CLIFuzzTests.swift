import Foundation
import PhoneDeskProcess
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every command of the built binary with hostile arguments and files: it must end with 0, 1 or
/// 2 (never a signal, never a hang), print no raw control characters, touch nothing outside its
/// data directory, and leave the directory's files as they were whenever it refuses.
@Suite(.serialized)
struct CLIFuzzTests {
    /// The playground: `DIR` (an account) beside files and links a command must never change.
    final class Playground {
        let root = temporaryDirectory("clifuzz")
        var dir: URL { root.appendingPathComponent("DIR") }
        var outside: URL { root.appendingPathComponent("outside") }

        init() throws {
            let fm = FileManager.default
            try fm.createDirectory(at: outside, withIntermediateDirectories: true)
            try Data("canary\n".utf8).write(to: outside.appendingPathComponent("canary.txt"))
            chmod(outside.path, 0o1777)
            try files()
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func path(_ name: String) -> String { root.appendingPathComponent(name).path }

        /// Hostile inputs next to DIR.
        private func files() throws {
            func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path(name))) }
            func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }
            try write("phones-ok.csv", "model,mac,name,user\nYealink T46U,02:00:00:00:00:01,Desk 1,\n")
            try write("phones-controls.csv", "model,mac,name,user\nYealink T46U,02:00:00:00:00:02,\u{1B}]52;c;cHduZWQ=\u{07}Desk,\nYealink T46U,02:00:00:00:00:03,\u{202E}evil\u{AD},\n")
            try write("phones-formula.csv", "model,mac,name,user\nYealink T46U,02:00:00:00:00:04,'=HYPERLINK(\"x\"),\n")
            try write("phones-badutf8.csv", Array("model,mac,name,user\nYealink T46U,02:00:00:00:00:05,Desk ".utf8) + [0xFF, 0xFE, 0xC3] + Array(",\n".utf8))
            try write("users-controls.csv", "extension,name,email\n107,Eve\u{1B}[31m,\u{1B}]0;pwned\u{07}@x.example\n108,Mallory,\u{9B}31m@x.example\n")
            try write("users-huge.csv", "extension,name,email\n" + String(repeating: "9", count: 5_000) + ",Big,\n")
            // A 1 GiB file that takes no disk: it must be refused before it is read.
            let fd = open(path("sparse.csv"), O_CREAT | O_WRONLY, 0o600)
            ftruncate(fd, 1 << 30)
            close(fd)
            symlink(outside.appendingPathComponent("canary.txt").path, path("link.csv"))
            try FileManager.default.createDirectory(atPath: path("adir.csv"), withIntermediateDirectories: false)
        }

        /// Everything under `root` but DIR: names, types, sizes, modes and contents.
        func outsideSnapshot() -> [String: String] { snapshot(root, skipping: "DIR") }

        /// DIR's files and their contents (the lock file's contents aside).
        func dirSnapshot() -> [String: String] { snapshot(dir, skipping: nil) }

        private func snapshot(_ top: URL, skipping: String?) -> [String: String] {
            var out: [String: String] = [:]
            func visit(_ url: URL, _ relative: String) {
                var info = stat()
                guard lstat(url.path, &info) == 0 else { return }
                let kind = info.st_mode & S_IFMT
                var entry = "mode \(String(info.st_mode, radix: 8)) size \(info.st_size)"
                if kind == S_IFREG, info.st_size < 1 << 20, !relative.hasSuffix(".lock") {
                    entry += " " + String(decoding: (FileManager.default.contents(atPath: url.path) ?? Data()).prefix(1 << 20), as: UTF8.self)
                }
                if kind == S_IFLNK { entry += " -> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?") }
                out[relative] = entry
                guard kind == S_IFDIR else { return }
                for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                    if relative.isEmpty, name == skipping { continue }
                    visit(url.appendingPathComponent(name), relative.isEmpty ? name : relative + "/" + name)
                }
            }
            visit(top, "")
            return out
        }
    }

    static let hostileValues: [String] = [
        "", " ", "-", "--", "--data", "-1", "0", "1", "2", "9223372036854775807", "-9223372036854775808",
        "99999999999999999999", "3000000000000000", "1e9", "0x10", "\u{1B}]0;title\u{07}", "\u{1B}]52;c;cHduZWQ=\u{07}",
        "\u{9B}31m", "\u{202E}gnp.exe", "a\u{AD}b", "\u{FFFF}", "\u{E0041}", "Bob;sub=999@evil.example;fnc=sd",
        "<&\"'>", "../../outside/canary.txt", "/etc/passwd", "$(touch /tmp/phonedesk-pwned)", "%s%n%x",
        String(repeating: "a", count: 10_000), "Yealink T46U", "yealink-t46u", "02:00:00:00:00:09", "001a4d5c258d",
        "Recepcja", "101", "YEA-T31P", "Biuro Łódź", "漢字テスト", "line\nbreak", "tab\there",
    ]

    /// Command shapes; `V` is replaced by a hostile value, `F` by a hostile file.
    static let shapes: [[String]] = [
        ["phones", "list"], ["phones", "list", "--json"], ["phones", "list", "--csv"], ["phones", "export"],
        ["phones", "add", "--model", "V", "--mac", "V", "--name", "V"],
        ["phones", "add", "--model", "yealink-t46u", "--mac", "V", "--name", "V", "--user", "V"],
        ["phones", "edit", "V", "--user", "V"], ["phones", "edit", "V", "--blf", "V"], ["phones", "edit", "V", "--template", "V"],
        ["phones", "edit", "V", "--background", "V"], ["phones", "remove", "V"], ["phones", "V"], ["phones", "list", "V"],
        ["phones", "import", "F"], ["users", "import", "F"], ["users", "list"], ["users", "list", "--json"], ["users", "V"],
        ["orders", "list"], ["orders", "place", "--sku", "V"], ["orders", "place", "--sku", "YEA-T31P", "--quantity", "V"],
        ["orders", "place", "--sku", "YEA-T31P", "--address", "V"], ["models", "V"], ["provision"], ["provision", "V"],
        ["settings", "show"], ["settings", "show", "--json"], ["settings", "V"], ["settings", "set", "V", "V"],
        ["settings", "set", "sip-server", "V"], ["settings", "set", "base-url", "V"], ["settings", "set", "pin"],
        ["settings", "set", "pin", "V"],
        ["V"], ["V", "V"], ["init", "NEW"], ["init", "--empty", "NEW"],
    ]

    static func hostileFiles(_ playground: Playground) -> [String] {
        ["phones-ok.csv", "phones-controls.csv", "phones-formula.csv", "phones-badutf8.csv", "users-controls.csv",
         "users-huge.csv", "sparse.csv", "link.csv", "adir.csv", "missing.csv"].map(playground.path) + ["/dev/zero", "-"]
    }

    /// Bytes a terminal acts on; none may reach stdout or stderr raw.
    static func rawControl(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { s in
            (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    @Test func hostileCommandsLeaveEverythingOutsideAlone() throws {
        let playground = try Playground()
        #expect(runToEnd(["init", playground.dir.path]) == 0)
        // Fixed seeds keep CI repeatable; CLIFUZZ_SEED explores others.
        let chosen: UInt64? = ProcessInfo.processInfo.environment["CLIFUZZ_SEED"].flatMap { UInt64($0) }
        let seeds: [UInt64] = chosen.map { [$0] } ?? [1_129, 1, 2, 3]
        let files = Self.hostileFiles(playground)
        let outside = playground.outsideSnapshot()
        for seed in seeds {
        var generator = SeededGenerator(seed: seed)
        for run in 0..<200 {
            let shape = Self.shapes[Int(generator.next() % UInt64(Self.shapes.count))]
            let words = shape.map { word -> String in
                switch word {
                case "V": return Self.hostileValues[Int(generator.next() % UInt64(Self.hostileValues.count))]
                case "F": return files[Int(generator.next() % UInt64(files.count))]
                // init creates a directory by design: inside the playground, under any name.
                case "NEW": return playground.path("new-\(run)-" + Self.hostileValues[Int(generator.next() % UInt64(Self.hostileValues.count))].prefix(200))
                default: return word
                }
            }
            let before = playground.dirSnapshot()
            let arguments = words + ["--data", playground.dir.path]
            // Run from the playground, so a relative path a command creates shows up as a change.
            let result = ChildProcess(["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", playground.root.path, binary] + arguments).run(timeout: 30)
            let shown = "seed \(generator.seed) run \(run): phonedesk \(arguments.map { $0.debugDescription.prefix(60) }.joined(separator: " "))"
            #expect(!result.timedOut, "\(shown) did not finish in 30 s")
            #expect([0, 1, 2].contains(result.status), "\(shown) ended with \(result.status)\n\(result.error.prefix(2_000))")
            if let raw = Self.rawControl(result.output + result.error) {
                Issue.record("\(shown) printed U+\(String(raw.value, radix: 16, uppercase: true)) raw")
            }
            if result.status != 0 {
                #expect(playground.dirSnapshot() == before, "\(shown) refused (\(result.status)) but changed DIR")
            }
            if words.first == "init" {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: playground.root.path)) ?? [] where name.hasPrefix("new-") {
                    try? FileManager.default.removeItem(atPath: playground.path(name))
                }
            }
            #expect(playground.outsideSnapshot() == outside, "\(shown) changed something outside DIR")
            #expect(!FileManager.default.fileExists(atPath: "/tmp/phonedesk-pwned"))
            if result.timedOut || ![0, 1, 2].contains(result.status) { return }
        }
        }
    }

    /// The data directory's own files made hostile: every command refuses with 1 or 2 and
    /// leaves every byte as it was.
    @Test func hostileDataFilesAreRefusedUntouched() throws {
        let damages: [(String, (URL) throws -> Void)] = [
            ("phones.json invalid UTF-8", { dir in
                var bytes = Array(try Data(contentsOf: dir.appendingPathComponent("phones.json")))
                let at = bytes.firstIndex(of: UInt8(ascii: "R"))!
                bytes[at] = 0xFF
                try Data(bytes).write(to: dir.appendingPathComponent("phones.json"))
            }),
            ("phones.json 1 GiB", { dir in
                truncate(dir.appendingPathComponent("phones.json").path, 1 << 30)
            }),
            ("phones.json a directory", { dir in
                try FileManager.default.removeItem(at: dir.appendingPathComponent("phones.json"))
                try FileManager.default.createDirectory(at: dir.appendingPathComponent("phones.json"), withIntermediateDirectories: false)
            }),
            ("account token ../..", { dir in
                let url = dir.appendingPathComponent("account.json")
                let text = try String(contentsOf: url, encoding: .utf8)
                let token = try #require(text.range(of: "\"token\" : \"[^\"]*\"", options: .regularExpression))
                try text.replacingCharacters(in: token, with: "\"token\" : \"../..\"").write(to: url, atomically: false, encoding: .utf8)
            }),
            ("duplicate key in phones.json", { dir in
                let url = dir.appendingPathComponent("phones.json")
                let text = try String(contentsOf: url, encoding: .utf8)
                try text.replacingOccurrences(of: "\"name\" : \"Recepcja\"", with: "\"name\" : \"Recepcja\", \"name\" : \"Other\"")
                    .write(to: url, atomically: false, encoding: .utf8)
            }),
            (".lock a symlink", { dir in
                unlink(dir.appendingPathComponent(".lock").path)
                symlink(dir.deletingLastPathComponent().appendingPathComponent("outside/canary.txt").path, dir.appendingPathComponent(".lock").path)
            }),
        ]
        let commands: [[String]] = [["phones", "list"], ["phones", "add", "--model", "yealink-t46u", "--mac", "02:00:00:00:00:42", "--name", "New"],
                                    ["provision"], ["users", "list"], ["orders", "list"], ["settings", "show"],
                                    ["settings", "set", "sip-server", "pbx.example.com"], ["settings", "set", "pin"]]
        for (what, damage) in damages {
            let playground = try Playground()
            #expect(runToEnd(["init", playground.dir.path]) == 0)
            try damage(playground.dir)
            let before = playground.dirSnapshot()
            let outside = playground.outsideSnapshot()
            for command in commands {
                let result = ChildProcess([binary] + command + ["--data", playground.dir.path]).run(timeout: 30)
                let shown = "\(what): phonedesk \(command.joined(separator: " "))"
                #expect(result.status == 1 || result.status == 2, "\(shown) ended with \(result.status): \(result.output.prefix(500))\(result.error.prefix(500))")
                #expect(!result.error.isEmpty, "\(shown) refused without saying why")
                #expect(playground.dirSnapshot() == before, "\(shown) changed DIR")
                #expect(playground.outsideSnapshot() == outside, "\(shown) changed something outside DIR")
            }
        }
    }
}

/// SplitMix64, so a failing run is repeated with CLIFUZZ_SEED.
struct SeededGenerator {
    let seed: UInt64
    private var state: UInt64
    init(seed: UInt64) { self.seed = seed; state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
