/// When a coupon's recurring discount is in force on a subscription.
public enum CouponSchedule {
    /// True when `coupon` reduces the subscription's recurring charge on `date`.
    ///
    /// A non-recurring coupon discounts the first period only, so it is never a recurring discount and
    /// never reduces MRR. A coupon runs from when it was applied (the sandbox contract: `activated_at`)
    /// for `durationPeriods` billing intervals, or until `endsAt`, whichever comes first.
    public static func isInForce(_ coupon: Coupon, on date: LocalDate, subscription: Subscription) -> Bool {
        guard coupon.recurring else { return false }
        let applied = (coupon.appliedAt ?? subscription.activatedAt ?? subscription.createdAt)?.utcDate
        if let applied, date < applied { return false }
        if let ends = coupon.endsAt?.utcDate, date >= ends { return false }
        if let periods = coupon.durationPeriods {
            // Without a start the period count cannot be placed; keep the discount (the conservative MRR).
            guard let applied else { return true }
            if date >= end(of: periods, intervals: subscription.interval, from: applied) { return false }
        }
        return true
    }

    /// The first day after `periods` billing intervals starting on `start`.
    public static func end(of periods: Int, intervals: BillingInterval, from start: LocalDate) -> LocalDate {
        switch intervals.unit {
        case .month: return start.adding(months: periods * intervals.count)
        case .day: return start.adding(days: periods * intervals.count)
        }
    }
}
