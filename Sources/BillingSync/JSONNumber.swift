/// Readings of a JSON number's exact text (see `JSONValue.number`) for the lenient field readers.
enum JSONNumber {
    /// The text a number is read as: as sent, except that an exponent form (`1e3`) is written out
    /// (`1000`; a fractional one as a Double prints), since the text readers (ids, `Money.parse`) take no exponent.
    static func plainText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }), let double = Double(text) else {
            return text
        }
        let (value, exact) = truncated(text)
        return exact ? String(value) : "\(double)"
    }

    /// The integer part of the number, and whether the number was exactly that integer (`3.0` is, `3.5` is not).
    static func truncated(_ text: String) -> (value: Int64, exact: Bool) {
        if let value = Int64(text) { return (value, true) }
        guard let double = Double(text), double.isFinite, double >= -9.2e18, double <= 9.2e18 else { return (0, false) }
        let value = Int64(double)
        return (value, Double(value) == double)
    }
}
