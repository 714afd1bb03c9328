import Foundation
import Testing
@testable import PhoneDeskCLI
@testable import PhoneDeskCore

/// CSV formula injection: exports guard cells a spreadsheet would run, imports unguard them,
/// and export → import gives every valid name back.
struct CSVFormulaTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=x", "''=x"), ("''-x", "'''-x"),
        ("'x", "'x"), ("it's", "it's"), ("x=1", "x=1"), ("'", "'"), ("''", "''"), ("", ""), ("Biuro", "Biuro"),
    ])
    func guardsExactlyTheCellsASpreadsheetWouldRun(cell: String, exported: String) {
        #expect(CSV.guarded(cell) == exported)
        #expect(CSV.unguarded(exported) == cell)
    }

    /// The property: for many names built from the characters that matter, no exported cell
    /// begins with a trigger, and import(export(name)) == name.
    @Test func exportThenImportIsTheIdentity() {
        let alphabet: [String] = ["'", "'", "=", "+", "-", "@", "\t", "\r", "a", " ", ",", "\"", "\n", "ł", "受", "\u{301}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {  // SplitMix64: the same names on every run
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var names: [String] = []
        for _ in 0..<5000 {
            names.append((0..<(1 + next() % 6)).map { _ in alphabet[next() % alphabet.count] }.joined())
        }
        for name in names {
            let cell = CSV.guarded(name)
            #expect(!(cell.unicodeScalars.first.map(CSV.isTrigger) ?? false), "\(name.debugDescription) exports as a formula")
            #expect(CSV.unguarded(cell) == name, "\(name.debugDescription)")
            guard case .success(let parsed) = CSV.parse(CSV.line(["x", name, "y"]) + "\n") else {
                Issue.record("\(name.debugDescription) does not parse back: \(CSV.line(["x", name, "y"]).debugDescription)")
                continue
            }
            #expect(parsed.first?.fields.map(CSV.unguarded) == ["x", name, "y"], "\(name.debugDescription)")
        }
    }

    /// Through the commands: names a spreadsheet would run are exported guarded and come back
    /// unchanged when the export is imported into another account.
    @Test func phonesExportGuardsAndImportRestores() throws {
        let source = Account()
        let names = ["=1+2", "+48 reception", "-ground floor", "@home", "'=quoted", "''+twice", "'plain", "it's"]
        for (i, name) in names.enumerated() {
            let added = source.run("phones", "add", "--model", "t46u", "--mac", "02:00:00:00:01:\(String(format: "%02x", i))", "--name", name)
            #expect(added.status == 0, "\(name): \(added.err)")
        }
        let export = source.run("phones", "export").out
        #expect(export.contains("Yealink T46U,02:00:00:00:01:00,'=1+2,"))
        #expect(export.contains(",'-ground floor,") && export.contains(",'@home,") && export.contains(",''=quoted,"))
        #expect(export.contains(",'plain,") && export.contains(",it's,"))
        for line in export.split(separator: "\n") {
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                #expect(!(cell.unicodeScalars.first.map(CSV.isTrigger) ?? false), "\(line)")
            }
        }
        #expect(source.run("phones", "list", "--csv").out.contains(",'+48 reception,"))

        let target = Account()
        let imported = target.run("phones", "import", target.file("export.csv", export.replacingOccurrences(of: "Recepcja", with: "Recepcja 2")
            .replacingOccurrences(of: "Magazyn", with: "Magazyn 2").replacingOccurrences(of: "80:5e:c0:11:22:33", with: "80:5e:c0:11:22:34")
            .replacingOccurrences(of: "00:0b:82:aa:bb:cc", with: "00:0b:82:aa:bb:cd")))
        #expect(imported.status == 0, "\(imported.err)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(target.run("phones", "list", "--json").out.utf8)) as? [[String: Any]])
        #expect(Set(names).isSubset(of: Set(json.compactMap { $0["name"] as? String })))
    }
}
