/// Walks MRR snapshots in date order and emits movements, remembering who ever had MRR (for reactivation).
public struct MRRMovementTracker: Sendable {
    /// The last day each customer-currency had MRR > 0.
    public private(set) var lastPositiveDay: [CustomerCurrency: LocalDate] = [:]
    /// Days after which a return counts as new instead of reactivation; nil = never.
    public var reactivationWindowDays: Int?

    /// A tracker with no history; pass `MetricsSettings.reactivationWindowDays`.
    public init(reactivationWindowDays: Int? = nil) {
        self.reactivationWindowDays = reactivationWindowDays
    }

    /// Records that a customer had MRR > 0 up to `day` before tracking starts (history before the window).
    public mutating func rememberPositive(_ key: CustomerCurrency, on day: LocalDate) {
        if let known = lastPositiveDay[key], known >= day { return }
        lastPositiveDay[key] = day
    }

    /// The movement between the snapshot before `day` (`before`) and the one on `day` (`after`), if any.
    public mutating func step(_ key: CustomerCurrency, on day: LocalDate, before: Int64, after: Int64) -> MRRMovement? {
        var hadBefore = false
        if before <= 0, let last = lastPositiveDay[key] {
            hadBefore = reactivationWindowDays.map { last.days(until: day) <= $0 } ?? true
        }
        let kind = MRRMovement.Kind.classify(before: before, after: after, hadMRRBefore: hadBefore)
        // The previous snapshot is the day before; a positive one means the customer had MRR then.
        if before > 0 { rememberPositive(key, on: day.adding(days: -1)) }
        if after > 0 { rememberPositive(key, on: day) }
        guard let kind else { return nil }
        let magnitude =
            kind == .new || kind == .reactivation
            ? after
            : kind == .churn
                ? before
                : abs(after - before)
        return MRRMovement(
            date: day, customerID: key.customerID, kind: kind,
            amount: Money(minorUnits: magnitude, currency: key.currency))
    }

    /// Movements from one full snapshot to the next (customers absent from a map have zero MRR).
    public mutating func step(
        on day: LocalDate, from previous: [CustomerCurrency: Int64], to current: [CustomerCurrency: Int64]
    ) -> [MRRMovement] {
        var keys = Set(previous.keys)
        keys.formUnion(current.keys)
        var movements: [MRRMovement] = []
        for key in keys.sorted() {
            if let movement = step(key, on: day, before: previous[key] ?? 0, after: current[key] ?? 0) {
                movements.append(movement)
            }
        }
        return movements
    }
}
