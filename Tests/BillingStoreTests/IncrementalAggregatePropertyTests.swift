import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// An incremental refresh (only the customers a sync changed, company totals by difference) gives the full
/// recompute's aggregates to the minor unit, over seeded random change sequences: state changes, seat and
/// price changes, product changes with their events, reactivations, a subscription changing currency or
/// customer, invoices opened, paid and moved, dunning events, renames and tombstones.
struct IncrementalAggregatePropertyTests {
    static let asOf = LocalDate(iso: "2026-06-20")!

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func incrementalRefreshEqualsAFullRecompute(seed: UInt64) throws {
        var company = RandomCompany(seed: seed)
        let store = try BillingStore.open(path: StoreFixtures.temporaryPath())
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let refresher = AggregateRefresher(store: store)
        try store.apply(company.firstPage(sourceID: source.id))
        let first = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.asOf)
        #expect(first.changedCustomers == nil, "the first refresh computes everything")
        var incremental = 0
        for step in 0..<14 {
            try store.apply(company.changePage(sourceID: source.id, step: step))
            let report = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.asOf)
            if report.changedCustomers != nil { incremental += 1 }
            let full = try refresher.computeInMemory(sourceIDs: [source.id], asOf: Self.asOf)
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

    /// Every aggregate row but the refresh's own bookkeeping, as sorted text per table.
    static func aggregates(_ reader: any DatabaseReader) throws -> [String: [String]] {
        let tables = [
            "metrics_mrr_point", "metrics_movement", "metrics_company_day", "metrics_customer", "metrics_aging",
            "metrics_alert", "metrics_currency", "metrics_month_basis", "metrics_customer_share",
            "metrics_month_basis_count",
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
