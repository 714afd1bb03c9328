/// RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF.
public enum CSV {
    public struct Row: Equatable, Sendable {
        /// 1-based line number where the record starts (for error messages).
        public var line: Int
        public var fields: [String]
    }

    public struct Failure: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    public static func parse(_ text: String) -> Result<[Row], Failure> {
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var rowStart = 1
        var atFieldStart = true
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }  // a BOM from spreadsheet exports
        var i = 0
        func endRow() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(line: rowStart, fields: fields)) }
            fields = []
            field = ""
            atFieldStart = true
        }
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 }
                    else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else if c == "\"" {
                return .failure(Failure(line: line, message: "a quote inside an unquoted field; quote the whole field"))
            } else if c == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
            } else if c == "\n" || c == "\r" {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRow()
                line += 1
                rowStart = line
            } else {
                field.unicodeScalars.append(c)
                atFieldStart = false
            }
            i += 1
        }
        if inQuotes { return .failure(Failure(line: rowStart, message: "a quoted field is never closed")) }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return .success(rows)
    }

    /// One record, quoting fields that need it; a cell a spreadsheet would take for a formula
    /// is guarded with a `'` (see `guarded`; imports read cells with `unguarded`).
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            let cell = guarded(field)
            // By scalar, as `parse` reads: "\r\n", and a quote or comma followed by a combining
            // mark, are single Characters that a Character comparison would miss.
            guard cell.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
            var quoted = String.UnicodeScalarView()
            quoted.append("\"")
            for scalar in cell.unicodeScalars {
                if scalar == "\"" { quoted.append("\"") }
                quoted.append(scalar)
            }
            quoted.append("\"")
            return String(quoted)
        }.joined(separator: ",")
    }
}
