/// Which basis each customer's history had in which month, as one bit per month: what an incremental refresh
/// keeps per customer so a month's label (`MRRHistory.monthBases`, the weakest basis of any subscription that
/// counted) can be updated by difference when a few customers change, instead of rebuilt from every timeline.
public struct MonthBasisMasks: Sendable, Hashable {
    /// Bit `i` of `masks[customer][basis]` is the `i`-th month from `first`'s month.
    public var masks: [String: [HistoryBasis: UInt64]] = [:]
    public let first: LocalDate
    public let months: Int

    /// The most months a mask holds.
    public static let capacity = 64

    /// The masks of `timelines` for `first...last`, with the rule of `MRRHistory.monthBases`; nil when the range
    /// has more months than a mask holds.
    public init?(
        _ timelines: some Sequence<SubscriptionTimeline>, from first: LocalDate, through last: LocalDate,
        settings: MetricsSettings = .standard
    ) {
        let base = first.year * 12 + first.month - 1
        months = last.year * 12 + last.month - base
        guard months <= Self.capacity else { return nil }
        self.first = first
        for timeline in timelines {
            let customer = timeline.revisions.last!.subscription.customerID
            for (index, revision) in timeline.revisions.enumerated() {
                let next = index + 1 < timeline.revisions.count ? timeline.revisions[index + 1].from : nil
                let version = revision.subscription
                var start = max(first, revision.from ?? first)
                var stop = min(last, next?.adding(days: -1) ?? last)
                if let live = SubscriptionMRR.startDate(of: version) { start = max(start, live) }
                if let end = SubscriptionMRR.endDate(of: version, settings: settings) {
                    stop = min(stop, end.adding(days: -1))
                }
                guard start <= stop, SubscriptionMRR.isCounting(version, on: start, settings: settings) else {
                    continue
                }
                let low = start.year * 12 + start.month - 1 - base
                let high = stop.year * 12 + stop.month - 1 - base
                let bits =
                    (high - low + 1 >= 64 ? UInt64.max : (UInt64(1) << UInt64(high - low + 1)) - 1) << UInt64(low)
                masks[customer, default: [:]][revision.basis, default: 0] |= bits
            }
        }
    }

    /// The month labels these masks give: per month, the weakest basis any customer had in it.
    public var monthBases: [LocalDate: HistoryBasis] {
        var counts = [[HistoryBasis: Int]](repeating: [:], count: months)
        for byBasis in masks.values {
            for (basis, mask) in byBasis { Self.add(mask, basis, times: 1, to: &counts) }
        }
        return Self.bases(counts, first: first)
    }

    /// Adds `times` (negative to remove) for each month set in `mask` to `counts`.
    public static func add(_ mask: UInt64, _ basis: HistoryBasis, times: Int, to counts: inout [[HistoryBasis: Int]]) {
        for month in counts.indices where mask & (UInt64(1) << UInt64(month)) != 0 {
            counts[month][basis, default: 0] += times
        }
    }

    /// Per month with any count above zero, the weakest such basis (keyed by the month's first day).
    public static func bases(_ counts: [[HistoryBasis: Int]], first: LocalDate) -> [LocalDate: HistoryBasis] {
        var bases: [LocalDate: HistoryBasis] = [:]
        for (offset, byBasis) in counts.enumerated() {
            if let worst = byBasis.filter({ $0.value > 0 }).keys.max() {
                bases[first.startOfMonth.adding(months: offset)] = worst
            }
        }
        return bases
    }
}
