/// Amounts kept apart per currency: the only honest way to total mixed-currency money.
public struct MoneyTotals: Hashable, Sendable, Codable {
    /// Minor units per currency.
    public private(set) var byCurrency: [Currency: Int64] = [:]

    public init() {}

    public init(_ amounts: some Sequence<Money>) {
        for amount in amounts { add(amount) }
    }

    /// Adds an amount to its own currency's total.
    public mutating func add(_ amount: Money) {
        byCurrency[amount.currency, default: 0] = Self.saturating(byCurrency[amount.currency] ?? 0, amount.minorUnits)
    }

    /// Adds every currency of another set of totals.
    public mutating func add(_ other: MoneyTotals) {
        for (currency, minor) in other.byCurrency {
            byCurrency[currency, default: 0] = Self.saturating(byCurrency[currency] ?? 0, minor)
        }
    }

    /// `a + b`, held at Int64's bounds instead of trapping. Each amount read from an API is within
    /// `Money.largestHeld`, so only thousands of the largest ones reach a bound; a hostile server that sends
    /// them gets an absurd total on screen, not a crashed dashboard.
    static func saturating(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard overflow else { return sum }
        return b > 0 ? .max : .min
    }

    public mutating func subtract(_ amount: Money) { add(-amount) }

    /// The total of one currency (zero if absent).
    public subscript(currency: Currency) -> Money {
        Money(minorUnits: byCurrency[currency] ?? 0, currency: currency)
    }

    /// Currencies in a stable order (by code).
    public var currencies: [Currency] { byCurrency.keys.sorted() }

    /// Totals as money values, ordered by currency code.
    public var amounts: [Money] { currencies.map { self[$0] } }

    /// Non-zero totals only, ordered by currency code.
    public var nonZeroAmounts: [Money] { amounts.filter { !$0.isZero } }

    public var isEmpty: Bool { byCurrency.values.allSatisfy { $0 == 0 } }
}
