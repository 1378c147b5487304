/// An amount of one currency, in integer minor units (cents, yen, fils). Never a floating-point number.
public struct Money: Hashable, Sendable, Codable {
    /// The amount in minor units of `currency`, e.g. 120000 for $1,200.00.
    public var minorUnits: Int64
    /// The currency the amount is in.
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The largest amount, in minor units either side of zero, that billtop reads from an API: 10^15
    /// (ten trillion dollars in cents; 10^13 rupiah). Above it an amount is unreadable, not stored: sums
    /// of such amounts over a store (Swift's `+` and SQLite's `sum()` both stop at Int64) would overflow
    /// after a few thousand invoices, where at this bound it takes over nine thousand of the largest.
    public static let largestHeld: Int64 = 1_000_000_000_000_000

    /// Whether the amount is within `largestHeld`.
    public var isHeld: Bool { minorUnits >= -Self.largestHeld && minorUnits <= Self.largestHeld }

    /// Zero of a currency.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Why a decimal string could not become money.
    public enum ParseError: Error, Equatable, Sendable {
        case notADecimal(String)
        case tooPrecise(String, currency: String)
        case outOfRange(String)
    }

    /// Parses an API decimal string ("1200.0", "0.10", "-5") into minor units of `currency`.
    /// More digits than the currency has are an error unless they are zeros ("12.500" is fine for USD).
    public static func parse(_ text: String, currency: Currency) throws(ParseError) -> Money {
        let trimmed = text.trimmingASCIISpaces()
        guard let decimal = ExactDecimal(parsing: trimmed) else { throw .notADecimal(text) }
        if decimal.losesPrecision(atDigits: currency.exponent) {
            throw .tooPrecise(text, currency: currency.code)
        }
        guard let minor = decimal.scaled(toDigits: currency.exponent) else { throw .outOfRange(text) }
        return Money(minorUnits: minor, currency: currency)
    }

    /// Parses a decimal string, rounding extra digits half-even instead of failing (for computed values).
    public static func parseRounding(_ text: String, currency: Currency) throws(ParseError) -> Money {
        guard let decimal = ExactDecimal(parsing: text.trimmingASCIISpaces()) else { throw .notADecimal(text) }
        guard let minor = decimal.scaled(toDigits: currency.exponent) else { throw .outOfRange(text) }
        return Money(minorUnits: minor, currency: currency)
    }

    /// Money from Chargify's `*_in_cents` integers, which are minor units of the currency.
    public static func cents(_ value: Int64, _ currency: Currency) -> Money {
        Money(minorUnits: value, currency: currency)
    }

    /// The amount as a plain decimal string with the currency's digits, e.g. "1200.00"; for APIs and CSV.
    public var decimalString: String {
        ExactDecimal(significand: minorUnits, scale: currency.exponent).description
    }

    public var isZero: Bool { minorUnits == 0 }
    public var isPositive: Bool { minorUnits > 0 }
    public var isNegative: Bool { minorUnits < 0 }

    /// Sum of two amounts of the same currency; mixing currencies is a programming error.
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "adding \(lhs.currency) to \(rhs.currency)")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "subtracting \(rhs.currency) from \(lhs.currency)")
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    public static prefix func - (value: Money) -> Money {
        Money(minorUnits: -value.minorUnits, currency: value.currency)
    }

    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    /// Adds when currencies match; returns nil instead of trapping when they do not.
    public func adding(_ other: Money) -> Money? {
        currency == other.currency ? self + other : nil
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
