/// Spreadsheet formula injection (the OWASP rule): a cell that begins with `=` `+` `-` `@`, a
/// tab or a carriage return is taken for a formula by Excel, LibreOffice and Sheets, so a phone
/// named `=HYPERLINK(…)` would run when the export is opened. Exports write such a cell with a
/// leading `'`, which spreadsheets read as "this is text" and do not show; imports take it off.
///
/// Precisely: a cell is *guarded* when it is zero or more `'` followed by a trigger character.
/// Export adds one `'` to a guarded cell; import removes one `'` from a cell that is one or
/// more `'` followed by a trigger. So `=x` ⇄ `'=x`, `'=x` ⇄ `''=x`, and `'x` or `it's` pass
/// both ways untouched: import(export(s)) == s for every string s, and no exported cell begins
/// with a trigger.
extension CSV {
    static func isTrigger(_ c: Unicode.Scalar) -> Bool { c == "=" || c == "+" || c == "-" || c == "@" || c == "\t" || c == "\r" }

    /// The first scalar after any leading quotes, and how many quotes there were.
    private static func afterQuotes(_ cell: String) -> (quotes: Int, next: Unicode.Scalar?) {
        var quotes = 0
        for scalar in cell.unicodeScalars {
            if scalar != "'" { return (quotes, scalar) }
            quotes += 1
        }
        return (quotes, nil)
    }

    /// The cell as an export writes it.
    public static func guarded(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, first == "'" || isTrigger(first) else { return cell }
        guard let next = afterQuotes(cell).next, isTrigger(next) else { return cell }
        return "'" + cell
    }

    /// The value an import takes from a cell.
    public static func unguarded(_ cell: String) -> String {
        guard cell.unicodeScalars.first == "'" else { return cell }
        let (quotes, next) = afterQuotes(cell)
        guard quotes > 0, let next, isTrigger(next) else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }
}
