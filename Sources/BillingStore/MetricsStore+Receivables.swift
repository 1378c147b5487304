import BillingCore
import Foundation
import GRDB

/// Aging, dunning alerts and per-customer figures.
extension MetricsStore {
    /// Aging buckets per currency as of the refresh day (a lookup), or as of an earlier day (rebuilt from
    /// invoices and their payments: a query over owed invoices, for commands, not per frame).
    public func aging(sourceID: Int64, asOf: LocalDate? = nil) throws -> AgingReport {
        let looked: (info: MetricsRefreshInfo?, report: AgingReport?) = try aggregates.read { db in
            let info = try Self.refreshInfo(db, sourceID: sourceID)
            guard let info, asOf == nil || asOf == info.asOf else { return (info, nil) }
            var report = AgingReport(asOf: info.asOf)
            for row in try Row.fetchAll(
                db, sql: "SELECT * FROM metrics_aging WHERE source_id = ? AND invoices > 0", arguments: [sourceID])
            {
                guard let currency = Currency(row["currency"]), let bucket = AgingBucket(rawValue: row["bucket"]) else {
                    continue
                }
                report.add(
                    Money(minorUnits: row["amount_minor"], currency: currency), to: bucket, invoices: row["invoices"])
            }
            return (info, report)
        }
        if let report = looked.report { return report }
        let day = asOf ?? looked.info?.asOf ?? Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)).utcDate
        return try store.pool.read { db in
            AgingReport(invoices: try MetricsInputLoader.invoicesOwed(db, sourceID: sourceID, on: day), asOf: day)
        }
    }

    /// Number of dunning alerts as of the refresh day.
    public func dunningAlertCount(sourceID: Int64) throws -> Int {
        try aggregates.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM metrics_alert WHERE source_id = ?", arguments: [sourceID])
                ?? 0
        }
    }

    /// A page of dunning alerts in order of money at risk, as of the refresh day (an index walk, `AlertOrder`).
    public func dunningAlerts(sourceID: Int64, offset: Int = 0, limit: Int = 100) throws -> [DunningAlert] {
        try aggregates.read { db in
            let decoder = JSONDecoder()
            return try AlertOrder.page(db, sourceID: sourceID, offset: offset, limit: limit)
                .map { try decoder.decode(DunningAlert.self, from: Data($0.utf8)) }
        }
    }

    /// Every dunning alert as of an earlier day, recomputed from the store (for `billtop dunning --as-of`).
    public func dunningAlerts(sourceID: Int64, recomputedAsOf day: LocalDate) throws -> [DunningAlert] {
        let input = try MetricsInputLoader.load(store, sourceID: sourceID, asOf: day).input
        let owed = try store.pool.read { db in try MetricsInputLoader.invoicesOwed(db, sourceID: sourceID, on: day) }
        let historyFrom = day.startOfMonth.adding(months: -25)
        return MetricsComputation(input: input, asOf: day, historyFrom: historyFrom, settings: settings, owed: owed)
            .alerts
    }

    /// One customer's figures per currency as of the refresh (empty when it has no MRR and nothing overdue).
    public func customerMetrics(_ key: RecordKey) throws -> [CustomerMetrics] {
        try customerMetrics(sourceID: key.sourceID, customerIDs: [key.remoteID])[key.remoteID] ?? []
    }

    /// Figures for the visible rows of the customers pane, in one query.
    public func customerMetrics(sourceID: Int64, customerIDs: [String]) throws -> [String: [CustomerMetrics]] {
        guard !customerIDs.isEmpty else { return [:] }
        return try aggregates.read { db in
            let marks = Array(repeating: "?", count: customerIDs.count).joined(separator: ",")
            var args: [(any DatabaseValueConvertible)?] = [sourceID]
            args += customerIDs.map { $0 as (any DatabaseValueConvertible)? }
            var result: [String: [CustomerMetrics]] = [:]
            for row in try Row.fetchAll(
                // No ORDER BY: sorting by currency made SQLite walk the MRR index (150 ms at 100k) instead of
                // seeking the primary key per id (<1 ms); a handful of rows sort faster here.
                db, sql: "SELECT * FROM metrics_customer WHERE source_id = ? AND customer_remote_id IN (\(marks))",
                arguments: StatementArguments(args))
            {
                let metrics = Self.customerMetrics(row)
                result[metrics.customerID, default: []].append(metrics)
            }
            return result.mapValues { $0.sorted { $0.currency < $1.currency } }
        }
    }

    /// The customers with the most MRR (in `currency`) or the most overdue, for sorted lists.
    public func topCustomers(sourceID: Int64, by sort: CustomerMetricsSort, currency: Currency? = nil, limit: Int = 50)
        throws -> [CustomerMetrics]
    {
        try aggregates.read { db in
            let column = sort == .mrr ? "mrr_minor" : "overdue_minor"
            var sql = "SELECT * FROM metrics_customer WHERE source_id = ?"
            var args: [(any DatabaseValueConvertible)?] = [sourceID]
            if let currency {
                sql += " AND currency = ?"
                args.append(currency.code)
            }
            sql += " ORDER BY \(column) DESC, customer_remote_id LIMIT ?"
            args.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.customerMetrics)
        }
    }

    /// A customer's MRR change points per currency (its history since the back-fill start).
    public func customerMRRHistory(_ key: RecordKey) throws -> [Currency: [MRRSeries.Point]] {
        try aggregates.read { db in
            var result: [Currency: [MRRSeries.Point]] = [:]
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT * FROM metrics_mrr_point WHERE source_id = ? AND customer_remote_id = ? ORDER BY currency, day",
                arguments: [key.sourceID, key.remoteID])
            {
                guard let currency = Currency(row["currency"]) else { continue }
                result[currency, default: []].append(
                    MRRSeries.Point(day: LocalDate(daysSinceEpoch: row["day"]), minorUnits: row["mrr_minor"]))
            }
            return result
        }
    }

    static func customerMetrics(_ row: Row) -> CustomerMetrics {
        let currency = RowDecoder.currency(row["currency"])
        let oldest: Int? = row["oldest_overdue_day"]
        return CustomerMetrics(
            customerID: row["customer_remote_id"], currency: currency,
            mrr: Money(minorUnits: row["mrr_minor"], currency: currency),
            usageRunRate: Money(minorUnits: row["usage_minor"], currency: currency),
            overdue: Money(minorUnits: row["overdue_minor"], currency: currency),
            oldestOverdueDue: oldest.map(LocalDate.init(daysSinceEpoch:)))
    }
}
