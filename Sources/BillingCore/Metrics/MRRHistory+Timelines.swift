extension MRRHistory {
    /// Change points of every customer-currency between `first` and `last` from subscription histories: each
    /// day's MRR is the version in force that day, so upgrades, downgrades and seat changes move on their day.
    public static func fromTimelines(
        _ timelines: some Sequence<SubscriptionTimeline>, from first: LocalDate, through last: LocalDate,
        settings: MetricsSettings = .standard
    ) -> MRRSeries {
        var deltas: [CustomerCurrency: [Int: Int64]] = [:]
        for timeline in timelines {
            let subscription = timeline.revisions.last!.subscription
            let key = CustomerCurrency(customerID: subscription.customerID, currency: subscription.currency)
            var previous: Int64 = 0
            for day in timeline.breakpoints(from: first, through: last) {
                let version = timeline.revision(on: day).subscription
                // A version in another currency cannot be added to this key's figures; it counts as zero.
                let value =
                    version.currency == subscription.currency
                    ? SubscriptionMRR.mrr(of: version, on: day, settings: settings).minorUnits : 0
                if value != previous {
                    deltas[key, default: [:]][day.daysSinceEpoch, default: 0] += value - previous
                    previous = value
                }
            }
        }
        return series(from: deltas)
    }

    /// The weakest basis of any version that counted in each month of `first...last` (keyed by the month's
    /// first day): the label a month's figures carry.
    public static func monthBases(
        _ timelines: some Sequence<SubscriptionTimeline>, from first: LocalDate, through last: LocalDate,
        settings: MetricsSettings = .standard
    ) -> [LocalDate: HistoryBasis] {
        // Months as array indexes, not dictionary keys: this runs for every revision of every subscription.
        let base = first.year * 12 + first.month - 1
        var worst = [HistoryBasis?](repeating: nil, count: last.year * 12 + last.month - base)
        for timeline in timelines {
            countingMonths(of: timeline, from: first, through: last, settings: settings) { basis, months in
                for month in months { worst[month] = max(worst[month] ?? basis, basis) }
            }
        }
        var bases: [LocalDate: HistoryBasis] = [:]
        for (offset, basis) in worst.enumerated() {
            if let basis { bases[first.startOfMonth.adding(months: offset)] = basis }
        }
        return bases
    }

    /// Calls `visit` with each revision's basis and the months (offsets from `first`'s month) in which that
    /// version counted in MRR within `first...last`.
    public static func countingMonths(
        of timeline: SubscriptionTimeline, from first: LocalDate, through last: LocalDate, settings: MetricsSettings,
        _ visit: (HistoryBasis, ClosedRange<Int>) -> Void
    ) {
        let base = first.year * 12 + first.month - 1
        for (index, revision) in timeline.revisions.enumerated() {
            let next = index + 1 < timeline.revisions.count ? timeline.revisions[index + 1].from : nil
            let version = revision.subscription
            var start = max(first, revision.from ?? first)
            var stop = min(last, next?.adding(days: -1) ?? last)
            if let live = SubscriptionMRR.startDate(of: version) { start = max(start, live) }
            if let end = SubscriptionMRR.endDate(of: version, settings: settings) {
                stop = min(stop, end.adding(days: -1))
            }
            guard start <= stop, SubscriptionMRR.isCounting(version, on: start, settings: settings) else { continue }
            visit(revision.basis, (start.year * 12 + start.month - 1 - base)...(stop.year * 12 + stop.month - 1 - base))
        }
    }
}
