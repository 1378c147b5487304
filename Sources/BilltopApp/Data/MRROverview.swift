import BillingCore

/// The MRR pane's data: one block per currency for the month containing `asOf`.
public struct MRROverview: Sendable, Equatable {
    public var asOf: LocalDate
    public var currencies: [CurrencyMRR]
    /// Subscriptions set to cancel (scheduled churn), per currency.
    public var scheduledChurn: MoneyTotals
    /// A source's aggregates were never computed yet (see `DunningOverview.computing`).
    public var computing: Bool = false

    public init(asOf: LocalDate, currencies: [CurrencyMRR], scheduledChurn: MoneyTotals = MoneyTotals()) {
        self.asOf = asOf
        self.currencies = currencies
        self.scheduledChurn = scheduledChurn
    }
}
