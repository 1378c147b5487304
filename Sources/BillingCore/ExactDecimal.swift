/// An exact decimal number: `significand * 10^-scale`. Parsed from API strings without `Double`.
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    /// The digits as an integer, e.g. 123450 for "1234.50".
    public var significand: Int64
    /// How many of those digits are after the point, e.g. 2 for "1234.50".
    public var scale: Int

    public init(significand: Int64, scale: Int) {
        self.significand = significand
        self.scale = scale
    }

    public init(_ integer: Int64) { self.init(significand: integer, scale: 0) }

    /// Parses "-1234.50", "0.1", "12", "+3.000". Rejects exponents, commas, spaces and more than 18 digits.
    public init?(parsing text: String) {
        var bytes = Substring(text).utf8[...]
        guard !bytes.isEmpty else { return nil }
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var value: Int64 = 0
        var scale = 0
        var seenPoint = false
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if seenPoint { return nil }
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            digits += 1
            // Leading zeros don't use up precision.
            if value == 0 && byte == 48 && !seenPoint { continue }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(byte - 48))
            if o1 || o2 { return nil }
            value = next
            if seenPoint { scale += 1 }
        }
        guard digits > 0 else { return nil }
        self.init(significand: negative ? -value : value, scale: scale)
    }

    /// The value rounded half-even to `digits` decimals, as an integer count of 10^-digits; nil on overflow.
    public func scaled(toDigits digits: Int) -> Int64? {
        if digits >= scale {
            var result = significand
            for _ in 0..<(digits - scale) {
                let (next, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = next
            }
            return result
        }
        var divisor: Int64 = 1
        for _ in 0..<(scale - digits) {
            let (next, overflow) = divisor.multipliedReportingOverflow(by: 10)
            if overflow { return 0 }
            divisor = next
        }
        return Rounding.divideHalfEven(significand, by: divisor)
    }

    /// True when rounding to `digits` decimals would drop a non-zero digit (e.g. "1.005" at 2 digits).
    public func losesPrecision(atDigits digits: Int) -> Bool {
        guard digits < scale else { return false }
        var divisor: Int64 = 1
        for _ in 0..<(scale - digits) {
            let (next, overflow) = divisor.multipliedReportingOverflow(by: 10)
            if overflow { return significand != 0 }
            divisor = next
        }
        return significand % divisor != 0
    }

    public var description: String {
        guard scale > 0 else { return String(significand) }
        let negative = significand < 0
        var digits = String(significand.magnitude)
        while digits.count <= scale { digits = "0" + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return (negative ? "-" : "") + digits[..<split] + "." + digits[split...]
    }
}
