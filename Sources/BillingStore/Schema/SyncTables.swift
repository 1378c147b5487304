import GRDB

/// Columns added to the fetcher's bookkeeping tables after the first release (`sync_log`, `sync_state`).
enum SyncTables {
    /// `record_issue` ('flagged' | 'skipped' | NULL) types the lines `billtop sync` counts, instead of the
    /// summary matching the start of their message text. Lines from earlier runs get it from the text
    /// they were written with (the only form they ever had), so a run read back across an upgrade counts.
    static func addRecordIssue(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE sync_log ADD COLUMN record_issue TEXT;
                UPDATE sync_log SET record_issue = 'flagged' WHERE kind = 'info' AND substr(message, 1, 8) = 'flagged ';
                UPDATE sync_log SET record_issue = 'skipped' WHERE kind = 'error' AND substr(message, 1, 8) = 'skipped ';
                """)
    }

    /// `sync_state.seen_floor` (session 4): a complete listing's table maximum id when it began, so rows it
    /// inserts need no `sync_seen` row (`SeenRule`). NULL for listings begun before: they record every id.
    static func addSeenFloor(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN seen_floor INTEGER")
    }
}
