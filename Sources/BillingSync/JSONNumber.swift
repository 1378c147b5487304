/// Readings of a JSON number's exact text (see `JSONValue.number`) for the lenient field readers.
///
/// The parser keeps every number that fits JSON's grammar, however large (`1e400`, a 30-digit integer):
/// whether it fits is a question for the field that reads it, so an out-of-range number flags that one
/// record (or nothing, in a field billtop ignores) instead of refusing the page. Nothing here goes
/// through a Double, so no reading is ever rounded.
enum JSONNumber {
    /// The most digits before or after the point that an exponent form is written out to. Every amount,
    /// id and count billtop reads has far fewer; `1e400` stays as sent (and fails the reader that wants it).
    static let maximumPlainDigits = 40

    /// The text a number is read as: as sent, except that an exponent form (`1.5e3`, `12e-1`) is written out
    /// exactly (`1500`, `1.2`), since the text readers (ids, `Money.parse`) take no exponent. A form whose
    /// plain text would be longer than `maximumPlainDigits` digits either side of the point is returned as sent.
    static func plainText(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            return text
        }
        var start = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { start = 1 }
        let dot = bytes[start..<e].firstIndex(of: UInt8(ascii: "."))
        let integerDigits = bytes[start..<(dot ?? e)]
        let fractionDigits = dot.map { bytes[($0 + 1)..<e] } ?? []
        var digits = Array(integerDigits) + Array(fractionDigits)
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return text }
        var exponentStart = e + 1
        var exponentSign = 1
        if exponentStart < bytes.count,
            bytes[exponentStart] == UInt8(ascii: "+") || bytes[exponentStart] == UInt8(ascii: "-")
        {
            exponentSign = bytes[exponentStart] == UInt8(ascii: "-") ? -1 : 1
            exponentStart += 1
        }
        guard exponentStart < bytes.count, bytes[exponentStart...].allSatisfy(isDigit) else { return text }
        // The exponent saturates: beyond a million digits it is out of range whatever it is exactly.
        var exponent = 0
        for byte in bytes[exponentStart...] { exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), 1_000_000) }
        // `point`: how many of `digits` stand before the decimal point.
        var point = integerDigits.count + exponentSign * exponent
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            point -= 1
        }
        if digits.isEmpty { return "0" }
        while digits.count > max(point, 0), digits.last == UInt8(ascii: "0") { digits.removeLast() }
        guard point <= maximumPlainDigits, point >= -maximumPlainDigits else { return text }
        let zero = UInt8(ascii: "0")
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if point <= 0 {
            out += [zero, UInt8(ascii: ".")] + Array(repeating: zero, count: -point) + digits
        } else if point >= digits.count {
            out += digits + Array(repeating: zero, count: point - digits.count)
        } else {
            out += digits[..<point] + [UInt8(ascii: ".")] + digits[point...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// How a number reads as a 64-bit integer.
    enum Integer: Equatable {
        /// Exactly this integer (`3`, `3.0`, `3e2`).
        case exact(Int64)
        /// Not an integer; its integer part (`3.5` -> 3), which fits.
        case fraction(Int64)
        /// Beyond Int64 (`1e400`, a 30-digit integer).
        case outOfRange
    }

    static func integer(_ text: String) -> Integer {
        if let value = Int64(text) { return .exact(value) }
        let plain = plainText(text)
        if let value = Int64(plain) { return .exact(value) }
        guard let dot = plain.utf8.firstIndex(of: UInt8(ascii: ".")) else { return .outOfRange }
        var whole = String(plain[..<dot])
        if whole == "-" || whole.isEmpty { whole = "0" }
        guard let value = Int64(whole) else { return .outOfRange }
        // A fraction of only zeros (`3.000`) is the integer itself.
        let fraction = plain.utf8[plain.utf8.index(after: dot)...]
        return fraction.allSatisfy { $0 == UInt8(ascii: "0") } ? .exact(value) : .fraction(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
