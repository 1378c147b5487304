import BillingCore

/// The synced data one refresh computes from (one source).
public struct MetricsInput: Sendable {
    public var customers: [Customer]
    public var subscriptions: [Subscription]
    /// Collectible invoices (for aging and dunning), plus every invoice with lines when MRR must be estimated.
    public var invoices: [Invoice]
    /// Dunning-related events (failures, successes, dunning steps).
    public var events: [BillingEvent]
    /// Versions kept from earlier syncs, per subscription id (issue 21's observed history).
    public var observed: [String: [ObservedSubscription]]
    /// Changes the event log names with previous values, per subscription id.
    public var changes: [String: [SubscriptionChange]]
    /// The oldest stored event's time: history before it cannot be told from events.
    public var eventsSince: Timestamp?
    /// Each product change's previous product as the subscription's last invoice line before it billed it.
    public var billed: [BilledPrice]
    /// The source's price book when the input holds only some customers' subscriptions (an incremental refresh):
    /// a product change's previous price is learnt from every subscription, not from these alone.
    public var priceBook: ProductPriceBook?
    /// The source's basis when the input holds only some customers (one without subscriptions is still
    /// counted from subscriptions when its source has them).
    public var sourceBasis: MRRBasis?

    /// What one subscription was billed for one product per period, on its last invoice line before `before`.
    public struct BilledPrice: Sendable, Hashable {
        public var subscriptionID: String
        public var productID: String
        public var before: Timestamp
        public var unitPrice: Money
    }

    public init(
        customers: [Customer], subscriptions: [Subscription], invoices: [Invoice], events: [BillingEvent],
        observed: [String: [ObservedSubscription]] = [:], changes: [String: [SubscriptionChange]] = [:],
        eventsSince: Timestamp? = nil, billed: [BilledPrice] = []
    ) {
        self.customers = customers
        self.subscriptions = subscriptions
        self.invoices = invoices
        self.events = events
        self.observed = observed
        self.changes = changes
        self.eventsSince = eventsSince
        self.billed = billed
    }

    /// Each subscription's history from what was observed and what the events tell.
    public func timelines() -> [SubscriptionTimeline] {
        var prices = priceBook ?? ProductPriceBook(subscriptions)
        for b in billed {
            prices.addBilled(
                subscriptionID: b.subscriptionID, productID: b.productID, before: b.before, unitPrice: b.unitPrice)
        }
        return subscriptions.map {
            SubscriptionTimeline.build(
                current: $0, observed: observed[$0.id] ?? [], changes: changes[$0.id] ?? [], prices: prices,
                eventsSince: eventsSince)
        }
    }

    /// Subscriptions when the source has them; otherwise MRR is an estimate from invoice lines.
    public var basis: MRRBasis { sourceBasis ?? (subscriptions.isEmpty ? .invoiceLineEstimate : .subscriptions) }
}
