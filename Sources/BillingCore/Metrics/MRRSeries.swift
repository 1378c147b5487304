/// Daily MRR per customer and currency, stored as change points: the value holds from its day until the next.
///
/// A daily snapshot of 100k customers over two years is 73M rows; change points hold the same information
/// in a few per customer, and any day's snapshot is the last point on or before it.
public struct MRRSeries: Hashable, Sendable {
    /// One change: from `day` on, MRR is `minorUnits`.
    public struct Point: Hashable, Sendable, Codable {
        public var day: LocalDate
        public var minorUnits: Int64

        public init(day: LocalDate, minorUnits: Int64) {
            self.day = day
            self.minorUnits = minorUnits
        }
    }

    /// Points per customer-currency, ascending by day, no two consecutive with the same value.
    public private(set) var points: [CustomerCurrency: [Point]] = [:]

    public init() {}

    /// Appends a change; points must come in day order per key (a same-day point replaces the last one).
    public mutating func append(_ key: CustomerCurrency, day: LocalDate, minorUnits: Int64) {
        var list = points[key] ?? []
        if let last = list.last, last.day == day {
            list.removeLast()
        }
        let previous = list.last?.minorUnits ?? 0
        if previous != minorUnits { list.append(Point(day: day, minorUnits: minorUnits)) }
        points[key] = list.isEmpty ? nil : list
    }

    /// MRR of one key on `day` (0 before its first point).
    public func value(_ key: CustomerCurrency, on day: LocalDate) -> Int64 {
        guard let list = points[key] else { return 0 }
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].day <= day { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? 0 : list[low - 1].minorUnits
    }

    /// The snapshot of every customer-currency with MRR on `day`.
    public func snapshot(on day: LocalDate) -> [CustomerCurrency: Int64] {
        var result: [CustomerCurrency: Int64] = [:]
        for key in points.keys {
            let v = value(key, on: day)
            if v != 0 { result[key] = v }
        }
        return result
    }

    /// Company MRR per currency on `day`.
    public func totals(on day: LocalDate) -> MoneyTotals {
        var totals = MoneyTotals()
        for (key, v) in snapshot(on: day) { totals.add(Money(minorUnits: v, currency: key.currency)) }
        return totals
    }

    /// Every movement from the first recorded day through `last`, day by day, with reactivation memory.
    public func movements(through last: LocalDate, reactivationWindowDays: Int? = nil) -> [MRRMovement] {
        var movements: [MRRMovement] = []
        for key in points.keys.sorted() {
            var tracker = MRRMovementTracker(reactivationWindowDays: reactivationWindowDays)
            var before: Int64 = 0
            for point in points[key]! where point.day <= last {
                if let movement = tracker.step(key, on: point.day, before: before, after: point.minorUnits) {
                    movements.append(movement)
                }
                // The value held every day until this change, so the customer had MRR the day before it.
                before = point.minorUnits
            }
        }
        return movements
    }

    /// Movements on days `first...last` (each against the day before), as bridges per currency.
    public func bridges(from first: LocalDate, through last: LocalDate, reactivationWindowDays: Int? = nil)
        -> [MRRBridge]
    {
        let inPeriod = movements(through: last, reactivationWindowDays: reactivationWindowDays).filter {
            $0.date >= first
        }
        return MRRBridge.build(start: totals(on: first.adding(days: -1)), end: totals(on: last), movements: inPeriod)
    }
}
