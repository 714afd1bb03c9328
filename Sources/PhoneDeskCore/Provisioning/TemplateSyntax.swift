/// How a brand's provisioning file is written, and so how its templates are written.
public enum ConfigFormat: Sendable {
    /// `key = value` lines (Yealink).
    case keyValue
    /// XML elements layered into the file's root element (every other brand).
    case xml
}

extension Brand {
    public var configFormat: ConfigFormat { self == .yealink ? .keyValue : .xml }
}

public struct TemplateProblem: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

/// Checks an operator's template body for the vendor's format, with line numbers, and parses it.
public enum TemplateSyntax {
    public static func check(_ body: String, brand: Brand) -> [TemplateProblem] {
        switch brand.configFormat {
        case .keyValue:
            var problems: [TemplateProblem] = []
            for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if let problem = keyValueProblem(String(line)) { problems.append(TemplateProblem(line: index + 1, message: problem)) }
            }
            return problems
        case .xml:
            switch XMLFragmentParser.parse(body) {
            case .success: return []
            case .failure(let failure): return [TemplateProblem(line: failure.line, message: failure.message)]
            }
        }
    }

    private static func keyValueProblem(_ raw: String) -> String? {
        let line = raw.trimmingSpaces
        if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { return nil }
        guard let equals = line.firstIndex(of: "=") else { return "expected key = value" }
        let key = line[..<equals].trimmingSpaces
        if key.isEmpty { return "the key before '=' is missing" }
        if let bad = key.first(where: { !($0.isASCII && ($0.isLetter || $0.isNumber || "._-[]".contains($0))) }) {
            return "'\(bad)' cannot be part of a key (letters, digits, . _ - only)"
        }
        return nil
    }

    /// Whether `key` may stand before `=` in a `key = value` file (letters, digits, . _ - [ ]).
    public static func isKey(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-[]".contains($0)) }
    }

    /// The `key = value` pairs of a valid body, in order (comments and blank lines skipped).
    public static func keyValues(_ body: String) -> [(String, String)] {
        body.split(separator: "\n").compactMap { raw in
            let line = raw.trimmingSpaces
            guard !line.hasPrefix("#"), !line.hasPrefix(";"), let equals = line.firstIndex(of: "=") else { return nil }
            return (line[..<equals].trimmingSpaces,
                    line[line.index(after: equals)...].trimmingSpaces)
        }
    }

    /// Number of lines that carry a setting, for the templates list.
    public static func settingLines(_ body: String) -> Int {
        body.split(separator: "\n").filter {
            let line = $0.trimmingSpaces
            return !line.isEmpty && !line.hasPrefix("#") && !line.hasPrefix(";") && !line.hasPrefix("<!--")
        }.count
    }
}
