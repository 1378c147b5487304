import GRDB

/// A per-source count of transactions that changed its records (`source.data_generation`, migration
/// `v5-source-data-generation`), so the aggregates are recomputed after a sync that changed something, not
/// after every sync.
///
/// Why: the dashboard recomputed a source's aggregates whenever a sync run had completed since the last
/// refresh (`sync_state.last_completed_at`), and a quiet run completes too: at 100k customers each recompute
/// is ~15 s of CPU and ~550 MB at its peak, after every background sync of an unchanged account. A page
/// counts as a change when an upsert inserted or changed a row (unchanged records are left alone and do not
/// count), or a tombstone or `reconcile`
/// removed one. The refresh records the generation it read before loading, so a sync committing during a
/// recompute leaves it stale for the next one.
enum DataGeneration {
    static var steps: [StoreMigrations.Step] {
        [
            StoreMigrations.Step("v5-source-data-generation", addColumns),
            StoreMigrations.Step("v5-subscription-content-digest", addSubscriptionDigest),
        ]
    }

    static func addColumns(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE source ADD COLUMN data_generation INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE metrics_refresh ADD COLUMN data_generation INTEGER;
            """)
    }

    /// Subscriptions were rewritten by every listing that returned them, so a sync that re-listed one unchanged
    /// counted as a change. Rows from before keep a NULL digest and are rewritten once, when next listed.
    static func addSubscriptionDigest(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE subscription ADD COLUMN content_digest INTEGER")
    }

    /// The source's generation now (0 for an unknown source).
    static func current(_ db: Database, sourceID: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT data_generation FROM source WHERE id = ?", arguments: [sourceID]) ?? 0
    }

    /// The generation the source's aggregates were computed from (nil: none, or computed before the migration).
    static func refreshed(_ db: Database, sourceID: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT data_generation FROM metrics_refresh WHERE source_id = ?", arguments: [sourceID])
    }
}
