import GRDB

/// Schema steps of the sync write path (session 3), appended after the dashboard's. Append only; every name
/// carries `v3-write` so parallel additions merge cleanly.
enum WriteMigrations {
    static var steps: [StoreMigrations.Step] {
        [
            StoreMigrations.Step("v3-write-fts-batch", moveSearchIndexingToPages),
            StoreMigrations.Step("v4-store-seen-floor", addSeenFloor),
            StoreMigrations.Step("v4-store-drop-unread-indexes", dropUnreadIndexes),
        ]
    }

    /// Indexes no query reads (session 4 audit, DECISIONS.md "Sync write path"): nothing filters or sorts
    /// customers by `updated_at`, subscriptions by `state` or invoices by subscription, so these only cost
    /// every sync write a B-tree insert on a random key. A later query that needs one adds it back.
    static func dropUnreadIndexes(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX IF EXISTS customer_by_updated;
            DROP INDEX IF EXISTS subscription_by_state;
            DROP INDEX IF EXISTS invoice_by_subscription;
            """)
    }

    /// `sync_state.seen_floor` (session 4): a complete listing's table maximum id when it began, so rows it
    /// inserts need no `sync_seen` row (`SeenRule`). NULL for listings begun before: they record every id.
    static func addSeenFloor(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN seen_floor INTEGER")
    }

    /// The search tables are no longer kept by per-row triggers: `StoreWriter` indexes a page's new and changed
    /// customers and invoices with one statement per table at the end of the page's transaction
    /// (`SearchIndexBatch`). Why: SQLite (3.40 here) calls FTS5's xSavepoint before every statement that opens
    /// a statement journal once the FTS table has been written in the transaction, and FTS5 flushes its pending
    /// terms to a new on-disk segment each time; an upsert with triggers opens one per row, so every record
    /// wrote (and later merged) a segment of its own. The delete triggers stay (the fetcher never deletes rows,
    /// but anything that does keeps the index right). Table names and columns are unchanged.
    static func moveSearchIndexingToPages(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS customer_fts_insert;
            DROP TRIGGER IF EXISTS customer_fts_update;
            DROP TRIGGER IF EXISTS invoice_fts_insert;
            DROP TRIGGER IF EXISTS invoice_fts_update;
            """)
    }
}
