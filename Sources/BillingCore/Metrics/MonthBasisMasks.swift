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
            MRRHistory.countingMonths(of: timeline, from: first, through: last, settings: settings) { basis, months in
                let width = UInt64(months.count)
                let bits = (width >= 64 ? UInt64.max : (UInt64(1) << width) - 1) << UInt64(months.lowerBound)
                masks[customer, default: [:]][basis, default: 0] |= bits
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
