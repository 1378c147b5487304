import BillingCore

/// How many invoices a site is expected to hold, from its subscriptions alone: each one billed once per
/// period from its activation (or creation) to its end (cancellation, expiry) or now. An estimate: it
/// misses one-off invoices, trials billed nothing, and periods billed in advance; the header says so.
public enum InvoiceForecast {
    /// Periods billed by `subscription` up to `now` (seconds since 1970): the first at its start, then one
    /// per whole interval. A trial not yet converted has billed nothing.
    public static func periodsBilled(_ subscription: Subscription, now: Int64) -> Int {
        guard subscription.state != .trialing,
            let start = (subscription.activatedAt ?? subscription.createdAt)?.secondsSinceEpoch
        else { return 0 }
        let ended = [subscription.canceledAt, subscription.state == .expired ? subscription.expiresAt : nil]
            .compactMap { $0?.secondsSinceEpoch }.min()
        let end = min(ended ?? now, now)
        guard end >= start else { return 0 }
        return Int((end - start) / intervalSeconds(subscription.interval)) + 1
    }

    /// An interval's length in seconds: a month is 365.25/12 days.
    static func intervalSeconds(_ interval: BillingInterval) -> Int64 {
        let count = Int64(max(1, interval.count))
        switch interval.unit {
        case .month: return count * 2_629_800
        case .day: return count * 86_400
        }
    }
}
