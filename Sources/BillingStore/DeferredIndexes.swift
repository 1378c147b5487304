import Foundation
import GRDB

/// Secondary indexes a first listing builds after its rows instead of row by row.
///
/// Why: on random keys (an amount, a subscription id) every inserted invoice dirties a different leaf page
/// of each such index, so each page's transaction wrote thousands of 4 KB pages to the WAL (and again at
/// checkpoint). `bench write` at 16,500 records: 6.2 s CPU with these two and `invoice_by_subscription` (since
/// dropped, s4-store), 2.3 s without (DECISIONS.md "Deferred indexes"). One `CREATE INDEX` after the listing
/// sorts instead.
///
/// Only indexes that no write path and no default pane view needs are deferred: the upsert's unique key,
/// the triggers' `invoice_by_customer`, and the indexes behind the invoices pane's default order and the
/// dunning pane stay. While deferred, a user-chosen sort (number, dates, total, due) sorts instead of walking its index
/// (the invoices pane names an index only when it exists): slower, never wrong. The definitions are copied from `sqlite_master` into `deferred_index` in the same
/// transaction that drops them, so a crash loses nothing: the next run that is not the same first listing
/// (or the listing's end) builds them again.
enum DeferredIndexes {
    static func createTable(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE deferred_index (
                    name TEXT PRIMARY KEY NOT NULL,
                    table_name TEXT NOT NULL,
                    sql TEXT NOT NULL
                );
                """)
    }

    /// The indexes a first listing of each table may defer.
    static let deferrable: [Tombstone.Table: [String]] = [
        // The five user-chosen sorts of migration v3-search-invoice-sorts. Amount keys are random per insert;
        // number and dates are nearly so in listing order (session 5: deferring the other three saved ~15 µs
        // per invoice during the listing for ~8 µs of CREATE INDEX at its end; DECISIONS.md "Deferred indexes").
        // And the two orders of `billtop invoices` (open by due date; by issue date), which no write path,
        // trigger or pane names: an invoice replay at 100k costs 90.2 µs per invoice without them against
        // 105-111 µs with them (issue 22; PERFORMANCE.md "Write path").
        .invoice: [
            "invoice_search_by_due", "invoice_search_by_due_date", "invoice_search_by_issue",
            "invoice_search_by_number",
            "invoice_search_by_total", "invoice_open_by_due", "invoice_by_issue",
        ]
    ]

    /// Drops `table`'s deferrable indexes when the table has no rows at all (any source): nothing then
    /// needs them until the listing has written its rows. Returns the names dropped.
    static func deferIfEmpty(_ db: Database, table: Tombstone.Table) throws -> [String] {
        guard let names = deferrable[table], !names.isEmpty else { return [] }
        let empty = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM \(table.rawValue))") ?? false
        guard empty else { return [] }
        var dropped: [String] = []
        for name in names {
            guard
                let sql = try String.fetchOne(
                    db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ? AND tbl_name = ?",
                    arguments: [name, table.rawValue])
            else { continue }
            try db.execute(
                sql: "INSERT OR REPLACE INTO deferred_index (name, table_name, sql) VALUES (?, ?, ?)",
                arguments: [name, table.rawValue, sql])
            try db.execute(sql: "DROP INDEX \(quoted(name))")
            dropped.append(name)
        }
        return dropped
    }

    /// Builds every deferred index of `table` from its saved definition. Returns the names built.
    static func rebuild(_ db: Database, table: Tombstone.Table) throws -> [String] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT name, sql FROM deferred_index WHERE table_name = ? ORDER BY name",
            arguments: [table.rawValue])
        var built: [String] = []
        let wanted = Set(deferrable[table] ?? [])
        for row in rows {
            let name: String = row["name"]
            let sql: String = row["sql"]
            // An index a later migration dropped for good is not built again from an old deferral.
            guard wanted.contains(name) else {
                try db.execute(sql: "DELETE FROM deferred_index WHERE name = ?", arguments: [name])
                continue
            }
            let exists =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)",
                    arguments: [name]) ?? false
            if !exists {
                try db.execute(sql: sql)
                built.append(name)
            }
            try db.execute(sql: "DELETE FROM deferred_index WHERE name = ?", arguments: [name])
        }
        return built
    }

    /// Names of `table`'s indexes that are deferred now.
    static func pending(_ db: Database, table: Tombstone.Table) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT name FROM deferred_index WHERE table_name = ? ORDER BY name", arguments: [table.rawValue])
    }

    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
