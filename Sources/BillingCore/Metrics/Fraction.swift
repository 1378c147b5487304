/// An exact non-negative-denominator fraction in 128 bits, for computing a line before its one rounding.
struct Fraction: Hashable, Sendable, Comparable {
    var numerator: Int128
    var denominator: Int128

    init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0, "zero denominator")
        let sign: Int128 = denominator < 0 ? -1 : 1
        let divisor = Fraction.gcd(numerator < 0 ? -numerator : numerator, denominator < 0 ? -denominator : denominator)
        let g = divisor == 0 ? 1 : divisor
        self.numerator = sign * numerator / g
        self.denominator = sign * denominator / g
    }

    /// A decimal as a fraction: significand / 10^scale.
    init(_ decimal: ExactDecimal) {
        var denominator: Int128 = 1
        for _ in 0..<max(0, decimal.scale) { denominator *= 10 }
        self.init(Int128(decimal.significand), denominator)
    }

    static let zero = Fraction(0)

    static func + (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    static func - (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
    }

    static func * (a: Fraction, b: Fraction) -> Fraction {
        Fraction(a.numerator * b.numerator, a.denominator * b.denominator)
    }

    static func < (a: Fraction, b: Fraction) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// Rounded half-even to an integer (the minor unit).
    var roundedHalfEven: Int64 { Rounding.divideHalfEven(wideNumerator: numerator, by: denominator) }

    private static func gcd(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
