/// Writes phones.json byte for byte as JSONEncoder would (pretty-printed, sorted keys, slashes
/// unescaped: what a person reading the file sees either way), but streamed phone by phone.
/// JSONEncoder builds the whole tree first: for 100,000 phones ~1 s and ~100 MB.
enum PhonesWriter {
    static func write(_ document: PhonesDocument, into sink: inout AtomicFile.FileSink) {
        sink.write("{\n  \"nextID\" : \(document.nextID),\n  \"phones\" : [\n")
        var first = true
        for phone in document.phones {
            if !first { sink.write(",\n") }
            first = false
            // Keys in sorted order; absent optionals are left out, as JSONEncoder does.
            var fields: [(String, String)] = []
            if let background = phone.background { fields.append(("background", quoted(background))) }
            if let blf = phone.blfExtension { fields.append(("blf", quoted(blf))) }
            if let label = phone.blfLabel { fields.append(("blfLabel", quoted(label))) }
            fields.append(("id", String(phone.id)))
            if let keys = phone.keys { fields.append(("keys", keysJSON(keys))) }
            if let mac = phone.mac { fields.append(("mac", quoted(mac.hex))) }
            fields.append(("model", quoted(phone.modelID)))
            fields.append(("name", quoted(phone.name)))
            fields.append(("revision", String(phone.revision)))
            if let secret = phone.secret { fields.append(("secret", quoted(secret))) }
            if let sidecars = phone.sidecars { fields.append(("sidecars", String(sidecars))) }
            if let template = phone.template { fields.append(("template", quoted(template))) }
            if let user = phone.userExtension { fields.append(("user", quoted(user))) }
            sink.write("    {\n")
            sink.write(fields.map { "      \"\($0.0)\" : \($0.1)" }.joined(separator: ",\n"))
            sink.write("\n    }")
        }
        sink.write("\n  ],\n  \"revision\" : \(document.revision),\n  \"schemaVersion\" : \(document.schemaVersion)\n}\n")
    }

    /// A phone's keys as JSONEncoder pretty-prints them at the depth of a phone's field.
    static func keysJSON(_ keys: [PhoneKey]) -> String {
        guard !keys.isEmpty else { return "[\n\n      ]" }
        let items = keys.map { key in
            var fields: [(String, String)] = []
            if let label = key.label { fields.append(("label", quoted(label))) }
            fields.append(("number", String(key.number)))
            fields.append(("type", quoted(key.type.rawValue)))
            if let value = key.value { fields.append(("value", quoted(value))) }
            return "        {\n" + fields.map { "          \"\($0.0)\" : \($0.1)" }.joined(separator: ",\n") + "\n        }"
        }
        return "[\n" + items.joined(separator: ",\n") + "\n      ]"
    }

    /// A JSON string as JSONEncoder writes it: quote, backslash and control characters escaped.
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return "\"\(text)\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{c}": out += "\\f"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
