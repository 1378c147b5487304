import Foundation
import BillingCore

/// CSV text that is safe to open in a spreadsheet: sanitised, quoted, and formula-injection proof.
public enum CSVWriter {
    /// One field: control characters made visible, a leading `= + - @` (or tab/CR) neutralised with a quote
    /// unless the field is a plain number, and RFC 4180 quoting.
    public static func field(_ raw: String) -> String {
        var text = TextSanitizer.clean(raw)
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(text) {
            text = "'" + text
        }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// A whole document: header then rows, CRLF line ends (RFC 4180).
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = header.map(field).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\r\n" }
        return out
    }

    /// "-12.50" and "+3" are numbers, not formulas.
    static func isPlainNumber(_ text: String) -> Bool {
        ExactDecimal(parsing: text) != nil
    }
}
