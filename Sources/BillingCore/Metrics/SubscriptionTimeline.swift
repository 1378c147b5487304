/// A subscription's history as dated versions: observed ones kept from syncs, earlier ones rebuilt from the
/// provider's events with previous values, and, where nothing tells, today's version back-filled and labelled.
public struct SubscriptionTimeline: Hashable, Sendable {
    /// Ascending by `from`; the first has `from == nil`; on a shared day the later entry wins.
    public private(set) var revisions: [SubscriptionRevision]

    /// Today's version over the whole life, labelled back-filled (the behaviour before issue 21).
    public init(backFilled subscription: Subscription) {
        revisions = [SubscriptionRevision(from: nil, subscription: subscription, basis: .backFilled)]
    }

    init(revisions: [SubscriptionRevision]) { self.revisions = revisions }

    /// The version in force on `day` (end of day: the last change that day).
    public func revision(on day: LocalDate) -> SubscriptionRevision {
        var low = 0
        var high = revisions.count
        while low < high {
            let mid = (low + high) / 2
            if let from = revisions[mid].from, from > day { high = mid } else { low = mid + 1 }
        }
        return revisions[max(0, low - 1)]
    }

    /// MRR on `day` from the version in force then.
    public func mrr(on day: LocalDate, settings: MetricsSettings = .standard) -> Money {
        SubscriptionMRR.mrr(of: revision(on: day).subscription, on: day, settings: settings)
    }

    /// Stretches with the same subscription value merged: (first day or nil, last day or nil, version).
    func pricingSegments() -> [(from: LocalDate?, until: LocalDate?, subscription: Subscription)] {
        var segments: [(from: LocalDate?, until: LocalDate?, subscription: Subscription)] = []
        for (index, revision) in revisions.enumerated() {
            let next = index + 1 < revisions.count ? revisions[index + 1].from : nil
            let until = next?.adding(days: -1)
            if let last = segments.last, last.subscription == revision.subscription {
                segments[segments.count - 1].until = until
            } else {
                segments.append((revision.from, until, revision.subscription))
            }
        }
        // A version replaced on the day it took effect never holds at the end of a day.
        return segments.filter { segment in
            guard let from = segment.from, let until = segment.until else { return true }
            return from <= until
        }
    }

    /// Days in `first...last` on which MRR may change (always including `first`).
    func breakpoints(from first: LocalDate, through last: LocalDate) -> [LocalDate] {
        var days: Set<LocalDate> = [first]
        for segment in pricingSegments() {
            let start = max(first, segment.from ?? first)
            let stop = min(last, segment.until ?? last)
            guard start <= stop else { continue }
            days.formUnion(MRRHistory.breakpoints(of: segment.subscription, from: start, through: stop))
        }
        return days.sorted()
    }
}
