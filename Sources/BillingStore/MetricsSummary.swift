import BillingCore

/// When and from what a source's aggregates were last computed.
public struct MetricsRefreshInfo: Hashable, Sendable, Codable {
    /// The day the figures are as of.
    public var asOf: LocalDate
    /// The first day of the back-filled history; bridges start the day after.
    public var historyFrom: LocalDate
    /// Subscriptions, or the invoice-line estimate (label it).
    public var basis: MRRBasis
    /// Seconds since epoch of the refresh.
    public var refreshedAt: Int64
    public var durationMs: Int

    public init(asOf: LocalDate, historyFrom: LocalDate, basis: MRRBasis, refreshedAt: Int64, durationMs: Int) {
        self.asOf = asOf
        self.historyFrom = historyFrom
        self.basis = basis
        self.refreshedAt = refreshedAt
        self.durationMs = durationMs
    }
}

/// The MRR pane's figures for one currency.
public struct CurrencyMRRSummary: Hashable, Sendable, Codable {
    public var currency: Currency
    public var mrr: Money
    public var arr: Money
    /// nil with no paying customers.
    public var arpa: Money?
    public var payingCustomers: Int
    /// This period's movements (the month of the as-of day, up to it).
    public var bridge: MRRBridge
    public var grossChurn: ExactRatio?
    public var netChurn: ExactRatio?
    public var nrr: ExactRatio?
    /// Month-end MRR, oldest first; the last point is the as-of day.
    public var trend: [MRRSeries.Point]
    /// Usage run-rate, scheduled churn, open receivable and MRR at risk: known only for the refresh day.
    public var usageRunRate: Money?
    public var scheduledChurn: Money?
    public var openReceivable: Money?
    public var mrrAtRisk: Money?
}

/// MRR per currency with this month's movements and a trend; per-currency figures are the primary ones.
public struct MRRSummary: Hashable, Sendable, Codable {
    public var asOf: LocalDate
    /// First day of the movement period (start of the as-of month, or the day after history begins).
    public var periodStart: LocalDate
    public var basis: MRRBasis
    /// How the movement period's history is known (observed, events, invoices, back-filled); nil before v9.
    public var periodBasis: HistoryBasis?
    /// The weakest basis over the trend's months.
    public var trendBasis: HistoryBasis?
    public var currencies: [CurrencyMRRSummary]
    /// The optional converted total (labelled, with its rate date); nil without a complete rate table.
    public var converted: ConvertedTotal?

    /// MRR of every currency as totals.
    public var mrr: MoneyTotals { MoneyTotals(currencies.map(\.mrr)) }
}

/// One customer's metrics in one currency, as of the last refresh (the customers pane's columns).
public struct CustomerMetrics: Hashable, Sendable, Codable {
    public var customerID: String
    public var currency: Currency
    public var mrr: Money
    public var usageRunRate: Money
    /// Outstanding on overdue invoices.
    public var overdue: Money
    public var oldestOverdueDue: LocalDate?

    public init(
        customerID: String, currency: Currency, mrr: Money, usageRunRate: Money, overdue: Money,
        oldestOverdueDue: LocalDate?
    ) {
        self.customerID = customerID
        self.currency = currency
        self.mrr = mrr
        self.usageRunRate = usageRunRate
        self.overdue = overdue
        self.oldestOverdueDue = oldestOverdueDue
    }
}

/// How `MetricsStore.topCustomers` orders.
public enum CustomerMetricsSort: String, Sendable, CaseIterable {
    case mrr, overdue
}
