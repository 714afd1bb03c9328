/// A minimal XML element tree: enough to generate vendor files, check operator templates for
/// well-formedness (with line numbers), and layer a template over a generated file.
public struct XMLTag: Equatable, Sendable {
    public var name: String
    public var attributes: [(String, String)]
    public var children: [XMLNode]
    /// Line in the source text (templates), for error messages.
    public var line = 0

    public init(_ name: String, _ attributes: [(String, String)] = [], _ children: [XMLNode] = []) {
        self.name = name; self.attributes = attributes; self.children = children
    }

    public init(_ name: String, _ attributes: [(String, String)] = [], text: String) {
        self.init(name, attributes, [.text(text)])
    }

    public static func == (a: XMLTag, b: XMLTag) -> Bool {
        a.name == b.name && a.attributes.map { [$0.0, $0.1] } == b.attributes.map { [$0.0, $0.1] } && a.children == b.children
    }

    public func attribute(_ key: String) -> String? { attributes.first { $0.0 == key }?.1 }

    public var elements: [XMLTag] { children.compactMap { if case .element(let e) = $0 { return e }; return nil } }

    public var text: String {
        children.map { if case .text(let t) = $0 { return t }; return "" }.joined()
    }

    /// Two elements stand for the same setting when name and index attribute agree.
    func sameSetting(as other: XMLTag) -> Bool {
        name == other.name && attribute("idx") == other.attribute("idx") && attribute("index") == other.attribute("index")
    }

    /// Layers `overlay`'s attributes and children over this element: a matching child is merged
    /// recursively, a text value replaced, anything new appended. The later value wins.
    public mutating func layer(_ overlay: [XMLTag]) {
        for item in overlay {
            if let at = children.firstIndex(where: { if case .element(let e) = $0 { return e.sameSetting(as: item) }; return false }),
               case .element(var existing) = children[at] {
                for (key, value) in item.attributes {
                    if let i = existing.attributes.firstIndex(where: { $0.0 == key }) { existing.attributes[i].1 = value }
                    else { existing.attributes.append((key, value)) }
                }
                if item.elements.isEmpty {
                    if !item.children.isEmpty || existing.elements.isEmpty { existing.children = item.children }
                } else {
                    existing.layer(item.elements)
                }
                children[at] = .element(existing)
            } else {
                children.append(.element(item))
            }
        }
    }

    public func rendered(indent: String = "") -> String {
        let attrs = attributes.map { " \($0.0)=\"\(XMLText.escape($0.1))\"" }.joined()
        if children.isEmpty { return "\(indent)<\(name)\(attrs)/>\n" }
        if elements.isEmpty { return "\(indent)<\(name)\(attrs)>\(XMLText.escape(text))</\(name)>\n" }
        var out = "\(indent)<\(name)\(attrs)>\n"
        for child in children {
            switch child {
            case .element(let e): out += e.rendered(indent: indent + "  ")
            case .text(let t): if !t.allSatisfy(\.isWhitespace) { out += indent + "  " + XMLText.escape(t) + "\n" }
            }
        }
        return out + "\(indent)</\(name)>\n"
    }
}

public indirect enum XMLNode: Equatable, Sendable {
    case element(XMLTag)
    case text(String)
}

public enum XMLText {
    /// Escapes text and attribute values. Code points XML 1.0 forbids (C0 controls but tab and
    /// line feed, U+FFFE, U+FFFF) are dropped, and so are those it discourages (DEL, the C1
    /// controls, the noncharacters U+FDD0–U+FDEF and U+nFFFE/U+nFFFF): a value can never make a
    /// vendor file ill-formed. CR is dropped too (a parser would turn it into a line feed).
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if !allowed(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `scalar` may appear in a generated XML file (see `escape`).
    public static func allowed(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 { return scalar == "\n" || scalar == "\t" }
        if (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v) { return false }
        return v & 0xFFFE != 0xFFFE
    }
}

/// A strict parser for XML documents and fragments (several top-level elements), reporting the
/// first error with its line. No DTDs; comments, processing instructions and CDATA are allowed.
public struct XMLFragmentParser {
    /// The deepest element nesting accepted. The parser recurses once per level (and so do
    /// `layer` and `rendered` on what it returns): ~2,500 levels, 17.5 KB of template, overflowed
    /// the stack. Real vendor files nest fewer than 10.
    public static let maxDepth = 64

    public struct Failure: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    private let s: [Character]
    private var i = 0
    private var line = 1

    public static func parse(_ text: String) -> Result<[XMLTag], Failure> {
        var parser = XMLFragmentParser(s: Array(text))
        do throws(Failure) { return .success(try parser.fragment()) } catch { return .failure(error) }
    }

    private init(s: [Character]) { self.s = s }

    private func fail(_ message: String) -> Failure { Failure(line: line, message: message) }
    private var atEnd: Bool { i >= s.count }
    private func peek(_ text: String) -> Bool {
        let chars = Array(text)
        return i + chars.count <= s.count && Array(s[i..<i + chars.count]) == chars
    }
    private mutating func advance(_ n: Int = 1) {
        for _ in 0..<n where i < s.count { if s[i] == "\n" { line += 1 }; i += 1 }
    }
    private mutating func skipSpace() { while !atEnd, s[i].isWhitespace { advance() } }

    private mutating func skip(until end: String, what: String) throws(Failure) {
        let start = line
        while !atEnd, !peek(end) { advance() }
        guard !atEnd else { throw Failure(line: start, message: "\(what) is not closed with \(end)") }
        advance(end.count)
    }

    private mutating func fragment() throws(Failure) -> [XMLTag] {
        var roots: [XMLTag] = []
        while true {
            skipSpace()
            if atEnd { return roots }
            if peek("<?") { try skip(until: "?>", what: "a processing instruction"); continue }
            if peek("<!--") { try skip(until: "-->", what: "a comment"); continue }
            if peek("<!") { throw fail("DOCTYPE and declarations are not allowed") }
            if peek("</") { throw fail("a closing tag without an opening tag") }
            guard s[i] == "<" else { throw fail("text outside an element: wrap values in <key>value</key>") }
            roots.append(try element(depth: 1))
        }
    }

    private mutating func name() throws(Failure) -> String {
        var out = ""
        while !atEnd, s[i].isLetter || s[i].isNumber || "_-.:".contains(s[i]) { out.append(s[i]); advance() }
        guard let first = out.first, first.isLetter || first == "_" else { throw fail("expected a name") }
        return out
    }

    private mutating func element(depth: Int) throws(Failure) -> XMLTag {
        // Refused before recursing further: a hand-edited templates.json reaches the renderer
        // unchecked, and the renderer leaves out a template that does not parse.
        guard depth <= Self.maxDepth else { throw fail("elements nest more than \(Self.maxDepth) deep") }
        let startLine = line
        advance()  // <
        let tag = try name()
        var node = XMLTag(tag)
        node.line = startLine
        while true {
            skipSpace()
            guard !atEnd else { throw Failure(line: startLine, message: "<\(tag)> is not closed") }
            if peek("/>") { advance(2); return node }
            if s[i] == ">" { advance(); break }
            let key = try name()
            skipSpace()
            guard !atEnd, s[i] == "=" else { throw fail("attribute \(key) needs =\"value\"") }
            advance()
            skipSpace()
            guard !atEnd, s[i] == "\"" || s[i] == "'" else { throw fail("the value of \(key) must be quoted") }
            let quote = s[i]
            advance()
            let value = try text(until: quote)
            advance()
            if node.attribute(key) != nil { throw fail("attribute \(key) given twice") }
            node.attributes.append((key, value))
        }
        while true {
            guard !atEnd else { throw Failure(line: startLine, message: "<\(tag)> opened here is never closed") }
            if peek("</") {
                advance(2)
                let closing = try name()
                guard closing == tag else { throw fail("</\(closing)> closes <\(tag)> (opened on line \(startLine))") }
                skipSpace()
                guard !atEnd, s[i] == ">" else { throw fail("expected > after </\(closing)") }
                advance()
                return node
            }
            if peek("<!--") { try skip(until: "-->", what: "a comment"); continue }
            if peek("<![CDATA[") {
                advance(9)
                let start = i
                try skip(until: "]]>", what: "a CDATA section")
                node.children.append(.text(String(s[start..<(i - 3)])))
                continue
            }
            if s[i] == "<" { node.children.append(.element(try element(depth: depth + 1))); continue }
            node.children.append(.text(try text(until: "<")))
        }
    }

    /// Reads character data up to `end`, decoding entities; `end` is not consumed.
    private mutating func text(until end: Character) throws(Failure) -> String {
        var out = ""
        while !atEnd, s[i] != end {
            if s[i] == "<" { throw fail("'<' inside a value: write &lt;") }
            if s[i] == "&" {
                var entity = ""
                advance()
                while !atEnd, s[i] != ";", entity.count < 10 { entity.append(s[i]); advance() }
                guard !atEnd, s[i] == ";" else { throw fail("'&' must start an entity such as &amp;") }
                advance()
                switch entity {
                case "amp": out += "&"
                case "lt": out += "<"
                case "gt": out += ">"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                        : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                    guard let number, let scalar = Unicode.Scalar(number) else { throw fail("unknown entity &\(entity);") }
                    out.unicodeScalars.append(scalar)
                }
                continue
            }
            out.append(s[i])
            advance()
        }
        return out
    }
}
