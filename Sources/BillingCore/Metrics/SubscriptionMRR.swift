/// MRR of one subscription on a day: its recurring lines, discounts in force, state and lifecycle.
public enum SubscriptionMRR {
    /// The subscription's lines on `date` (usage lines included as run-rate), or none when it does not count.
    ///
    /// `line_mrr = (unit_price x quantity - recurring discounts in force) x norm`, computed exactly and
    /// rounded half-even per line. Percentage coupons discount every recurring line; fixed-amount coupons
    /// (per period, in the subscription's currency) come off the product line first, then components in order,
    /// never below zero. Several percentage coupons add up (Chargify's non-compounding stacking), capped at 100%.
    public static func lines(of subscription: Subscription, on date: LocalDate, settings: MetricsSettings = .standard)
        -> [MRRLine]
    {
        guard isCounting(subscription, on: date, settings: settings) else { return [] }
        return priceLines(of: subscription, on: date)
    }

    /// The subscription's MRR on `date` in its currency (zero when it does not count).
    public static func mrr(of subscription: Subscription, on date: LocalDate, settings: MetricsSettings = .standard)
        -> Money
    {
        var total = Money.zero(subscription.currency)
        for line in lines(of: subscription, on: date, settings: settings) where line.isMRR { total += line.monthly }
        return total
    }

    /// Metered and prepaid usage normalised to a month: shown apart from MRR, never added to it.
    public static func usageRunRate(
        of subscription: Subscription, on date: LocalDate, settings: MetricsSettings = .standard
    ) -> Money {
        var total = Money.zero(subscription.currency)
        for line in lines(of: subscription, on: date, settings: settings) where line.kind == .usage {
            total += line.monthly
        }
        return total
    }

    /// Whether the subscription contributes MRR on `date`: its state counts and the day is inside its life.
    ///
    /// For past days the state is inferred from lifecycle times: it counts from activation (or creation) until
    /// it was canceled (`canceled_at`), expired (`expires_at`), put on hold, or - for states that stopped
    /// counting without a dated field, such as `unpaid` - until its last update. A scheduled cancellation
    /// keeps it counting until the day it takes effect.
    public static func isCounting(
        _ subscription: Subscription, on date: LocalDate, settings: MetricsSettings = .standard
    ) -> Bool {
        let state = subscription.state
        if let start = startDate(of: subscription), date < start { return false }
        if let end = endDate(of: subscription, settings: settings), date >= end { return false }
        if settings.countsInMRR(state) { return true }
        // A subscription that no longer counts still counted while it was live, if it ever went live.
        guard wentLive(subscription) else { return false }
        return endDate(of: subscription, settings: settings) != nil
    }

    /// The first day the subscription counted.
    public static func startDate(of subscription: Subscription) -> LocalDate? {
        (subscription.activatedAt ?? subscription.trialEndedAt ?? subscription.createdAt)?.utcDate
    }

    /// The first day it stopped counting, when that is known or inferable.
    public static func endDate(of subscription: Subscription, settings: MetricsSettings = .standard) -> LocalDate? {
        let state = subscription.state
        if settings.countsInMRR(state) {
            return scheduledEnd(of: subscription)
        }
        switch state {
        case .canceled:
            return (subscription.canceledAt ?? subscription.expiresAt ?? inferredEnd(of: subscription))?.utcDate
        case .expired:
            // The provider's own end first; the period end or the last update only when it gave neither (an
            // expired subscription's current period usually runs past the day it expired).
            return (subscription.expiresAt ?? subscription.canceledAt ?? inferredEnd(of: subscription))?.utcDate
        case .onHold, .paused, .suspended:
            return (subscription.onHoldAt ?? subscription.updatedAt)?.utcDate
        default:
            return subscription.updatedAt?.utcDate
        }
    }

    /// An ended subscription's end guessed from its period and last update, for a provider that sent no end time.
    static func inferredEnd(of subscription: Subscription) -> Timestamp? {
        subscription.currentPeriodEndsAt ?? subscription.updatedAt
    }

    /// When a scheduled cancellation (delayed cancel or cancel at end of period) takes effect.
    public static func scheduledEnd(of subscription: Subscription) -> LocalDate? {
        guard subscription.hasScheduledCancellation else { return nil }
        if let at = subscription.scheduledCancellationAt { return at.utcDate }
        return subscription.currentPeriodEndsAt?.utcDate
    }

    /// A subscription that is live now but is scheduled to end: MRR that will churn.
    public static func scheduledChurn(
        of subscription: Subscription, on date: LocalDate, settings: MetricsSettings = .standard
    ) -> Money? {
        guard scheduledEnd(of: subscription) != nil else { return nil }
        let amount = mrr(of: subscription, on: date, settings: settings)
        return amount.isPositive ? amount : nil
    }

    private static func wentLive(_ subscription: Subscription) -> Bool {
        switch subscription.state {
        case .trialing, .trialEnded, .awaitingSignup, .failedToCreate, .pending: return false
        case .canceled, .expired:
            // Chargify sets activated_at only when a subscription goes live; canceled out of a trial never had MRR.
            if subscription.activatedAt != nil { return true }
            if let previous = subscription.previousState {
                return MetricsSettings(unpaidCountsInMRR: true).countsInMRR(previous)
            }
            return false
        default: return true
        }
    }
}
