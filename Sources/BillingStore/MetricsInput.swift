import BillingCore

/// The synced data one refresh computes from (one source).
public struct MetricsInput: Sendable {
    public var customers: [Customer]
    public var subscriptions: [Subscription]
    /// Collectible invoices (for aging and dunning), plus every invoice with lines when MRR must be estimated.
    public var invoices: [Invoice]
    /// Dunning-related events (failures, successes, dunning steps).
    public var events: [BillingEvent]

    public init(customers: [Customer], subscriptions: [Subscription], invoices: [Invoice], events: [BillingEvent]) {
        self.customers = customers
        self.subscriptions = subscriptions
        self.invoices = invoices
        self.events = events
    }

    /// Subscriptions when the source has them; otherwise MRR is an estimate from invoice lines.
    public var basis: MRRBasis { subscriptions.isEmpty ? .invoiceLineEstimate : .subscriptions }
}
