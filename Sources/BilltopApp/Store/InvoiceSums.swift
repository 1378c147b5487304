import BillingCore

/// Count and per-currency sums of every invoice a filter passes (independent of sort and window).
struct InvoiceSums: Sendable {
    var count = 0
    var totals = MoneyTotals()
    var dueTotals = MoneyTotals()
}
