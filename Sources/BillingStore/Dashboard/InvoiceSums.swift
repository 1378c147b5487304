import BillingCore

/// Count and per-currency sums of every invoice a filter passes (independent of sort and window).
public struct InvoiceSums: Sendable, Equatable {
    public internal(set) var count = 0
    public internal(set) var totals = MoneyTotals()
    public internal(set) var dueTotals = MoneyTotals()
    /// How many of them still owe money (`open_rank = 0`), when known: where the attention order's second
    /// part (the rest, newest first) starts.
    public internal(set) var owed: Int?
    /// How many have a due that could not be read (`InvoiceAmounts.due`; zero in `dueTotals`).
    public internal(set) var unreadableDue = 0

    /// Adds one currency's count and sums (an unknown currency code counts as USD, as rows are drawn).
    mutating func add(currency code: String, count n: Int, total: Int64, due: Int64) {
        let currency = Currency(code) ?? .usd
        count += n
        totals.add(Money(minorUnits: total, currency: currency))
        dueTotals.add(Money(minorUnits: due, currency: currency))
    }
}
