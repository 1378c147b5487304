/// Builds daily MRR history (as change points) from subscriptions or, for invoice-only sources, invoices.
public enum MRRHistory {
    /// Change points of every customer-currency between `first` and `last` from subscriptions.
    ///
    /// A subscription's MRR can only change on its start, its end, a scheduled end, or a coupon's start
    /// or end; it is evaluated on those days only. Back-fill uses each subscription's current price,
    /// quantities and coupons across its whole life: the sources expose no price history, so an upgrade
    /// shows as if the subscription had always been at today's price (documented in DECISIONS.md).
    public static func fromSubscriptions(
        _ subscriptions: some Sequence<Subscription>, from first: LocalDate, through last: LocalDate,
        settings: MetricsSettings = .standard
    ) -> MRRSeries {
        var deltas: [CustomerCurrency: [Int: Int64]] = [:]
        for subscription in subscriptions {
            let key = CustomerCurrency(customerID: subscription.customerID, currency: subscription.currency)
            var previous: Int64 = 0
            for day in breakpoints(of: subscription, from: first, through: last) {
                let value = SubscriptionMRR.mrr(of: subscription, on: day, settings: settings).minorUnits
                if value != previous {
                    deltas[key, default: [:]][day.daysSinceEpoch, default: 0] += value - previous
                    previous = value
                }
            }
        }
        return series(from: deltas)
    }

    /// Change points estimated from recurring invoice lines, each counting on the days its period covers.
    public static func fromInvoices(_ invoices: some Sequence<Invoice>, from first: LocalDate, through last: LocalDate)
        -> MRRSeries
    {
        var deltas: [CustomerCurrency: [Int: Int64]] = [:]
        for invoice in invoices where InvoiceMRREstimator.countsAsRevenue(invoice) {
            for line in invoice.lineItems {
                guard let (monthly, covers) = InvoiceMRREstimator.monthlyAmount(of: line), !monthly.isZero else {
                    continue
                }
                let start = max(covers.lowerBound, first)
                let stop = covers.upperBound.adding(days: 1)
                guard start <= last, stop > start else { continue }
                let key = CustomerCurrency(customerID: invoice.customerID, currency: monthly.currency)
                deltas[key, default: [:]][start.daysSinceEpoch, default: 0] += monthly.minorUnits
                if stop <= last { deltas[key, default: [:]][stop.daysSinceEpoch, default: 0] -= monthly.minorUnits }
            }
        }
        return series(from: deltas)
    }

    /// Days on which a subscription's MRR may change, within `first...last` (always including `first`).
    static func breakpoints(of subscription: Subscription, from first: LocalDate, through last: LocalDate)
        -> [LocalDate]
    {
        var days: Set<LocalDate> = [first]
        func add(_ day: LocalDate?) { if let day, day > first, day <= last { days.insert(day) } }
        add(SubscriptionMRR.startDate(of: subscription))
        add(SubscriptionMRR.endDate(of: subscription))
        add(SubscriptionMRR.endDate(of: subscription, settings: MetricsSettings(unpaidCountsInMRR: true)))
        add(SubscriptionMRR.scheduledEnd(of: subscription))
        for coupon in subscription.coupons {
            let applied = (coupon.appliedAt ?? subscription.activatedAt ?? subscription.createdAt)?.utcDate
            add(applied)
            add(coupon.endsAt?.utcDate)
            if let applied, let periods = coupon.durationPeriods {
                add(CouponSchedule.end(of: periods, intervals: subscription.interval, from: applied))
            }
        }
        return days.sorted()
    }

    static func series(from deltas: [CustomerCurrency: [Int: Int64]]) -> MRRSeries {
        var series = MRRSeries()
        for key in deltas.keys.sorted() {
            var running: Int64 = 0
            for day in deltas[key]!.keys.sorted() {
                running += deltas[key]![day]!
                series.append(key, day: LocalDate(daysSinceEpoch: day), minorUnits: running)
            }
        }
        return series
    }
}
