import BillingCore

extension WorldSimulator {
    /// Coupons added to and removed from active subscriptions, a few a week per hundred subscriptions: a
    /// forever percentage coupon added is contraction, one removed is expansion. Chargify logs no event for
    /// either (api-reference.md "Events and history"): only `updated_at` moves, so billtop learns of them by
    /// observation at its next sync.
    ///
    /// Draws come from their own stream per step, so the rest of the world (renewals, seats, cancellations)
    /// is what it was before coupons changed.
    mutating func couponChanges(from: Int64, to: Int64, hours: Double) {
        guard
            let coupon = company.coupons.first(where: {
                $0.offered && $0.recurring && $0.durationPeriodCount == nil && $0.percentage != nil
                    && $0.endDay == nil
            })
        else { return }
        var draws = SandboxRandom(seed: company.seed, stream: 0x7200_0000_0000 + UInt64(max(0, to)))
        let count = company.subscriptions.count
        guard count > 0 else { return }
        var expected = Double(count) * 0.0005 * hours
        while expected > 0 {
            defer { expected -= 1 }
            guard draws.chance(fraction: min(1, expected)) else { continue }
            let index = draws.below(count)
            var s = company.subscriptions[index]
            guard s.state == "active" else { continue }
            let at = from + Int64(draws.below(Int(max(1, to - from))))
            company.couponChanges.append(
                SandboxCouponChange(subscriptionID: s.id, at: at, codesBefore: s.couponCodes))
            if s.couponCodes.isEmpty {
                s.couponCodes = [coupon.code]
            } else {
                s.couponCodes = []
            }
            s.updatedAt = max(s.updatedAt, at)
            company.subscriptions[index] = s
        }
    }
}
