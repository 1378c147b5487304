import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// A page's new invoices reach both invoice sums through `InvoiceSumsBatch` (one statement per table after the
/// upserts) instead of the insert triggers, and the sums stay exact through every mix a page can carry.
struct InvoiceSumsBatchTests {
    typealias F = StoreFixtures

    /// Both sums equal their recomputation, and no page left the triggers switched off.
    func expectExact(_ store: BillingStore, _ step: String) throws {
        let (kept, recomputed, keptDays, recomputedDays, switches) = try store.pool.read { db in
            (
                try DashboardReadModelTests.keptSums(db), try DashboardReadModelTests.recomputedSums(db),
                try InvoiceDaySumsTests.kept(db), try InvoiceDaySumsTests.recomputed(db),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice_sums_batch") ?? -1
            )
        }
        #expect(kept == recomputed, "sums after \(step)")
        #expect(keptDays == recomputedDays, "day sums after \(step)")
        #expect(!kept.isEmpty, "something is summed after \(step)")
        #expect(switches == 0, "the switch row is gone after \(step)")
    }

    func customers(_ store: BillingStore, _ source: SourceInfo) throws {
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    F.customer(1, first: "Ada", last: "Lovelace", email: "ada@example.com"),
                    F.customer(2, first: "Bob", last: "Byte", email: "bob@example.com"),
                ]))
    }

    /// A new store with customers 1 and 2; the test removes it with `remove`.
    func storeWithCustomers() throws -> (BillingStore, SourceInfo) {
        let (store, source) = try F.openStore()
        try customers(store, source)
        return (store, source)
    }

    func remove(_ store: BillingStore) {
        try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent)
    }

    @Test func newUpdatedOrphanedAndTombstonedInvoicesInOnePage() throws {
        let (store, source) = try storeWithCustomers()
        defer { remove(store) }
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices",
                invoices: [
                    F.invoice(
                        "inv_a", customer: 1, status: .open, due: 10_000, dueDate: "2026-05-01", issue: "2026-04-01"),
                    F.invoice(
                        "inv_b", customer: 2, status: .paid, due: 0, dueDate: "2026-05-01", issue: "2026-04-01",
                        currency: .eur),
                ]))
        try expectExact(store, "a page of new invoices")
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT sum(n) FROM dash_invoice_sums") } == 2)

        // One page: an update (its trigger), two inserts (the batch), one of an unknown customer (not summed),
        // one without an issue date (no day sum), and a tombstone of a row inserted on this very page.
        var page = PageWrite(
            sourceID: source.id, stream: "invoices",
            invoices: [
                F.invoice("inv_a", customer: 1, status: .paid, due: 0, dueDate: "2026-05-01", issue: "2026-04-01"),
                // Tombstoned below, in a group the sums already hold (a trigger on an absent group does nothing).
                F.invoice(
                    "inv_c", customer: 2, status: .paid, due: 0, dueDate: "2026-05-01", issue: "2026-04-01",
                    currency: .eur),
                F.invoice("inv_d", customer: 9, status: .open, due: 4_000, dueDate: "2026-06-01", issue: "2026-05-02"),
                F.invoice("inv_e", customer: 1, status: .open, due: 1_000, dueDate: "2026-06-01", issue: "2026-05-03"),
            ])
        page.invoices[3].value.issueDate = nil
        page.tombstones = [Tombstone(table: .invoice, remoteID: "inv_c", at: 1_700_000_000)]
        try store.apply(page)
        try expectExact(store, "a mixed page")

        // The orphan's customer arrives: its customer trigger brings the batched invoice in.
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    F.customer(9, first: "Cy", last: "Cache", email: "cy@example.com")
                ]))
        try expectExact(store, "the orphan's customer arrives")
    }

    @Test func aPageListingOneInvoiceTwiceKeepsTheTriggers() throws {
        let (store, source) = try storeWithCustomers()
        defer { remove(store) }
        // Inserted, then updated on the same page: summed once, as it is at the end.
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices",
                invoices: [
                    F.invoice(
                        "inv_a", customer: 1, status: .open, due: 10_000, dueDate: "2026-05-01", issue: "2026-04-01"),
                    F.invoice(
                        "inv_b", customer: 2, status: .open, due: 3_000, dueDate: "2026-05-01", issue: "2026-04-01"),
                    F.invoice("inv_a", customer: 1, status: .paid, due: 0, dueDate: "2026-05-01", issue: "2026-04-02"),
                ]))
        try expectExact(store, "a page with a repeat")
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT sum(n) FROM dash_invoice_sums") } == 2)
    }

    @Test func writersOutsideAPageStillFireTheInsertTriggers() throws {
        let (store, source) = try storeWithCustomers()
        defer { remove(store) }
        try store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO invoice (source_id, remote_id, number, customer_remote_id, status, currency, issue_date,
                        due_date, subtotal_minor, discount_minor, tax_minor, total_minor, credit_minor, paid_minor,
                        refund_minor, due_minor, product_name, memo, open_rank, due_sort, issue_sort, raw)
                    VALUES (?, 'inv_sql', '77', '2', 'open', 'USD', '2026-04-09', '2026-05-09', 500, 0, 0, 500, 0, 0, 0, 500,
                        '', '', 0, '2026-05-09', '2026-04-09', '{}')
                    """, arguments: [source.id])
        }
        try expectExact(store, "a plain INSERT")
    }

    @Test func theUpgradeGuardsBothInsertTriggersAndKeepsTheirBodies() throws {
        let (path, old, source) = try F.olderStore(before: "v6-invoice-sums-per-page")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let bodies = { (store: BillingStore) in
            try store.pool.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT substr(sql, instr(sql, ' BEGIN ')) FROM sqlite_master
                        WHERE type = 'trigger' AND name IN ('dash_invoice_sums_insert', 'dash_invoice_day_sums_insert') ORDER BY name
                        """)
            }
        }
        let before = try bodies(old)
        try F.withTodaysColumns(old) { try customers(old, source) }
        try F.applyToOlderStore(
            old,
            PageWrite(
                sourceID: source.id, stream: "invoices",
                invoices: [
                    F.invoice(
                        "inv_a", customer: 1, status: .open, due: 10_000, dueDate: "2026-05-01", issue: "2026-04-01")
                ]))

        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == StoreMigrations.all.map(\.name))
        #expect(try bodies(store) == before)
        #expect(before.count == 2)
        let guarded = try store.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%WHEN NOT EXISTS (SELECT 1 FROM invoice_sums_batch)%'
                    """)
        }
        #expect(guarded == 2)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices",
                invoices: [
                    F.invoice(
                        "inv_b", customer: 2, status: .open, due: 3_000, dueDate: "2026-05-01", issue: "2026-04-01")
                ]))
        try expectExact(store, "a page after the upgrade")
        #expect(try store.integrityCheck() == "ok")
    }
}
