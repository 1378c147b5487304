import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// The dashboard's trigger-kept tables (`dash_customer_row`, `dash_invoice_sums`) stay equal to what they
/// summarise through inserts, updates, tombstones, undeletes and invoices that arrive before their customer.
struct DashboardReadModelTests {
    /// Live customers as (id, source name, remote id, sort name), by id.
    static func liveCustomers(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT c.id || '|' || s.name || '|' || c.remote_id || '|' || c.sort_name FROM customer c
                JOIN source s ON s.id = c.source_id WHERE c.deleted_at IS NULL ORDER BY c.id
                """)
    }

    static func customerRows(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT customer_id || '|' || source_name || '|' || remote_id || '|' || sort_name FROM dash_customer_row
                ORDER BY customer_id
                """)
    }

    /// Sums of live invoices of live customers recomputed from the rows, without zero groups.
    static func recomputedSums(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT i.source_id || '|' || i.currency || '|' || i.status || '|' || i.open_rank || '|' || count(*) || '|' ||
                    sum(i.total_minor) || '|' || sum(i.due_minor)
                FROM invoice i JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id
                WHERE i.deleted_at IS NULL AND c.deleted_at IS NULL
                GROUP BY i.source_id, i.currency, i.status, i.open_rank ORDER BY 1
                """)
    }

    static func keptSums(_ db: Database) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT source_id || '|' || currency || '|' || status || '|' || open_rank || '|' || n || '|' ||
                    total_minor || '|' || due_minor
                FROM dash_invoice_sums WHERE n != 0 OR total_minor != 0 OR due_minor != 0 ORDER BY 1
                """)
    }

    func expectInStep(_ store: BillingStore, _ step: String) throws {
        let (rows, live, kept, recomputed) = try store.pool.read { db in
            (try Self.customerRows(db), try Self.liveCustomers(db), try Self.keptSums(db), try Self.recomputedSums(db))
        }
        #expect(rows == live, "customer rows after \(step)")
        #expect(kept == recomputed, "invoice sums after \(step)")
    }

    @Test func triggersKeepCustomerRowsAndInvoiceSumsExact() throws {
        let (store, source) = try StoreFixtures.openStore()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        typealias F = StoreFixtures
        // An invoice before its customer: not summed until the customer arrives.
        var page = PageWrite(sourceID: source.id, stream: "invoices")
        page.invoices = [
            F.invoice("inv_0001", customer: 3, status: .open, due: 4_000, dueDate: "2026-05-01", issue: "2026-04-17")
        ]
        try store.apply(page)
        try expectInStep(store, "an orphan invoice")
        #expect(
            try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dash_invoice_sums WHERE n != 0") }
                == 0)

        page = PageWrite(sourceID: source.id, stream: "customers")
        page.customers = [
            F.customer(1, first: "Ada", last: "Lovelace", email: "ada@example.com"),
            F.customer(2, first: "Bob", last: "Byte", email: "bob@example.com"),
            F.customer(3, first: "Cy", last: "Cache", email: "cy@example.com"),
        ]
        try store.apply(page)
        try expectInStep(store, "customers arrive")

        page = PageWrite(sourceID: source.id, stream: "invoices")
        page.invoices = [
            F.invoice("inv_0002", customer: 1, status: .paid, due: 0, dueDate: "2026-03-01", issue: "2026-02-15"),
            F.invoice(
                "inv_0003", customer: 1, status: .open, due: 10_000, dueDate: "2026-07-01", issue: "2026-06-15",
                currency: .eur),
            F.invoice("inv_0004", customer: 2, status: .failed, due: 2_500, dueDate: "2026-04-01", issue: "2026-03-15"),
            F.invoice(
                "inv_0005", customer: 2, status: .voided, due: 0, dueDate: "2026-04-01", issue: "2026-03-15",
                currency: .jpy),
        ]
        try store.apply(page)
        try expectInStep(store, "invoices arrive")

        // The same invoice again with a new status and due (an upsert is an update).
        page.invoices = [
            F.invoice("inv_0004", customer: 2, status: .paid, due: 0, dueDate: "2026-04-01", issue: "2026-03-15")
        ]
        try store.apply(page)
        try expectInStep(store, "an invoice is paid")

        page = PageWrite(sourceID: source.id, stream: "events")
        page.tombstones = [
            Tombstone(table: .customer, remoteID: "2", at: 1_700_000_900),
            Tombstone(table: .invoice, remoteID: "inv_0003", at: 1_700_000_900),
        ]
        try store.apply(page)
        try expectInStep(store, "a customer and an invoice are tombstoned")
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dash_customer_row") } == 2)

        // Both come back (seen again upstream), and a customer is renamed.
        page = PageWrite(sourceID: source.id, stream: "customers")
        page.customers = [
            F.customer(2, first: "Bob", last: "Byte", email: "bob@example.com"),
            F.customer(3, first: "Zed", last: "Cache", email: "cy@example.com"),
        ]
        page.invoices = [
            F.invoice(
                "inv_0003", customer: 1, status: .open, due: 7_000, dueDate: "2026-07-01", issue: "2026-06-15",
                currency: .eur)
        ]
        try store.apply(page)
        try expectInStep(store, "undeletes and a rename")
        let renamed = try store.pool.read {
            try String.fetchOne($0, sql: "SELECT sort_name FROM dash_customer_row WHERE remote_id = '3'")
        }
        #expect(renamed?.hasPrefix("zed") == true)

        try store.pool.write { db in
            try db.execute(sql: "DELETE FROM invoice WHERE remote_id = 'inv_0002'")
            try db.execute(sql: "DELETE FROM customer WHERE remote_id = '3'")
        }
        try expectInStep(store, "hard deletes")
    }
}
