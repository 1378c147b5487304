import GRDB

/// Sync-log steps owned by the fetcher area (s3-truto), appended after the dashboard's read model. Append
/// only; every name carries `v3-truto` so parallel additions merge cleanly.
enum SyncLogMigrations {
    static var steps: [StoreMigrations.Step] {
        [StoreMigrations.Step("v3-truto-sync-log-record-issue", addRecordIssue)]
    }

    /// `record_issue` ('flagged' | 'skipped' | NULL) types the lines `billtop sync` counts, instead of the
    /// summary matching the start of their message text. Lines from earlier runs get it from the text
    /// they were written with (the only form they ever had), so a run read back across an upgrade counts.
    static func addRecordIssue(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE sync_log ADD COLUMN record_issue TEXT;
            UPDATE sync_log SET record_issue = 'flagged' WHERE kind = 'info' AND substr(message, 1, 8) = 'flagged ';
            UPDATE sync_log SET record_issue = 'skipped' WHERE kind = 'error' AND substr(message, 1, 8) = 'skipped ';
            """)
    }
}
