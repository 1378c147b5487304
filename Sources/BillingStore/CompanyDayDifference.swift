import BillingCore
import GRDB

/// Moves `metrics_company_day` (company MRR and paying customers per currency and day) by what a few customers'
/// MRR points changed: the old points' steps are taken out and the new ones put in, as running sums over the
/// history, so only the days whose figures moved are written.
struct CompanyDayDifference {
    /// Per currency, per day: the change of the day's step in MRR and in paying customers.
    private var steps: [String: [Int: (mrr: Int64, paying: Int)]] = [:]
    /// Currencies the changed customers have points in now.
    private var present: Set<String> = []

    /// Takes out one customer-currency's old points (ascending by day).
    mutating func remove(currency: String, points: [(day: Int, minor: Int64)]) { add(currency, points, sign: -1) }

    /// Puts in one customer-currency's new points.
    mutating func insert(currency: String, points: [(day: Int, minor: Int64)]) {
        if !points.isEmpty { present.insert(currency) }
        add(currency, points, sign: 1)
    }

    private mutating func add(_ currency: String, _ points: [(day: Int, minor: Int64)], sign: Int) {
        var previous: Int64 = 0
        for point in points {
            var step = steps[currency, default: [:]][point.day] ?? (0, 0)
            step.mrr += Int64(sign) * (point.minor - previous)
            step.paying += sign * ((point.minor > 0 ? 1 : 0) - (previous > 0 ? 1 : 0))
            steps[currency, default: [:]][point.day] = step
            previous = point.minor
        }
    }

    /// Applies the difference to the stored days `first...last` (call after the new points are stored).
    func apply(_ db: Database, sourceID: Int64, from first: LocalDate, through last: LocalDate) throws {
        let update = try db.cachedStatement(
            sql: """
                UPDATE metrics_company_day SET mrr_minor = mrr_minor + ?, paying_customers = paying_customers + ?
                WHERE source_id = ? AND currency = ? AND day = ?
                """)
        let insert = try db.cachedStatement(sql: "INSERT INTO metrics_company_day VALUES (?, ?, ?, ?, ?)")
        for (currency, byDay) in steps {
            let stored =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM metrics_company_day WHERE source_id = ? AND currency = ?)",
                    arguments: [sourceID, currency]) ?? false
            if !present.contains(currency), stored, try !anyPoint(db, sourceID: sourceID, currency: currency) {
                // The currency's last customer left it: a recompute would have no row for it at all.
                try db.execute(
                    sql: "DELETE FROM metrics_company_day WHERE source_id = ? AND currency = ?",
                    arguments: [sourceID, currency])
                continue
            }
            guard stored || present.contains(currency) else { continue }
            var mrr: Int64 = 0
            var paying = 0
            for day in first.daysSinceEpoch...last.daysSinceEpoch {
                if let step = byDay[day] {
                    mrr += step.mrr
                    paying += step.paying
                }
                if !stored {
                    try insert.execute(arguments: [sourceID, currency, day, mrr, paying])
                } else if mrr != 0 || paying != 0 {
                    try update.execute(arguments: [mrr, paying, sourceID, currency, day])
                }
            }
        }
    }

    private func anyPoint(_ db: Database, sourceID: Int64, currency: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM metrics_mrr_point WHERE source_id = ? AND currency = ?)",
            arguments: [sourceID, currency]) ?? false
    }
}
