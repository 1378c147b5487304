/// Integer division with banker's rounding, computed in 128 bits so products of prices never overflow.
public enum Rounding {
    /// `numerator / denominator` rounded half-to-even. `denominator` must not be zero.
    public static func divideHalfEven(_ numerator: Int64, by denominator: Int64) -> Int64 {
        divideHalfEven(wideNumerator: Int128(numerator), by: Int128(denominator))
    }

    /// `(a * b) / denominator` rounded half-to-even, without intermediate overflow.
    public static func multiplyDivideHalfEven(_ a: Int64, _ b: Int64, by denominator: Int64) -> Int64 {
        divideHalfEven(wideNumerator: Int128(a) * Int128(b), by: Int128(denominator))
    }

    /// 128-bit numerator over denominator, rounded half-to-even and clamped to Int64.
    public static func divideHalfEven(wideNumerator: Int128, by wideDenominator: Int128) -> Int64 {
        precondition(wideDenominator != 0, "division by zero")
        var n = wideNumerator
        var d = wideDenominator
        if d < 0 { n = -n; d = -d }
        var q = n / d
        let r = n % d
        let twiceRemainder = (r < 0 ? -r : r) * 2
        if twiceRemainder > d || (twiceRemainder == d && q % 2 != 0) {
            q += n < 0 ? -1 : 1
        }
        if q > Int128(Int64.max) { return Int64.max }
        if q < Int128(Int64.min) { return Int64.min }
        return Int64(q)
    }
}
