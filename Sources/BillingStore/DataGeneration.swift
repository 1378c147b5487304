import GRDB

/// A per-source count of transactions that changed its records (`source.data_generation`, migration
/// `v5-source-data-generation`), so the aggregates are recomputed after a sync that changed something, not
/// after every sync.
///
/// Why: the dashboard recomputed a source's aggregates whenever a sync run had completed since the last
/// refresh (`sync_state.last_completed_at`), and a quiet run completes too: at 100k customers each recompute
/// is ~10-15 s of CPU and ~500 MB at its peak, after every background sync of an unchanged account. A page
/// counts as a change when an upsert inserted or changed a row (unchanged records are left alone and do not
/// count), or a tombstone or `reconcile` removed one. A refresh records the generation and the streams' last
/// completion it read before loading (`Mark`); it is stale once both have moved, so a sync committing or
/// finishing during a recompute leaves it stale for the next one, and a sync in progress is recomputed when
/// a stream finishes rather than after every page.
enum DataGeneration {
    static func addColumns(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE source ADD COLUMN data_generation INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE metrics_refresh ADD COLUMN data_generation INTEGER;
                """)
    }

    /// Subscriptions were rewritten by every listing that returned them, so a sync that re-listed one unchanged
    /// counted as a change. Rows from before keep a NULL digest and are rewritten once, when next listed.
    static func addSubscriptionDigest(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE subscription ADD COLUMN content_digest INTEGER")
    }

    /// The streams' completions a refresh saw (`Mark.completion`), compared for equality only, so the
    /// fetcher's clock and the refresher's never meet.
    static func addCompletionMark(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE metrics_refresh ADD COLUMN completion_mark INTEGER")
    }

    /// What a refresh read its data at: the source's generation and its streams' last completion.
    struct Mark: Equatable {
        var generation: Int64
        var completion: Int64?

        /// Stale when records changed since and a stream has finished since: a sync in progress is recomputed
        /// when its streams finish, not after each page (the dashboard asks after every commit; at 100k a
        /// recompute is ~10 s), and a sync that changed nothing never.
        func isStale(_ now: Mark) -> Bool { generation != now.generation && completion != now.completion }
    }

    /// The source's mark now (read it in the same transaction as the data it describes): its generation (0 for
    /// an unknown source) and a value that moves whenever one of its streams finishes, the sum of their last
    /// completion times (the fetcher's clock; a maximum would miss a second stream finishing in the same
    /// second; nil when none has).
    static func mark(_ db: Database, sourceID: Int64) throws -> Mark {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT data_generation FROM source WHERE id = ?1) AS generation,
                    (SELECT sum(last_completed_at) FROM sync_state WHERE source_id = ?1) AS completion
                """, arguments: [sourceID])
        return Mark(generation: row?["generation"] ?? 0, completion: row?["completion"])
    }

    /// What the source's aggregates were computed from (nil: none, or computed before the migrations).
    static func refreshed(_ db: Database, sourceID: Int64) throws -> Mark? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT data_generation, completion_mark FROM metrics_refresh WHERE source_id = ?",
                arguments: [sourceID]),
            let generation: Int64 = row["data_generation"]
        else { return nil }
        return Mark(generation: generation, completion: row["completion_mark"])
    }
}
