import GRDB

/// Reading back what one sync run logged (flagged and skipped records), by log id: runs in the same
/// second stay apart, and the primary key makes it a range read.
extension BillingStore {
    /// The id of the newest sync log line (0 when there is none); pass it to `syncLog(after:recordIssues:)`.
    public func lastSyncLogID() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM sync_log") ?? 0 }
    }

    /// Sync log lines written after `id`, oldest first, about flagged or skipped records (`recordIssue` set).
    public func syncLog(after id: Int64, recordIssues: Set<SyncLogEntry.RecordIssue> = [.flagged, .skipped]) throws
        -> [SyncLogEntry]
    {
        guard !recordIssues.isEmpty else { return [] }
        let marks = recordIssues.map { _ in "?" }.joined(separator: ", ")
        var arguments: StatementArguments = [id]
        for issue in recordIssues.sorted(by: { $0.rawValue < $1.rawValue }) { arguments += [issue.rawValue] }
        return try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sync_log WHERE id > ? AND record_issue IN (\(marks)) ORDER BY id",
                arguments: arguments
            ).map(Self.logEntry)
        }
    }

    /// One `sync_log` row as an entry (an unknown kind, from a newer billtop, reads as `.info`).
    static func logEntry(_ row: Row) -> SyncLogEntry {
        SyncLogEntry(
            sourceID: row["source_id"], stream: row["stream"], at: row["at"],
            kind: SyncLogEntry.Kind(rawValue: row["kind"]) ?? .info, status: row["status"],
            durationMs: row["duration_ms"], records: row["records"], message: row["message"],
            recordIssue: (row["record_issue"] as String?).flatMap(SyncLogEntry.RecordIssue.init(rawValue:)))
    }
}
