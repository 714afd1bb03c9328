import Foundation
import PhoneDeskCore

/// What the inspector scrolls through: the phone's files exactly as served, then what its last
/// save changed in them. Built from the account on each draw (rendering is pure and a phone's
/// files are short), so it always shows the current data.
struct InspectorDocument {
    enum Kind: Equatable { case heading, text, removed, added, note }
    struct Line: Equatable {
        var text: String
        var kind: Kind
    }

    var lines: [Line] = []
    /// The phone's files hold a SIP password or the PIN.
    var holdsSecrets = false

    init(phone: Phone, data: AccountData, save: PhoneFilesChange?, reveal: Bool, width: Int, t: (String) -> String) {
        // Notes are prose: wrapped at spaces. File lines are shown as they are (cut with "…").
        func note(_ text: String) -> [Line] { WordWrap.lines(t(text), width: width).map { Line(text: $0, kind: .note) } }
        let current = InspectorSecrets.values(of: phone, in: data)
        let secrets = reveal ? [] : current + (save?.secrets ?? [])
        func show(_ text: String) -> String { InspectorSecrets.masked(text, secrets) }
        let files = ProvisioningRenderer.files(for: phone, in: data)
        holdsSecrets = files.contains { file in current.contains { file.contents.contains($0) } }
        if files.isEmpty {
            lines += note("No files yet: the phone is awaiting delivery; it gets them once its MAC is entered.")
        }
        for file in files {
            lines.append(Line(text: "── \(file.name) ──", kind: .heading))
            lines += Self.split(file.contents).map { Line(text: show($0), kind: .text) }
        }
        lines.append(Line(text: "", kind: .text))
        lines.append(Line(text: "── " + t("What the last save changed") + " ──", kind: .heading))
        guard let save else {
            lines += note("No save of this phone in this session: nothing to compare.")
            return
        }
        var changed = false
        let names = (save.before + save.after).map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for name in names {
            let old = save.before.first { $0.name == name }.map { Self.split($0.contents) } ?? []
            let new = save.after.first { $0.name == name }.map { Self.split($0.contents) } ?? []
            let hunks = LineDiff.hunks(LineDiff.lines(old, new))
            guard !hunks.isEmpty else { continue }
            changed = true
            lines.append(Line(text: name, kind: .heading))
            for line in hunks {
                switch line {
                case .same(let text)?: lines.append(Line(text: "  " + show(text), kind: .text))
                case .removed(let text)?: lines.append(Line(text: "- " + show(text), kind: .removed))
                case .added(let text)?: lines.append(Line(text: "+ " + show(text), kind: .added))
                case nil: lines.append(Line(text: "  …", kind: .note))
                }
            }
        }
        if !changed { lines += note("The last save did not change its files.") }
    }

    /// A file's lines (its final newline ends the last line, it does not start another).
    static func split(_ contents: String) -> [String] {
        var lines = contents.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The lines holding `query` (any case, diacritics optional).
    func matches(_ query: String) -> [Int] {
        guard !query.isEmpty else { return [] }
        return lines.indices.filter { Self.range(of: query, in: lines[$0].text) != nil }
    }

    static func range(of query: String, in text: String) -> Range<String.Index>? {
        text.range(of: query, options: [.caseInsensitive, .diacriticInsensitive])
    }
}
