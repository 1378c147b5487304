import BillingCore
import GRDB

/// Movements per month, each month's basis, and one customer's MRR over time (issue 21).
extension MetricsStore {
    /// Each month's basis label of the stored history, keyed by the month's first day.
    public func monthBases(sourceID: Int64) throws -> [LocalDate: HistoryBasis] {
        try aggregates.read { db in try Self.monthBases(db, sourceID: sourceID) }
    }

    static func monthBases(_ db: Database, sourceID: Int64) throws -> [LocalDate: HistoryBasis] {
        var bases: [LocalDate: HistoryBasis] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT month, basis FROM metrics_month_basis WHERE source_id = ?", arguments: [sourceID])
        {
            bases[LocalDate(daysSinceEpoch: row["month"])] = HistoryBasis(rawValue: row["basis"]) ?? .backFilled
        }
        return bases
    }

    /// The weakest basis over the months that overlap `from...through` (nil when none is stored).
    public func basis(sourceID: Int64, from: LocalDate, through: LocalDate) throws -> HistoryBasis? {
        let bases = try monthBases(sourceID: sourceID)
        return bases.filter { $0.key <= through && $0.key.endOfMonth >= from }.values.max()
    }

    /// The bridge of every month from `from`'s month through `through` (each month clamped to the range and
    /// to the stored history), with its basis.
    public func monthlyMovements(sourceID: Int64, from: LocalDate, through: LocalDate) throws -> [MonthMovements] {
        try aggregates.read { db in
            guard let info = try Self.refreshInfo(db, sourceID: sourceID) else { return [] }
            let bases = try Self.monthBases(db, sourceID: sourceID)
            let first = max(from, info.historyFrom.adding(days: 1))
            let last = min(through, info.asOf)
            var months: [MonthMovements] = []
            var month = first.startOfMonth
            while month <= last {
                let start = max(month, first)
                let end = min(month.endOfMonth, last)
                months.append(
                    MonthMovements(
                        month: month, from: start, through: end, basis: bases[month] ?? .backFilled,
                        bridges: try Self.bridges(db, sourceID: sourceID, from: start, through: end, info: info)))
                month = month.adding(months: 1)
            }
            return months
        }
    }

    /// One customer's MRR over time with each movement, per currency: for the customer screen.
    public func customerHistory(sourceID: Int64, customerID: String) throws -> CustomerMRRHistory {
        try aggregates.read { db in
            var history = CustomerMRRHistory(customerID: customerID)
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT currency, day, mrr_minor FROM metrics_mrr_point
                    WHERE source_id = ? AND customer_remote_id = ? ORDER BY currency, day
                    """, arguments: [sourceID, customerID])
            {
                guard let currency = Currency(row["currency"]) else { continue }
                history.points.append(
                    CustomerMRRHistory.Point(
                        day: LocalDate(daysSinceEpoch: row["day"]),
                        mrr: Money(minorUnits: row["mrr_minor"], currency: currency)))
            }
            for row in try Row.fetchAll(
                db, sql: MovementByCustomerIndex.customerMovements, arguments: [sourceID, customerID])
            {
                guard let currency = Currency(row["currency"]), let kind = MRRMovement.Kind(rawValue: row["kind"])
                else { continue }
                history.movements.append(
                    MRRMovement(
                        date: LocalDate(daysSinceEpoch: row["day"]), customerID: customerID, kind: kind,
                        amount: Money(minorUnits: row["amount_minor"], currency: currency)))
            }
            history.bases = try Self.monthBases(db, sourceID: sourceID)
            return history
        }
    }
}

/// One month's (or part month's) bridges per currency and how its history is known.
public struct MonthMovements: Hashable, Sendable {
    /// The month's first day.
    public var month: LocalDate
    public var from: LocalDate
    public var through: LocalDate
    public var basis: HistoryBasis
    public var bridges: [MRRBridge]
}

/// A customer's MRR change points and movements per currency, with the source's month bases for labels.
public struct CustomerMRRHistory: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        /// From this day on, MRR is `mrr` (until the next point of the same currency).
        public var day: LocalDate
        public var mrr: Money

        public init(day: LocalDate, mrr: Money) {
            self.day = day
            self.mrr = mrr
        }
    }

    public var customerID: String
    public var points: [Point] = []
    public var movements: [MRRMovement] = []
    /// The source's basis per month (the customer's own months carry at most this).
    public var bases: [LocalDate: HistoryBasis] = [:]

    public init(customerID: String) { self.customerID = customerID }
}
