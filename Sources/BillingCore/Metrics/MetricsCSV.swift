/// CSV fields for metrics exports: sanitised, quoted when needed, and safe from spreadsheet formulas.
public enum MetricsCSV {
    /// A text field from anywhere (API strings included): control characters made inert, a leading
    /// `= + - @` or tab neutralised with a `'` so a spreadsheet never runs it, quoted per RFC 4180.
    public static func text(_ value: String) -> String {
        var cleaned = TextSanitizer.clean(value)
        if let first = cleaned.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            cleaned = "'" + cleaned
        }
        return quoted(cleaned)
    }

    /// A number billtop computed itself (money as a plain decimal string): never a formula, never quoted.
    public static func number(_ value: Money) -> String { value.decimalString }

    /// One line of fields joined by commas.
    public static func line(_ fields: [String]) -> String { fields.joined(separator: ",") }

    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
