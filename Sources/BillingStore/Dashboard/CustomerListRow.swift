import BillingCore

/// One customer as the customers pane lists it: its fields, its MRR and overdue totals from the metrics
/// aggregates, and the telling state of its live subscriptions (`RowSortKeys.tellingState`).
public struct CustomerListRow: Sendable, Equatable {
    public var sourceName: String
    public var customer: Customer
    public var mrr: MoneyTotals
    public var state: SubscriptionState?
    public var overdue: MoneyTotals

    public init(
        sourceName: String, customer: Customer, mrr: MoneyTotals, state: SubscriptionState?, overdue: MoneyTotals
    ) {
        self.sourceName = sourceName
        self.customer = customer
        self.mrr = mrr
        self.state = state
        self.overdue = overdue
    }
}
