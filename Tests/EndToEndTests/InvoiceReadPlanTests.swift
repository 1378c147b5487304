import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import GRDB
import Sandbox
import TestSupport
import Testing

/// Session 4's invoice reads without a customer (sorted by customer name, date-range totals and windows) answer
/// exactly what the whole-store snapshot answers, by index seeks instead of scans; and the dashboard's first
/// frame does not wait for a stale store's refresh.
@Suite(.serialized) struct InvoiceReadPlanTests {
    @Test func dateRangesAndTheCustomerSortMatchTheSnapshot() async throws {
        let (h, synced) = try await StoreDashboardDataTests.synced(customers: 40, seed: 9)
        defer { Task { await h.stop() } }
        // A tombstoned customer's invoices are listed nowhere (the customer-name walk joins from the customers).
        let gone = try #require(
            try synced.memory.invoices(InvoiceQuery(asOf: synced.asOf), offset: 0, limit: 1).page.rows.first)
        let source = try #require(try h.store.sources().first)
        try h.store.apply(
            PageWrite(
                sourceID: source.id, stream: "events",
                tombstones: [Tombstone(table: .customer, remoteID: gone.customer.id, at: 1)]))
        let p = StoreDashboardDataTests.Pair(
            store: StoreDashboardData(store: h.store),
            memory: try StoreSnapshotBuilder.build(store: h.store, asOf: synced.asOf),
            asOf: synced.asOf)
        #expect(
            try p.memory.invoices(InvoiceQuery(customer: gone.customer, asOf: p.asOf), offset: 0, limit: 1).page.total
                == 0)
        for range in InvoiceQuery.DateRange.allCases {
            for status in InvoiceQuery.StatusFilter.allCases {
                for sort in [InvoiceQuery.Sort.attention, .customer, .number] {
                    for descending in [false, true] {
                        let query = InvoiceQuery(
                            status: status, dateRange: range, sort: sort, descending: descending, asOf: p.asOf)
                        let what = "\(range) \(status) by \(sort) desc \(descending)"
                        let mine = try p.store.invoices(query, offset: 0, limit: 100_000)
                        #expect(mine == (try p.memory.invoices(query, offset: 0, limit: 100_000)), "\(what)")
                        let window = try p.store.invoices(query, offset: 3, limit: 7)
                        #expect(window == (try p.memory.invoices(query, offset: 3, limit: 7)), "\(what), a window")
                    }
                }
            }
        }
        // The sandbox's invoices span months: the ranges must have cut something, or this test proves little.
        let all = try p.store.invoices(InvoiceQuery(asOf: p.asOf), offset: 0, limit: 1).page.total
        let month = try p.store.invoices(InvoiceQuery(dateRange: .last30Days, asOf: p.asOf), offset: 0, limit: 1).page
            .total
        #expect(month > 0 && month < all, "\(month) of \(all)")
    }

    /// `EXPLAIN QUERY PLAN` of `sql`, its steps joined.
    static func plan(_ store: BillingStore, _ sql: String) throws -> String {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }.joined(
                separator: " | ")
        }
    }

    @Test func theNewReadsSeekIndexes() throws {
        let path = TestScratch.directory("read-plans").appendingPathComponent("store.sqlite").path
        let store = try BillingStore.open(path: path)
        // The customer-name sort (StoreDashboardData.invoiceFromByCustomerName): customers in name order, their
        // invoices by key; only the invoices of one name are sorted, never all of them.
        for direction in ["ASC", "DESC"] {
            let byName = try Self.plan(
                store,
                """
                SELECT i.remote_id, c.first_name, src.name FROM customer c INDEXED BY customer_by_name
                CROSS JOIN invoice i INDEXED BY invoice_by_customer
                    ON i.source_id = c.source_id AND i.customer_remote_id = c.remote_id AND c.deleted_at IS NULL
                JOIN source src ON src.id = i.source_id
                WHERE i.deleted_at IS NULL AND i.issue_date IS NOT NULL AND i.issue_date BETWEEN '2026-01-01' AND '2026-01-31'
                ORDER BY c.sort_name \(direction), i.remote_id \(direction) LIMIT 150 OFFSET 300
                """)
            #expect(byName.hasPrefix("SCAN c USING INDEX customer_by_name"), "\(byName)")
            #expect(
                byName.contains("SEARCH i USING INDEX invoice_by_customer (source_id=? AND customer_remote_id=?)"),
                "\(byName)")
            #expect(!byName.contains("USE TEMP B-TREE FOR ORDER BY"), "\(byName)")
        }
        // A date range's totals add up its days.
        let sums = try Self.plan(
            store,
            """
            SELECT currency, status, open_rank, sum(n), sum(total_minor), sum(due_minor)
            FROM dash_invoice_day_sums WHERE issue_date BETWEEN '2026-01-01' AND '2026-12-31'
            GROUP BY currency, status, open_rank HAVING sum(n) != 0
            """)
        #expect(
            sums.contains("SEARCH dash_invoice_day_sums USING PRIMARY KEY (issue_date>? AND issue_date<?)"), "\(sums)")
        // A date range's settled part of the attention order is one stretch of its index.
        let settled = try Self.plan(
            store,
            """
            SELECT i.remote_id FROM invoice i INDEXED BY invoice_dash_settled
            JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL
            WHERE i.deleted_at IS NULL AND i.open_rank = 1 AND coalesce(i.issue_date, '9999-12-31') BETWEEN '2026-01-01' AND '2026-01-31'
            ORDER BY coalesce(i.issue_date, '9999-12-31') DESC, i.remote_id ASC LIMIT 150 OFFSET 0
            """)
        #expect(settled.contains("SEARCH i USING INDEX invoice_dash_settled (<expr>>? AND <expr><?)"), "\(settled)")
        #expect(!settled.contains("TEMP B-TREE"), "\(settled)")
    }

    @Test func theFirstFrameReadsWithoutRefreshingAStaleStore() async throws {
        let h = try await SandboxHarness.start(customers: 12, seed: 4)
        defer { Task { await h.stop() } }
        let result = try await h.runner([h.source(.chargify)]).runOnce()
        #expect(result.ok, "\(result.failures)")
        let asOf = await h.server.world.company.now.utcDate
        let refreshes = {
            try h.store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dash_customer_row_refresh") }
        }
        let data = StoreDashboardData(store: h.store)
        data.deferFirstRefresh()
        // What the first frame reads: customers, invoices, the panes' aggregates (none yet: never refreshed).
        #expect(try data.customers(CustomerQuery(), offset: 0, limit: 50).total == 12)
        _ = try data.invoices(InvoiceQuery(asOf: asOf), offset: 0, limit: 50)
        #expect(try refreshes() == 0, "the UI thread rewrote the sort keys")
        #expect(
            try MetricsStore(store: h.store).refreshInfo(sourceID: 1) == nil, "the UI thread refreshed the aggregates")
        // The refresher's pass (off the UI thread in the app) brings both up to date.
        #expect(try data.refresh(asOf: asOf), "the sync left the aggregates stale")
        #expect(try refreshes() == 1)
        #expect(try data.customers(CustomerQuery(sort: .mrr), offset: 0, limit: 50).total == 12)
    }
}
