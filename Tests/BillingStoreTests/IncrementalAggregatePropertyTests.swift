import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// An incremental refresh (only the customers a sync changed, company totals by difference) gives the full
/// recompute's aggregates to the minor unit, over seeded random change sequences: state changes, seat and
/// price changes, product changes with their events, reactivations, a subscription changing currency or
/// customer, invoices opened, paid and moved, dunning events, renames and tombstones. Also what the readers
/// see of them: the dunning alerts in the comparator's order (with and without a rate table), page by page,
/// and the customers pane's sort keys, kept by the refresh itself as a whole pass would write them. The kept
/// totals (movements per day, alerts per currency) are among the aggregates compared.
struct IncrementalAggregatePropertyTests {
    static let asOf = LocalDate(iso: "2026-06-20")!
    /// Euros into dollars: the alerts are then ordered by the converted money at risk.
    static let rates = ConversionRateTable(
        target: .usd, rateDate: LocalDate(iso: "2026-06-01")!, rates: [.eur: ExactDecimal(parsing: "1.0842")!])

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func incrementalRefreshEqualsAFullRecompute(seed: UInt64) throws {
        try check(seed: seed, settings: .standard)
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func incrementalRefreshWithRatesEqualsAFullRecompute(seed: UInt64) throws {
        var settings = MetricsSettings.standard
        settings.conversionRates = Self.rates
        try check(seed: seed, settings: settings)
    }

    func check(seed: UInt64, settings: MetricsSettings) throws {
        var company = RandomCompany(seed: seed)
        let store = try BillingStore.open(path: StoreFixtures.temporaryPath())
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let refresher = AggregateRefresher(store: store, settings: settings)
        let rows = CustomerRows(store: store)
        try store.apply(company.firstPage(sourceID: source.id))
        let first = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.asOf)
        #expect(first.changedCustomers == nil, "the first refresh computes everything")
        #expect(try rows.refreshStale(), "after a whole recompute the pane rewrites its sort keys")
        var incremental = 0
        for step in 0..<14 {
            try store.apply(company.changePage(sourceID: source.id, step: step))
            let report = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.asOf)
            if report.changedCustomers != nil { incremental += 1 }
            // What the dashboard does after each refresh: nothing is left for it after an incremental one.
            let rewrote = try rows.refreshStale()
            #expect(rewrote == (report.changedCustomers == nil), "seed \(seed) step \(step): rows rewritten whole")
            try expectRowsAsAWholePassWritesThem(store, source: source.id, "seed \(seed) step \(step)")
            let full = try refresher.computeInMemory(sourceIDs: [source.id], asOf: Self.asOf)
            try expectAlertOrder(store, full: full, source: source.id, settings: settings, "seed \(seed) step \(step)")
            let mine = try Self.aggregates(store.pool)
            let theirs = try Self.aggregates(full)
            for table in theirs.keys.sorted() where mine[table] != theirs[table] {
                let extra = Set(mine[table] ?? []).subtracting(theirs[table] ?? []).sorted().prefix(6)
                let missing = Set(theirs[table] ?? []).subtracting(mine[table] ?? []).sorted().prefix(6)
                Issue.record(
                    "seed \(seed) step \(step) (\(company.lastChange)): \(table) differs; incremental only: \(extra); full only: \(missing)"
                )
            }
            if mine != theirs { return }
        }
        // Most steps must really have been incremental, or the property holds of nothing.
        #expect(incremental >= 10, "only \(incremental) of 14 refreshes were incremental")
    }

    /// The customers pane's sort keys equal what a whole pass over every customer writes (tried, then rolled back).
    func expectRowsAsAWholePassWritesThem(_ store: BillingStore, source: Int64, _ context: String) throws {
        var moved = 0
        try store.pool.writeWithoutTransaction { db in
            try db.inTransaction {
                moved = try CustomerRowKeys.write(db, sourceID: source, customers: nil)
                return .rollback
            }
        }
        #expect(moved == 0, "\(context): a whole pass would still change \(moved) customer rows")
    }

    /// The stored alerts read in display order (whole, and in pages of 3) are the full recompute's alerts in
    /// `DunningAlertRankKey`'s order.
    func expectAlertOrder(
        _ store: BillingStore, full: DatabaseQueue, source: Int64, settings: MetricsSettings, _ context: String
    ) throws {
        let decoder = JSONDecoder()
        let theirs = try full.read { db in
            try String.fetchAll(db, sql: "SELECT alert FROM metrics_alert WHERE source_id = ?", arguments: [source])
        }.map { try decoder.decode(DunningAlert.self, from: Data($0.utf8)) }
        let expected = DunningAlerts.ordered(theirs, rates: settings.conversionRates).map(\.customerID)
        let metrics = MetricsStore(store: store, settings: settings)
        let mine = try metrics.dunningAlerts(sourceID: source, offset: 0, limit: 1_000).map(\.customerID)
        #expect(mine == expected, "\(context): alert order")
        var paged: [String] = []
        for offset in stride(from: 0, to: expected.count + 3, by: 3) {
            paged += try metrics.dunningAlerts(sourceID: source, offset: offset, limit: 3).map(\.customerID)
        }
        #expect(paged == expected, "\(context): alert order read in pages of 3")
    }

    /// Every aggregate row but the refresh's own bookkeeping, as sorted text per table.
    static func aggregates(_ reader: any DatabaseReader) throws -> [String: [String]] {
        let tables = [
            "metrics_mrr_point", "metrics_movement", "metrics_company_day", "metrics_customer", "metrics_aging",
            "metrics_alert", "metrics_currency", "metrics_month_basis", "metrics_customer_share",
            "metrics_month_basis_count", "metrics_price_count", "metrics_movement_day", "metrics_alert_count",
        ]
        return try reader.read { db in
            var out: [String: [String]] = [:]
            for table in tables {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { row in
                    row.columnNames.map { name in
                        // An alert's JSON lists its per-currency totals in dictionary order, which two equal
                        // alerts need not share: compare the alerts decoded, by their sorted amounts.
                        guard name == "alert", let text = row[name] as String?,
                            let alert = try? JSONDecoder().decode(DunningAlert.self, from: Data(text.utf8))
                        else { return "\(name)=\(row[name] as DatabaseValue)" }
                        var plain = alert
                        plain.customerMRR = MoneyTotals()
                        plain.totalDue = MoneyTotals()
                        let money = { (t: MoneyTotals) in
                            t.amounts.map { "\($0.minorUnits) \($0.currency.code)" }.sorted()
                        }
                        return "alert=\(plain) mrr=\(money(alert.customerMRR)) due=\(money(alert.totalDue))"
                    }.joined(separator: " ")
                }.sorted()
            }
            return out
        }
    }
}
