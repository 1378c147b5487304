extension SubscriptionTimeline {
    /// The history of `current` from what the store kept and the provider's events.
    ///
    /// Anchors are the versions billtop observed (each from the provider's `updated_at`, never a sync's clock)
    /// and today's record from its `updated_at`. Between and before anchors, the events' previous values are
    /// undone one by one, newest first. A previous product is priced from the subscription's last invoice line
    /// for it (versions before are labelled from invoices), else from today's price of that product. What
    /// nothing can price (a previous product no subscription is on
    /// now, a price point change alone, a quantity of a component the subscription no longer has) leaves every
    /// earlier version at the later price, labelled back-filled. The version before the first event is
    /// labelled from events when the event log reaches back to the subscription's start (`eventsSince`), so
    /// the absence of events is itself evidence; otherwise back-filled.
    public static func build(
        current: Subscription, observed: [ObservedSubscription] = [], changes: [SubscriptionChange] = [],
        prices: ProductPriceBook, eventsSince: Timestamp? = nil
    ) -> SubscriptionTimeline {
        var anchors = observed.sorted { $0.at < $1.at }
        // Today's record holds at least from its own update and after every change the provider logged (a
        // provider that forgot to bump updated_at must not hide a logged change).
        let latest = [current.updatedAt, anchors.last?.at, changes.map(\.at).max()].compactMap { $0 }.max()
        if let latest { anchors.append(ObservedSubscription(at: latest, subscription: current)) }
        guard !anchors.isEmpty else {
            // No provider time at all: nothing can be dated, so nothing is claimed.
            return SubscriptionTimeline(backFilled: current)
        }
        let ordered = changes.sorted { ($0.at, $0.eventID) > ($1.at, $1.eventID) }
        let productChangeTimes = Set(
            changes.compactMap { change -> Timestamp? in
                if case .product = change.kind { return change.at }
                return nil
            })
        var reversed: [SubscriptionRevision] = []
        // The weakest evidence used so far, walking back: every earlier version is known at most this well.
        var known = HistoryBasis.events
        for index in anchors.indices.reversed() {
            let anchor = anchors[index]
            let floor = index > 0 ? anchors[index - 1].at : nil
            reversed.append(
                SubscriptionRevision(from: anchor.at.utcDate, subscription: anchor.subscription, basis: .observed))
            var version = anchor.subscription
            for change in ordered where change.at <= anchor.at && floor.map({ change.at > $0 }) ?? true {
                if reversed.last?.from != change.at.utcDate || reversed.last?.basis != .observed {
                    reversed.append(
                        SubscriptionRevision(
                            from: change.at.utcDate, subscription: version, basis: known))
                }
                known = max(
                    known, undo(change, on: &version, prices: prices, alongProductChange: productChangeTimes))
            }
            if index == 0 {
                let start = current.activatedAt ?? current.createdAt
                let covered = eventsSince.map { since in start.map { since <= $0 } ?? false } ?? false
                reversed.append(
                    SubscriptionRevision(
                        from: nil, subscription: version, basis: covered ? known : .backFilled))
            }
        }
        return SubscriptionTimeline(revisions: reversed.reversed())
    }

    /// Turns the version after `change` into the version before it and says how well the result is known:
    /// `.events`, `.invoices` when a price came from an invoice line, `.backFilled` when the previous value
    /// cannot be priced (the version then keeps the later price for that part).
    static func undo(
        _ change: SubscriptionChange, on version: inout Subscription, prices: ProductPriceBook,
        alongProductChange: Set<Timestamp>
    ) -> HistoryBasis {
        switch change.kind {
        case .product(let previousID, _):
            version.productID = previousID
            guard
                let (price, basis) = prices.previousPrice(
                    subscriptionID: version.id, productID: previousID, currency: version.currency, at: change.at)
            else { return .backFilled }
            version.productPrice = price.price
            version.interval = price.interval
            return basis
        case .pricePoint:
            // Chargify logs a product change's price point beside it; alone, it is a price migration whose
            // previous price no event gives.
            return alongProductChange.contains(change.at) ? .events : .backFilled
        case .allocation(let componentID, let previous, _):
            guard let index = version.components.firstIndex(where: { $0.componentID == componentID }) else {
                return previous.significand == 0 ? .events : .backFilled
            }
            version.components[index].quantity = previous
            version.components[index].enabled = version.components[index].enabled || previous.significand != 0
            return .events
        case .state(let previous, _):
            version.state = previous
            version.previousState = nil
            // The dated ends belong to the change being undone: before it the subscription had not ended.
            if !previous.isEnded {
                version.canceledAt = nil
                version.expiresAt = nil
            }
            if previous != .onHold && previous != .paused && previous != .suspended { version.onHoldAt = nil }
            // A stopped state with no dated end does not count on any day it held (see SubscriptionMRR.endDate).
            if previous == .onHold || previous == .paused || previous == .suspended {
                version.onHoldAt = nil
                version.updatedAt = nil
            }
            return .events
        }
    }
}
