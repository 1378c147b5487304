import GRDB

/// Reading back what one sync run logged (flagged and skipped records), by log id: runs in the same
/// second stay apart, and the primary key makes it a range read.
extension BillingStore {
    /// The id of the newest sync log line (0 when there is none); pass it to `syncLog(after:messagePrefixes:)`.
    public func lastSyncLogID() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM sync_log") ?? 0 }
    }

    /// Sync log lines written after `id`, oldest first, whose message starts with one of `messagePrefixes`.
    public func syncLog(after id: Int64, messagePrefixes: [String]) throws -> [SyncLogEntry] {
        guard !messagePrefixes.isEmpty else { return [] }
        return try pool.read { db in
            // substr comparison, not LIKE: a prefix holding % or _ must match literally.
            let tests = messagePrefixes.map { _ in "substr(message, 1, ?) = ?" }.joined(separator: " OR ")
            var arguments: StatementArguments = [id]
            for prefix in messagePrefixes { arguments += [prefix.count, prefix] }
            return try Row.fetchAll(
                db, sql: "SELECT * FROM sync_log WHERE id > ? AND (\(tests)) ORDER BY id", arguments: arguments
            ).map {
                SyncLogEntry(
                    sourceID: $0["source_id"], stream: $0["stream"], at: $0["at"],
                    kind: SyncLogEntry.Kind(rawValue: $0["kind"]) ?? .info, status: $0["status"],
                    durationMs: $0["duration_ms"], records: $0["records"], message: $0["message"])
            }
        }
    }
}
