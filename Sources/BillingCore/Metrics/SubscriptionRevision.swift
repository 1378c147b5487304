/// One version of a subscription's MRR inputs and the day it took effect (its history is a list of these).
public struct SubscriptionRevision: Hashable, Sendable {
    /// The first day this version holds, or nil: from the subscription's start.
    public var from: LocalDate?
    /// The subscription as it was: price, interval, components, coupons and state.
    public var subscription: Subscription
    /// How it is known.
    public var basis: HistoryBasis

    public init(from: LocalDate?, subscription: Subscription, basis: HistoryBasis) {
        self.from = from
        self.subscription = subscription
        self.basis = basis
    }
}

/// A version billtop saw at a sync, kept once the provider changed the subscription again (the store's
/// `subscription_observation`): it held from `at`, the provider's `updated_at`, until the next version.
public struct ObservedSubscription: Hashable, Sendable {
    public var at: Timestamp
    public var subscription: Subscription

    public init(at: Timestamp, subscription: Subscription) {
        self.at = at
        self.subscription = subscription
    }

    /// Whether two versions charge the same: what makes a new observation worth keeping.
    public static func samePricing(_ a: Subscription, _ b: Subscription) -> Bool {
        a.state == b.state && a.productID == b.productID && a.productPrice == b.productPrice
            && a.interval == b.interval && a.components == b.components && a.coupons == b.coupons
            && a.canceledAt == b.canceledAt && a.expiresAt == b.expiresAt && a.onHoldAt == b.onHoldAt
            && a.hasScheduledCancellation == b.hasScheduledCancellation
            && a.scheduledCancellationAt == b.scheduledCancellationAt
    }
}
