/// A ratio kept as two integers (churn rates, NRR), so percentages never pass through `Double`.
public struct ExactRatio: Hashable, Sendable, Codable, CustomStringConvertible {
    public var numerator: Int64
    /// Always positive.
    public var denominator: Int64

    /// nil when `denominator` is zero (a rate over an empty start is undefined, not 0%).
    public init?(_ numerator: Int64, over denominator: Int64) {
        guard denominator != 0 else { return nil }
        self.numerator = denominator < 0 ? -numerator : numerator
        self.denominator = denominator < 0 ? -denominator : denominator
    }

    /// The ratio in basis points of a percent, i.e. percent x 10^decimals, rounded half-even.
    public func percentScaled(decimals: Int) -> Int64 {
        var scale: Int64 = 100
        for _ in 0..<max(0, decimals) { scale *= 10 }
        return Rounding.multiplyDivideHalfEven(numerator, scale, by: denominator)
    }

    /// "12.5%" with `decimals` digits, rounded half-even only here, at formatting.
    public func percentString(decimals: Int = 1) -> String {
        ExactDecimal(significand: percentScaled(decimals: decimals), scale: max(0, decimals)).description + "%"
    }

    /// True when both ratios are the same number (2/4 == 1/2).
    public func isEqual(to other: ExactRatio) -> Bool {
        Int128(numerator) * Int128(other.denominator) == Int128(other.numerator) * Int128(denominator)
    }

    public var description: String { percentString() }
}
