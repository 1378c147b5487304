import BillingCore

/// The MRR pane's data: one block per currency for the month containing `asOf`.
public struct MRROverview: Sendable, Equatable {
    public var asOf: LocalDate
    public var currencies: [CurrencyMRR]
    /// Subscriptions set to cancel (scheduled churn), per currency.
    public var scheduledChurn: MoneyTotals
    /// A source's aggregates were never computed yet (see `DunningOverview.computing`).
    public var computing: Bool = false
    /// What the figures leave out and why, one line per gap ("acme: MRR excludes components: GET
    /// /components.json answered 403 Forbidden (12 subscriptions)"); empty when they are complete.
    public var incomplete: [String] = []
    /// How this month's history is known (the weakest over sources); nil when not computed from stored history.
    public var monthBasis: HistoryBasis?
    /// The weakest basis over the trend's months.
    public var trendBasis: HistoryBasis?

    public init(asOf: LocalDate, currencies: [CurrencyMRR], scheduledChurn: MoneyTotals = MoneyTotals()) {
        self.asOf = asOf
        self.currencies = currencies
        self.scheduledChurn = scheduledChurn
    }
}
