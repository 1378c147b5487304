import BillingCore
import GRDB

/// Read side of the metrics aggregates: what the MRR and dunning panes and `billtop mrr|dunning` show.
///
/// Every read is an indexed lookup over rows `AggregateRefresher` wrote; nothing here scans invoices or
/// subscriptions, except the explicit "as of an earlier day" aging and alerts, which the commands use.
public struct MetricsStore: Sendable {
    public let store: BillingStore
    public var settings: MetricsSettings
    /// Where the aggregate tables are read: the store's own, or (for a store billtop cannot write) the
    /// in-memory copy `AggregateRefresher.computeInMemory` made. The synced records always come from `store`.
    let aggregates: any DatabaseReader

    public init(store: BillingStore, settings: MetricsSettings = .standard) {
        self.init(store: store, settings: settings, aggregates: store.pool)
    }

    /// Reads the aggregates from `aggregates` instead of the store's tables.
    public init(store: BillingStore, settings: MetricsSettings = .standard, aggregates: any DatabaseReader) {
        self.store = store
        self.settings = settings
        self.aggregates = aggregates
    }

    /// When the source's aggregates were computed, or nil before the first refresh.
    public func refreshInfo(sourceID: Int64) throws -> MetricsRefreshInfo? {
        try aggregates.read { db in try Self.refreshInfo(db, sourceID: sourceID) }
    }

    static func refreshInfo(_ db: Database, sourceID: Int64) throws -> MetricsRefreshInfo? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM metrics_refresh WHERE source_id = ?", arguments: [sourceID])
        else { return nil }
        return MetricsRefreshInfo(
            asOf: LocalDate(daysSinceEpoch: row["as_of"]), historyFrom: LocalDate(daysSinceEpoch: row["history_from"]),
            basis: MRRBasis(rawValue: row["basis"]) ?? .subscriptions, refreshedAt: row["refreshed_at"],
            durationMs: row["duration_ms"])
    }

    /// MRR per currency on `asOf` (default: the refresh day) with the month's bridge and a `months` trend.
    public func mrrSummary(sourceID: Int64, asOf: LocalDate? = nil, months: Int = 12) throws -> MRRSummary? {
        try aggregates.read { db in
            guard let info = try Self.refreshInfo(db, sourceID: sourceID) else { return nil }
            let day = min(asOf ?? info.asOf, info.asOf)
            let periodStart = max(day.startOfMonth, info.historyFrom.adding(days: 1))
            let bridges = try Self.bridges(db, sourceID: sourceID, from: periodStart, through: day, info: info)
            let extras = day == info.asOf ? try Self.currencyExtras(db, sourceID: sourceID) : [:]
            var currencies: [CurrencyMRRSummary] = []
            for bridge in bridges {
                let currency = bridge.currency
                let mrr = Money(minorUnits: bridge.end, currency: currency)
                let paying =
                    try Int.fetchOne(
                        db,
                        sql:
                            "SELECT paying_customers FROM metrics_company_day WHERE source_id = ? AND currency = ? AND day = ?",
                        arguments: [sourceID, currency.code, day.daysSinceEpoch]) ?? 0
                let extra = extras[currency]
                func money(_ v: Int64?) -> Money? { v.map { Money(minorUnits: $0, currency: currency) } }
                currencies.append(
                    CurrencyMRRSummary(
                        currency: currency, mrr: mrr, arr: MRRRatios.arr(mrr),
                        arpa: MRRRatios.arpa(mrr, customers: paying),
                        payingCustomers: paying, bridge: bridge, grossChurn: MRRRatios.grossChurn(bridge),
                        netChurn: MRRRatios.netChurn(bridge), nrr: MRRRatios.nrr(bridge),
                        trend: try Self.trend(
                            db, sourceID: sourceID, currency: currency, asOf: day, months: months, info: info),
                        usageRunRate: money(extra?[0] ?? (extras.isEmpty ? nil : 0)),
                        scheduledChurn: money(extra?[1] ?? (extras.isEmpty ? nil : 0)),
                        openReceivable: money(extra?[2] ?? (extras.isEmpty ? nil : 0)),
                        mrrAtRisk: money(extra?[3] ?? (extras.isEmpty ? nil : 0))))
            }
            let totals = MoneyTotals(currencies.map(\.mrr))
            let bases = try Self.monthBases(db, sourceID: sourceID)
            let trendFirst = day.startOfMonth.adding(months: -(max(1, months) - 1))
            return MRRSummary(
                asOf: day, periodStart: periodStart, basis: info.basis, periodBasis: bases[day.startOfMonth],
                trendBasis: bases.filter { $0.key >= trendFirst && $0.key <= day }.values.max(), currencies: currencies,
                converted: settings.conversionRates?.convertedTotal(totals))
        }
    }

    /// Bridges per currency for the days `from...through` (clamped to the stored history).
    public func bridges(sourceID: Int64, from: LocalDate, through: LocalDate) throws -> [MRRBridge] {
        try aggregates.read { db in
            guard let info = try Self.refreshInfo(db, sourceID: sourceID) else { return [] }
            return try Self.bridges(db, sourceID: sourceID, from: from, through: through, info: info)
        }
    }

    static func bridges(_ db: Database, sourceID: Int64, from: LocalDate, through: LocalDate, info: MetricsRefreshInfo)
        throws -> [MRRBridge]
    {
        let first = max(from, info.historyFrom.adding(days: 1)).daysSinceEpoch
        let last = min(through, info.asOf).daysSinceEpoch
        var bridges: [Currency: MRRBridge] = [:]
        let ends = try Row.fetchAll(
            db,
            sql: """
                SELECT currency,
                    SUM(CASE WHEN day = ? THEN mrr_minor ELSE 0 END) AS start,
                    SUM(CASE WHEN day = ? THEN mrr_minor ELSE 0 END) AS finish
                FROM metrics_company_day WHERE source_id = ? AND day IN (?, ?) GROUP BY currency
                """,
            arguments: [first - 1, last, sourceID, first - 1, last])
        for row in ends {
            guard let currency = Currency(row["currency"]) else { continue }
            bridges[currency] = MRRBridge(currency: currency, start: row["start"], end: row["finish"])
        }
        // The kept per-day totals (`KeptTotals.movementDays`): a month is ~600 rows at any size, where summing
        // the movements themselves read 208k rows (210 ms) for a month at 1M customers.
        let sums = try Row.fetchAll(
            db,
            sql: """
                SELECT currency, kind, SUM(amount_minor) AS amount FROM metrics_movement_day
                WHERE source_id = ? AND day BETWEEN ? AND ? GROUP BY currency, kind
                """,
            arguments: [sourceID, first, last])
        for row in sums {
            guard let currency = Currency(row["currency"]), let kind = MRRMovement.Kind(rawValue: row["kind"]) else {
                continue
            }
            var bridge = bridges[currency] ?? MRRBridge(currency: currency, start: 0, end: 0)
            let amount: Int64 = row["amount"]
            switch kind {
            case .new: bridge.new = amount
            case .reactivation: bridge.reactivation = amount
            case .expansion: bridge.expansion = amount
            case .contraction: bridge.contraction = amount
            case .churn: bridge.churn = amount
            }
            bridges[currency] = bridge
        }
        return bridges.values.filter {
            $0.start != 0 || $0.end != 0 || $0.new + $0.reactivation + $0.expansion + $0.contraction + $0.churn != 0
        }
        .sorted { $0.currency < $1.currency }
    }

    static func trend(
        _ db: Database, sourceID: Int64, currency: Currency, asOf: LocalDate, months: Int, info: MetricsRefreshInfo
    ) throws -> [MRRSeries.Point] {
        var days: [LocalDate] = [asOf]
        var month = asOf.startOfMonth
        for _ in 1..<max(1, months) {
            month = month.adding(months: -1)
            if month.endOfMonth < info.historyFrom { break }
            days.append(month.endOfMonth)
        }
        let list = days.map { String($0.daysSinceEpoch) }.joined(separator: ",")
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT day, mrr_minor FROM metrics_company_day WHERE source_id = ? AND currency = ? AND day IN (\(list)) ORDER BY day",
            arguments: [sourceID, currency.code])
        return rows.map { MRRSeries.Point(day: LocalDate(daysSinceEpoch: $0["day"]), minorUnits: $0["mrr_minor"]) }
    }

    static func currencyExtras(_ db: Database, sourceID: Int64) throws -> [Currency: [Int64]] {
        var result: [Currency: [Int64]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM metrics_currency WHERE source_id = ?", arguments: [sourceID])
        {
            guard let currency = Currency(row["currency"]) else { continue }
            result[currency] = [
                row["usage_minor"], row["scheduled_churn_minor"], row["open_receivable_minor"],
                row["mrr_at_risk_minor"],
            ]
        }
        return result
    }
}
