import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// Invoices keep their raw JSON in `invoice_raw` (migration `v5-invoice-raw-apart`): stored on insert,
/// replaced on a change, left alone when unchanged, moved out of rows written before the migration when they
/// next change, and removed with a hard-deleted invoice.
struct InvoiceRawTests {
    typealias F = StoreFixtures

    func invoice(_ uid: String, raw: String, due: Int64 = 10_000) -> Incoming<Invoice> {
        var item = F.invoice(uid, customer: 1, status: .open, due: due, dueDate: "2026-07-01", issue: "2026-06-01")
        item.raw = raw
        return item
    }

    func write(_ store: BillingStore, _ source: SourceInfo, _ items: [Incoming<Invoice>]) throws {
        try store.apply(PageWrite(sourceID: source.id, stream: "invoices", invoices: items))
    }

    static func inlineRaw(_ store: BillingStore, _ uid: String) throws -> String? {
        try store.pool.read {
            try String.fetchOne($0, sql: "SELECT raw FROM invoice WHERE remote_id = ?", arguments: [uid])
        }
    }

    /// Counts writes to the invoice and raw rows from now on (temporary triggers on the writer's connection,
    /// the one every `apply` uses).
    static func countRewrites(_ store: BillingStore) throws {
        try store.pool.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    CREATE TEMP TABLE rewrites (what TEXT);
                    CREATE TEMP TRIGGER count_invoice AFTER UPDATE ON main.invoice BEGIN INSERT INTO rewrites VALUES ('invoice'); END;
                    CREATE TEMP TRIGGER count_raw AFTER UPDATE ON main.invoice_raw BEGIN INSERT INTO rewrites VALUES ('raw'); END;
                    """)
        }
    }

    static func rewrites(_ store: BillingStore) throws -> [String] {
        try store.pool.writeWithoutTransaction {
            try String.fetchAll($0, sql: "SELECT what FROM temp.rewrites ORDER BY what")
        }
    }

    /// The raw JSON stored for an invoice: in `invoice_raw`, or inline for rows older than v5-invoice-raw-apart.
    static func rawJSON(_ store: BillingStore, _ source: SourceInfo, _ remoteID: String) throws -> String? {
        try store.pool.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT coalesce(r.raw, i.raw) FROM invoice i LEFT JOIN invoice_raw r ON r.invoice_id = i.id
                    WHERE i.source_id = ? AND i.remote_id = ?
                    """, arguments: [source.id, remoteID])
        }
    }

    static func rawRows(_ store: BillingStore) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM invoice_raw") ?? -1 }
    }

    @Test func theTextIsStoredApartAndReplacedOnlyWhenItChanges() throws {
        let (store, source) = try F.openStore()
        try write(store, source, [invoice("inv_0001", raw: #"{"uid":"inv_0001","v":1}"#)])
        #expect(try Self.rawJSON(store, source, "inv_0001") == #"{"uid":"inv_0001","v":1}"#)
        #expect(try Self.inlineRaw(store, "inv_0001") == "", "the row itself keeps no copy")
        #expect(try Self.rawRows(store) == 1)

        // The same record again: nothing rewritten.
        try Self.countRewrites(store)
        try write(store, source, [invoice("inv_0001", raw: #"{"uid":"inv_0001","v":1}"#)])
        #expect(try Self.rewrites(store) == [], "an unchanged invoice must not be rewritten")

        // A change that only the raw text shows (the mapped columns are equal) is still stored.
        try write(store, source, [invoice("inv_0001", raw: #"{"uid":"inv_0001","v":2}"#)])
        #expect(try Self.rawJSON(store, source, "inv_0001") == #"{"uid":"inv_0001","v":2}"#)
        #expect(try Self.rawRows(store) == 1)
        #expect(try Self.rewrites(store) == ["invoice", "raw"], "the changed invoice and its text were rewritten once")
        #expect(try Self.rawJSON(store, source, "inv_9999") == nil)
    }

    @Test func aHardDeletedInvoiceTakesItsTextWithIt() throws {
        let (store, source) = try F.openStore()
        try write(store, source, [invoice("inv_0001", raw: "{}"), invoice("inv_0002", raw: "[]")])
        try store.pool.write { try $0.execute(sql: "DELETE FROM invoice WHERE remote_id = 'inv_0001'") }
        #expect(try Self.rawRows(store) == 1)
        #expect(try Self.rawJSON(store, source, "inv_0002") == "[]")
    }

    @Test func rowsFromBeforeTheMigrationKeepTheirTextUntilTheyChange() throws {
        let (path, old, source) = try F.olderStore(before: "v5-invoice-raw-apart")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let all = StoreMigrations.all.map(\.name)
        // Written by the old schema's upsert: the text inline.
        try old.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO invoice (source_id, remote_id, number, customer_remote_id, status, currency, subtotal_minor,
                        discount_minor, tax_minor, total_minor, credit_minor, paid_minor, refund_minor, due_minor, product_name,
                        memo, open_rank, due_sort, issue_sort, raw)
                    VALUES (?, 'inv_0001', 'INV-0001', '1', 'open', 'USD', 0, 0, 0, 100, 0, 0, 0, 100, '', '', 0, '9999-12-31',
                        '0000-00-00', '{"old":true}')
                    """, arguments: [source.id])
        }

        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == all)
        #expect(try Self.rawJSON(store, source, "inv_0001") == #"{"old":true}"#)
        // Its next sync moves the text apart, even with equal columns (its digest was never stored).
        try write(store, source, [invoice("inv_0001", raw: #"{"old":false}"#)])
        #expect(try Self.inlineRaw(store, "inv_0001") == "")
        #expect(try Self.rawJSON(store, source, "inv_0001") == #"{"old":false}"#)
        #expect(try store.integrityCheck() == "ok")
    }
}
