import BillingCore
import GRDB
import Testing

@testable import BillingStore

/// An incremental refresh takes the changed customers' stored movements and alerts out of the kept totals by
/// reading those customers' rows only: asked the other way round, SQLite walked every movement of the source in
/// its day index (a 100-customer refresh at 1M customers took 7.5-9.7 s).
struct KeptTotalsPlanTests {
    @Test(arguments: [KeptTotals.movementDays, KeptTotals.alertCounts].map(\.rows))
    func theChangedCustomersRowsAreSoughtByCustomer(rows: String) throws {
        let (store, _) = try StoreFixtures.openStore()
        let table = try #require([KeptTotals.movementDays, KeptTotals.alertCounts].first { $0.rows == rows })
        let changed = "(SELECT customer_remote_id FROM metrics_dirty_customer WHERE source_id = 1)"
        let plan = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + KeptTotals.storedSQL(table, customers: changed), arguments: [1]
            ).map { $0["detail"] as String }
        }
        let lines = plan.joined(separator: "\n")
        #expect(plan.first?.hasPrefix("SEARCH metrics_dirty_customer") == true, "the changed customers first: \(lines)")
        #expect(
            plan.contains { $0.hasPrefix("SEARCH m USING") && $0.hasSuffix("(source_id=? AND customer_remote_id=?)") },
            "\(lines)")
        #expect(!lines.contains("SCAN"), "\(lines)")
    }
}
