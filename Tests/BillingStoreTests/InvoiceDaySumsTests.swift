import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// `dash_invoice_day_sums` (migration `v4-read-invoice-day-sums`) stays equal to the per-day sums of live
/// invoices of live customers: built from an older store's rows by the migration, then kept by its triggers
/// through inserts, paid updates, a moved issue date, tombstones, undeletes and hard deletes.
struct InvoiceDaySumsTests {
    typealias F = StoreFixtures

    static func recomputed(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT i.issue_date || '|' || i.source_id || '|' || i.currency || '|' || i.status || '|' || i.open_rank || '|' ||
                    count(*) || '|' || sum(i.total_minor) || '|' || sum(i.due_minor)
                FROM invoice i JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id
                WHERE i.deleted_at IS NULL AND c.deleted_at IS NULL AND i.issue_date IS NOT NULL
                GROUP BY i.issue_date, i.source_id, i.currency, i.status, i.open_rank ORDER BY 1
                """)
    }

    static func kept(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT issue_date || '|' || source_id || '|' || currency || '|' || status || '|' || open_rank || '|' || n || '|' ||
                    total_minor || '|' || due_minor
                FROM dash_invoice_day_sums WHERE n != 0 OR total_minor != 0 OR due_minor != 0 ORDER BY 1
                """)
    }

    func expectInStep(_ store: BillingStore, _ step: String) throws {
        let (kept, recomputed) = try store.pool.read { db in (try Self.kept(db), try Self.recomputed(db)) }
        #expect(kept == recomputed, "day sums after \(step)")
    }

    /// Customers 1-3 and five invoices over three days, two currencies, four statuses.
    func fill(_ store: BillingStore, _ source: SourceInfo, older: Bool = false) throws {
        var page = PageWrite(sourceID: source.id, stream: "customers")
        page.customers = [
            F.customer(1, first: "Ada", last: "Lovelace", email: "ada@example.com"),
            F.customer(2, first: "Bob", last: "Byte", email: "bob@example.com"),
            F.customer(3, first: "Cy", last: "Cache", email: "cy@example.com"),
        ]
        page.invoices = [
            F.invoice("inv_0002", customer: 1, status: .paid, due: 0, dueDate: "2026-03-01", issue: "2026-02-15"),
            F.invoice(
                "inv_0003", customer: 1, status: .open, due: 10_000, dueDate: "2026-07-01", issue: "2026-06-15",
                currency: .eur),
            F.invoice("inv_0004", customer: 2, status: .failed, due: 2_500, dueDate: "2026-04-01", issue: "2026-03-15"),
            F.invoice(
                "inv_0005", customer: 2, status: .voided, due: 0, dueDate: "2026-04-01", issue: "2026-03-15",
                currency: .jpy),
            F.invoice("inv_0006", customer: 3, status: .open, due: 1_000, dueDate: "2026-04-01", issue: "2026-03-15"),
        ]
        try older ? F.applyToOlderStore(store, page) : store.apply(page)
    }

    @Test func triggersKeepTheDaySumsExact() throws {
        let (store, source) = try StoreFixtures.openStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        // An invoice before its customer: not summed until the customer arrives.
        var page = PageWrite(sourceID: source.id, stream: "invoices")
        page.invoices = [
            F.invoice("inv_0001", customer: 3, status: .open, due: 4_000, dueDate: "2026-05-01", issue: "2026-04-17")
        ]
        try store.apply(page)
        try expectInStep(store, "an orphan invoice")
        try fill(store, source)
        try expectInStep(store, "customers and invoices arrive")
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT sum(n) FROM dash_invoice_day_sums") } == 6)

        // Paid, and issued on another day (an upsert is an update).
        page = PageWrite(sourceID: source.id, stream: "invoices")
        page.invoices = [
            F.invoice("inv_0004", customer: 2, status: .paid, due: 0, dueDate: "2026-04-01", issue: "2026-03-15"),
            F.invoice("inv_0006", customer: 3, status: .open, due: 1_000, dueDate: "2026-04-01", issue: "2026-03-16"),
        ]
        try store.apply(page)
        try expectInStep(store, "an invoice is paid, another moves a day")
        // A writer that sets only the changed column (the fetcher's upsert sets them all).
        try store.pool.write {
            try $0.execute(sql: "UPDATE invoice SET issue_date = '2026-03-20' WHERE remote_id = 'inv_0004'")
        }
        try expectInStep(store, "an UPDATE of the issue date alone")

        page = PageWrite(sourceID: source.id, stream: "events")
        page.tombstones = [
            Tombstone(table: .customer, remoteID: "2", at: 1_700_000_900),
            Tombstone(table: .invoice, remoteID: "inv_0003", at: 1_700_000_900),
        ]
        try store.apply(page)
        try expectInStep(store, "a customer and an invoice are tombstoned")

        page = PageWrite(sourceID: source.id, stream: "customers")
        page.customers = [F.customer(2, first: "Bob", last: "Byte", email: "bob@example.com")]
        page.invoices = [
            F.invoice(
                "inv_0003", customer: 1, status: .open, due: 7_000, dueDate: "2026-07-01", issue: "2026-06-15",
                currency: .eur)
        ]
        try store.apply(page)
        try expectInStep(store, "undeletes")

        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM invoice WHERE remote_id = 'inv_0002'")
            try db.execute(sql: "DELETE FROM customer WHERE remote_id = '3'")
        }
        try expectInStep(store, "hard deletes")
    }

    @Test func theMigrationSumsAnOlderStoresInvoices() throws {
        let (path, old, source) = try StoreFixtures.olderStore(before: "v4-read-invoice-day-sums")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let all = StoreMigrations.all.map(\.name)
        try fill(old, source, older: true)
        try F.applyToOlderStore(
            old,
            PageWrite(
                sourceID: source.id, stream: "events", tombstones: [Tombstone(table: .customer, remoteID: "3", at: 1)]))

        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == all)
        try expectInStep(store, "the upgrade")
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT sum(n) FROM dash_invoice_day_sums") } == 4)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices",
                invoices: [
                    F.invoice(
                        "inv_0007", customer: 1, status: .draft, due: 10_000, dueDate: "2026-08-01", issue: "2026-07-15"
                    )
                ]))
        try expectInStep(store, "a sync after the upgrade")
        #expect(try store.integrityCheck() == "ok")
    }

    /// The owed index carries the issue date from an empty file and after the upgrade, and a date range in
    /// the attention order filters owed invoices without reading their rows.
    @Test func theOwedIndexCarriesTheIssueDate() throws {
        let (path, old, source) = try StoreFixtures.olderStore(before: "v4-read-owed-issue-date")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try fill(old, source, older: true)
        let owedBefore = try old.pool.read {
            try Int.fetchOne(
                $0,
                sql:
                    "SELECT count(*) FROM invoice INDEXED BY invoice_dash_owed WHERE open_rank = 0 AND deleted_at IS NULL"
            )
        }
        let (fresh, _) = try StoreFixtures.openStore()
        for store in [try BillingStore.open(path: path), fresh] {
            let sql = try store.pool.read {
                try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'invoice_dash_owed'")
            }
            #expect(sql?.contains("(due_sort, remote_id, issue_date)") == true, "\(sql ?? "missing")")
            #expect(sql?.contains("WHERE open_rank = 0 AND deleted_at IS NULL") == true)
        }
        let upgraded = try BillingStore.open(path: path)
        #expect(
            try upgraded.pool.read {
                try Int.fetchOne(
                    $0,
                    sql:
                        "SELECT count(*) FROM invoice INDEXED BY invoice_dash_owed WHERE open_rank = 0 AND deleted_at IS NULL"
                )
            } == owedBefore)
        // The range is checked in the index: the plan reads invoices through it with no temp sort.
        let plan = try upgraded.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    EXPLAIN QUERY PLAN SELECT i.remote_id FROM invoice i INDEXED BY invoice_dash_owed
                    WHERE i.open_rank = 0 AND i.deleted_at IS NULL AND i.issue_date BETWEEN '2026-01-01' AND '2026-12-31'
                    ORDER BY i.due_sort, i.remote_id LIMIT 10
                    """
            ).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING INDEX invoice_dash_owed") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        #expect(try upgraded.integrityCheck() == "ok")
    }
}
