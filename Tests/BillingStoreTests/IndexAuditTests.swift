import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// Migration `v4-store-drop-unread-indexes`: the indexes no query reads are gone, from an empty file and from
/// the previous version with data, and the reads that used them as a `source_id` prefix still seek an index.
@Suite struct IndexAuditTests {
    static let dropped = ["customer_by_updated", "subscription_by_state", "invoice_by_subscription"]

    func indexes(_ store: BillingStore) throws -> Set<String> {
        try store.pool.read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT name FROM sqlite_master
                        WHERE type = 'index' AND tbl_name IN ('customer', 'subscription', 'invoice')
                        """))
        }
    }

    func plan(_ store: BillingStore, _ sql: String) throws -> String {
        try store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(
                separator: "\n")
        }
    }

    @Test func anEmptyFileHasNoneOfTheUnreadIndexes() throws {
        let (store, _) = try StoreFixtures.openStore()
        let names = try indexes(store)
        #expect(names.isDisjoint(with: Self.dropped))
        // What every read and trigger needs is still there.
        #expect(
            names.isSuperset(of: [
                "customer_by_name", "subscription_by_customer", "invoice_by_customer", "invoice_by_issue",
                "invoice_open_by_due",
                "invoice_dash_owed", "invoice_dash_settled", "invoice_search_by_number",
            ]))
    }

    @Test func thePreviousVersionLosesThemAndKeepsItsRows() throws {
        let (path, old, source) = try StoreFixtures.olderStore(before: "v4-store-drop-unread-indexes")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let all = StoreMigrations.all.map(\.name)
        try StoreFixtures.applyToOlderStore(
            old,
            PageWrite(
                sourceID: source.id, stream: "invoices",
                customers: [StoreFixtures.customer(1, first: "Ada", last: "Byron", email: "ada@x.io")],
                subscriptions: [StoreFixtures.subscription(10, customer: 1, state: .active)],
                invoices: [
                    StoreFixtures.invoice(
                        "inv_1", customer: 1, status: .open, due: 500, dueDate: "2026-02-01", issue: "2026-01-01")
                ]))
        #expect(try indexes(old).isSuperset(of: Self.dropped))

        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == all)
        #expect(try indexes(store).isDisjoint(with: Self.dropped))
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.allInvoices(sourceID: source.id).map(\.value.id) == ["inv_1"])
        #expect(try store.allSubscriptions(sourceID: source.id).map(\.value.id) == ["10"])
        #expect(try store.customer(RecordKey(sourceID: source.id, remoteID: "1"))?.invoices.count == 1)
    }

    /// The price a subscription was billed before a product change, read once per change in every refresh:
    /// without `invoice_by_subscription` it seeks the subscription's customer's invoices. The plain condition
    /// scanned every invoice of the source per change (3.6 s a change at 100k customers).
    @Test func thePriceBeforeAProductChangeSeeksTheCustomersInvoices() throws {
        let (store, _) = try StoreFixtures.openStore()
        let detail = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + SubscriptionHistoryLoader.billedQuery,
                arguments: [1, "sub", "product", "2026-06-01"]
            ).map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(
            detail.contains("SEARCH i USING INDEX invoice_by_customer (source_id=? AND customer_remote_id=?)"),
            "\(detail)")
    }

    @Test func theReadsThatUsedThemStillSeekAnIndex() throws {
        let (store, _) = try StoreFixtures.openStore()
        for sql in [
            "SELECT * FROM customer WHERE source_id = 1 AND deleted_at IS NULL ORDER BY id",
            "SELECT * FROM invoice WHERE source_id = 1 AND deleted_at IS NULL ORDER BY id",
            "SELECT customer_remote_id, state FROM subscription WHERE source_id = 1 AND deleted_at IS NULL",
        ] {
            let detail = try plan(store, sql)
            #expect(detail.contains("SEARCH") && detail.contains("(source_id=?)"), "\(sql): \(detail)")
        }
    }
}
