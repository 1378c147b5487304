/// The one CSV writer of every export (the dashboard's `e`, `--csv` of customers, customer, invoices and
/// dunning): RFC 4180 text that is safe to open in a spreadsheet, whatever an API put in a field.
public enum CSVWriter {
    /// What a spreadsheet reads as the start of a formula (`= + - @`), or hides one behind (tab, CR).
    static let formulaStarts = "=+-@\t\r".unicodeScalars

    /// One field: control characters made visible (TextSanitizer), then a field a spreadsheet would run
    /// as a formula is led by `'` and quoted, so it shows as text; a plain number ("-12.50", "+3") is
    /// left as it is, since it is a number and never a formula. RFC 4180 quoting for `,` `"` and line ends.
    public static func field(_ raw: String) -> String {
        var text = TextSanitizer.clean(raw)
        var quoted = false
        if let first = text.unicodeScalars.first, formulaStarts.contains(first), ExactDecimal(parsing: text) == nil {
            // Led and quoted both (the strictest of the writers this one replaced): no reader takes it
            // for anything but text.
            text = "'" + text
            quoted = true
        }
        guard quoted || text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// One record: every field through `field`, joined by commas (no line end).
    public static func record(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") }

    /// A whole document: header then rows, each record ended by CRLF (RFC 4180).
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = record(header) + "\r\n"
        for row in rows { out += record(row) + "\r\n" }
        return out
    }
}
