import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// What the panes read instead of counting or seeking (migration `v12-pane-reads`): the customers pane's row
/// count follows every write to its rows, the dunning pane's first alerts come from the order's index alone, and
/// a store computed before the migration gets its movement and alert totals from its stored aggregates, without
/// a whole recompute. (Both refreshes keeping the movement and alert totals
/// equal is `IncrementalAggregatePropertyTests`.)
@Suite struct PaneReadsTests {
    static let asOf = LocalDate(iso: "2026-06-20")!

    static func keptCount(_ store: BillingStore) throws -> (kept: Int, counted: Int) {
        try store.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT customers FROM dash_customer_row_count") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM dash_customer_row") ?? -1
            )
        }
    }

    @Test func theCustomerCountFollowsNewCustomersTombstonesReturnsAndDeletes() throws {
        var company = RandomCompany(seed: 21)
        let store = try BillingStore.open(path: StoreFixtures.temporaryPath())
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let rows = CustomerRows(store: store)
        func expectCount(_ expected: Int, _ context: String) throws {
            let (kept, counted) = try Self.keptCount(store)
            #expect(counted == expected, "\(context): rows listed")
            #expect(kept == counted, "\(context): kept count \(kept), rows \(counted)")
            let page = try rows.page(CustomerListQuery(), offset: 0, limit: 3, cap: 1000, known: nil)
            #expect(page.total == counted, "\(context): the pane's total")
        }
        try expectCount(0, "empty")
        try store.apply(company.firstPage(sourceID: source.id))
        try expectCount(8, "first page")
        let gone = Tombstone(table: .customer, remoteID: "c3", at: 1_780_000_000)
        try store.apply(company.page(sourceID: source.id, tombstones: [gone]))
        try expectCount(7, "c3 tombstoned")
        try store.apply(company.page(sourceID: source.id, tombstones: [gone]))
        try expectCount(7, "c3 tombstoned again")
        // A tombstoned customer listed again, a new one, and a rename (the row's update, not a new row).
        var back = company.customers["c3"]!
        back.updatedAt = Timestamp(secondsSinceEpoch: 1_790_000_000)
        var renamed = company.customers["c1"]!
        renamed.lastName = "Renamed"
        let fresh = Customer(id: "c9", firstName: "New", lastName: "Nine", email: "c9@x.io")
        try store.apply(company.page(sourceID: source.id, customers: [back, renamed, fresh]))
        try expectCount(9, "c3 back, c9 new, c1 renamed")
        try store.apply(company.page(sourceID: source.id, customers: [back, renamed, fresh]))
        try expectCount(9, "the same page twice")
        // A record removed outright (a source's data purged) takes its row with it.
        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM customer WHERE remote_id IN ('c1', 'c2')")
        }
        try expectCount(7, "c1 and c2 deleted")
    }

    /// A store refreshed before the migration: its kept totals are the ones the refreshes would have written, its
    /// customer count the rows it lists, and its next refresh is incremental (the upgrade alone recomputes
    /// nothing), after which the totals still equal a whole recompute's.
    @Test func anUpgradedStoreGetsItsTotalsWithoutAWholeRecompute() throws {
        var company = RandomCompany(seed: 5)
        let path = StoreFixtures.temporaryPath()
        var store: BillingStore? = try BillingStore.open(path: path)
        let source = try store!.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let refresher = { (store: BillingStore) in AggregateRefresher(store: store) }
        try store!.apply(company.firstPage(sourceID: source.id))
        try refresher(store!).refreshAggregates(sourceID: source.id, asOf: Self.asOf)
        for step in 0..<4 {
            try store!.apply(company.changePage(sourceID: source.id, step: step))
            try refresher(store!).refreshAggregates(sourceID: source.id, asOf: Self.asOf)
        }
        let kept = try Self.totals(store!.pool)
        #expect(!(kept["metrics_movement_day"] ?? []).isEmpty && !(kept["metrics_alert_count"] ?? []).isEmpty)
        // Back to the schema before the step, as the previous billtop left it, and one more customer written then
        // (the steps after it, too: `team_replica`, a table of its own, the name keys' fold and the customers' initials).
        let steps = try #require(StoreMigrations.all.firstIndex { $0.name == PaneReadTables.name }) + 1
        try store!.pool.write { db in
            try db.execute(
                sql: """
                    DROP TRIGGER dash_customer_row_counted; DROP TRIGGER dash_customer_row_uncounted;
                    DROP INDEX metrics_alert_in_currency;
                    CREATE INDEX metrics_alert_in_currency ON metrics_alert
                        (source_id, currency, money_at_risk_minor DESC, days_overdue DESC, customer_remote_id);
                    DROP TABLE dash_customer_row_count; DROP TABLE metrics_movement_day; DROP TABLE metrics_alert_count;
                    DELETE FROM grdb_migrations WHERE identifier = '\(PaneReadTables.name)';
                    DROP TABLE team_replica; DELETE FROM grdb_migrations WHERE identifier = '\(TeamReplicaTables.name)';
                    DELETE FROM grdb_migrations WHERE identifier = '\(SortNameFold.name)';
                    UPDATE metrics_refresh SET schema_steps = \(steps - 1);
                    """)
        }
        let late = Customer(id: "c77", firstName: "Late", lastName: "Comer", email: "c77@x.io")
        try store!.apply(company.page(sourceID: source.id, customers: [late]))
        // The customers' initials, last of all, after today's writer filled them.
        try store!.pool.write { db in
            try db.execute(
                sql: """
                    DROP TABLE dash_customer_initial; DROP TABLE dash_customer_initial_count;
                    DROP TRIGGER dash_customer_initial_delete;
                    DELETE FROM grdb_migrations WHERE identifier = '\(CustomerInitialTables.name)';
                    """)
        }
        store = nil

        let upgraded = try BillingStore.open(path: path)
        #expect(try Self.totals(upgraded.pool) == kept, "the migration fills the totals the refreshes wrote")
        let (count, counted) = try Self.keptCount(upgraded)
        #expect(count == counted && counted == 9, "kept count \(count) of \(counted) rows")
        let report = try refresher(upgraded).refreshAggregates(sourceID: source.id, asOf: Self.asOf)
        #expect(report.changedCustomers == 1, "incremental, not \(report.recomputeReason ?? "?")")
        let whole = try refresher(upgraded).computeInMemory(sourceIDs: [source.id], asOf: Self.asOf)
        #expect(try Self.totals(upgraded.pool) == Self.totals(whole))
    }

    @Test func theDunningPanesFirstAlertsAreReadFromTheOrdersIndexAlone() throws {
        let store = try BillingStore.open(path: StoreFixtures.temporaryPath())
        let plan = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + AlertOrder.inCurrencyWindow, arguments: [1, "USD", 500, 0]
            )
            .map { $0["detail"] as String }.joined(separator: "; ")
        }
        #expect(plan.contains("COVERING INDEX metrics_alert_in_currency"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
    }

    /// A broad search whose matches are rare early in the order sorts them all when they are at most an eighth
    /// of the listed customers ("c8" at 1M: 111,111 of 1,000,000), not only up to the fixed 20,000 set at 100k.
    @Test func aBroadSearchSortsUpToAnEighthOfTheListedCustomers() {
        let standard = CustomerSearchLimits.standard
        #expect(standard.sortLimit(rows: 1_000_000) == 125_000)
        #expect(standard.sortLimit(rows: 100_000) == 20_000, "at 100k the fixed limit is the larger")
        #expect(standard.sortLimit(rows: 1_000) == 20_000, "never below the fixed limit")
        #expect(CustomerSearchLimits.walkOnly.sortLimit(rows: 1_000_000) == 0, "the old plan walks")
        #expect(CustomerSearchLimits(sortUpTo: 300, narrows: false).sortLimit(rows: 1_000_000) == 300)
    }

    /// The rows of the two kept aggregate totals, as sorted text per table.
    static func totals(_ reader: any DatabaseReader) throws -> [String: [String]] {
        try reader.read { db in
            var out: [String: [String]] = [:]
            for table in [KeptTotals.movementDays.name, KeptTotals.alertCounts.name] {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\($0)" }.sorted()
            }
            return out
        }
    }
}
