import Foundation
import GRDB

/// Adds a page's new invoices to the invoice sums (`dash_invoice_sums`, `dash_invoice_day_sums`) with one
/// statement per table after the page's upserts, instead of two insert triggers per row.
///
/// Why: each insert trigger is a program run per row with a customer lookup and an upsert; the replay at 100k
/// customers priced the two at ~31 µs per invoice (`Benchmarks/invoice_replay.py`, `no3` against
/// `no3-notrig`). Batched, the lookups remain but the per-row programs and upserts go: the fetcher's CPU per
/// record fell 6-10% at 10k customers (PERFORMANCE.md "Session 6"). While a page's invoices are upserted, a row in
/// `invoice_sums_batch` switches the insert triggers off (their `WHEN` clause); the row is deleted again
/// before anything else in the transaction, so no committed state and no other writer ever sees it.
/// Updates, tombstones and deletes keep their triggers: only inserts are batched, and only on pages that do
/// not list one invoice twice (an insert then an update of the same row would be summed twice).
struct InvoiceSumsBatch {
    static let triggers = ["dash_invoice_sums_insert", "dash_invoice_day_sums_insert"]
    static let header = "AFTER INSERT ON invoice BEGIN"
    static let guardedHeader = "AFTER INSERT ON invoice WHEN NOT EXISTS (SELECT 1 FROM invoice_sums_batch) BEGIN"

    /// Creates the switch table and gives both insert triggers their `WHEN` clause, bodies unchanged.
    static func guardInsertTriggers(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE invoice_sums_batch (on_page INTEGER NOT NULL)")
        for name in triggers {
            guard
                let sql = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [name]),
                sql.components(separatedBy: header).count == 2
            else {
                throw DatabaseError(
                    message: "migration v6-invoice-sums-per-page: trigger \(name) is not as its migration made it")
            }
            try db.execute(sql: "DROP TRIGGER \(name)")
            try db.execute(sql: sql.replacingOccurrences(of: header, with: guardedHeader))
        }
    }

    private var inserted: [Int64] = []

    /// Whether a page's invoices can be summed in one batch: no remote id appears twice.
    static func applies(to remoteIDs: [String]) -> Bool {
        Set(remoteIDs).count == remoteIDs.count
    }

    /// Switches the insert triggers off until `finish`.
    static func begin(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO invoice_sums_batch (on_page) VALUES (1)").execute()
    }

    /// An invoice row the page inserted (not one it updated).
    mutating func insertedRow(_ id: Int64) { inserted.append(id) }

    /// Switches the triggers back on and adds the inserted rows to both sums, with the triggers' own rules:
    /// live invoices of live customers; the day sums only with an issue date.
    func finish(_ db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM invoice_sums_batch").execute()
        guard !inserted.isEmpty else { return }
        let ids = SearchIndexBatch.json(inserted)
        try db.cachedStatement(
            sql: """
                INSERT INTO dash_invoice_sums (source_id, currency, status, open_rank, n, total_minor, due_minor)
                SELECT i.source_id, i.currency, i.status, i.open_rank, count(*), sum(i.total_minor), sum(i.due_minor)
                FROM invoice i WHERE i.id IN (SELECT value FROM json_each(?)) AND \(Self.live)
                GROUP BY i.source_id, i.currency, i.status, i.open_rank
                ON CONFLICT (source_id, currency, status, open_rank) DO UPDATE SET n = n + excluded.n,
                    total_minor = total_minor + excluded.total_minor, due_minor = due_minor + excluded.due_minor
                """
        ).execute(arguments: [ids])
        try db.cachedStatement(
            sql: """
                INSERT INTO dash_invoice_day_sums (issue_date, source_id, currency, status, open_rank, n, total_minor, due_minor)
                SELECT i.issue_date, i.source_id, i.currency, i.status, i.open_rank, count(*), sum(i.total_minor), sum(i.due_minor)
                FROM invoice i WHERE i.id IN (SELECT value FROM json_each(?)) AND i.issue_date IS NOT NULL AND \(Self.live)
                GROUP BY i.issue_date, i.source_id, i.currency, i.status, i.open_rank
                ON CONFLICT (issue_date, source_id, currency, status, open_rank) DO UPDATE SET n = n + excluded.n,
                    total_minor = total_minor + excluded.total_minor, due_minor = due_minor + excluded.due_minor
                """
        ).execute(arguments: [ids])
    }

    static let live = """
        i.deleted_at IS NULL AND EXISTS (SELECT 1 FROM customer c WHERE c.source_id = i.source_id
            AND c.remote_id = i.customer_remote_id AND c.deleted_at IS NULL)
        """
}
