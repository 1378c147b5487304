import BillingCore
import PostgresNIO

/// A stream's bookkeeping on PostgreSQL, as `BillingStore+Writes` does it on SQLite: checkpoints saved on their
/// own, log lines, and a complete listing's seen ids and the tombstones of what it did not list.
extension PostgresStore: RecordStore {
    /// The server's one line (`PostgresStoreError`) already names the store without its password.
    public func writeFailure(_ error: any Error) -> String {
        if let known = error as? PostgresStoreError { return known.message }
        return "the store at \(url) refused a write: \(error)"
    }

    /// Saves a stream's state on its own (run start, error, completion), with its log lines.
    public func saveStreamState(sourceID: Int64, stream: String, state: StreamState, log: [SyncLogEntry] = [])
        async throws
    {
        try await transaction("save a checkpoint of \(stream)") { connection in
            try await self.checkLead(connection, sourceID: sourceID)
            try await Self.save(state, sourceID: sourceID, stream: stream, on: connection)
            try await PostgresPageWriter.writeLog(log, on: connection)
        }
    }

    /// Appends sync log lines in one transaction.
    public func appendLog(_ entries: [SyncLogEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await transaction("append to its sync log") { connection in
            try await PostgresPageWriter.writeLog(entries, on: connection)
        }
    }

    /// Forgets which ids a previous complete listing of `stream` saw.
    public func resetSeen(sourceID: Int64, stream: String) async throws {
        _ = try await transaction("forget a listing's seen ids") { connection in
            try await self.checkLead(connection, sourceID: sourceID)
            try await connection.query(
                "DELETE FROM sync_seen WHERE source_id = \(sourceID) AND stream = \(stream)",
                logger: PostgresConnector.silent)
        }
    }

    /// Starts a complete listing: forgets the previous seen set and returns the table's largest row id, the
    /// listing's `StreamState.seenFloor`. Identity values only grow, so rows above it are the listing's own.
    public func beginCompleteListing(sourceID: Int64, stream: String, table: Tombstone.Table) async throws -> Int64 {
        try await transaction("start a complete listing of \(stream)") { connection in
            try await self.checkLead(connection, sourceID: sourceID)
            try await connection.query(
                "DELETE FROM sync_seen WHERE source_id = \(sourceID) AND stream = \(stream)",
                logger: PostgresConnector.silent)
            let rows = try await connection.query(
                "SELECT coalesce(max(id), 0) FROM \(unescaped: table.rawValue)", logger: PostgresConnector.silent)
            for try await floor in rows.decode(Int64.self) { return floor }
            return 0
        }
    }

    /// After a complete listing: tombstones every live row of `table` up to the listing's floor that it did not
    /// see, clears the seen set and saves `state`, in one transaction (announced when anything was tombstoned).
    @discardableResult
    public func reconcile(sourceID: Int64, stream: String, table: Tombstone.Table, at: Int64, state: StreamState)
        async throws -> Int
    {
        try await transaction("reconcile a complete listing of \(stream)") { connection in
            try await self.checkLead(connection, sourceID: sourceID)
            let floor = state.seenFloor ?? Int64.max
            let rows = try await connection.query(
                """
                UPDATE \(unescaped: table.rawValue) SET deleted_at = \(at)
                WHERE source_id = \(sourceID) AND deleted_at IS NULL AND id <= \(floor) AND NOT EXISTS
                    (SELECT 1 FROM sync_seen s WHERE s.source_id = \(sourceID) AND s.stream = \(stream)
                        AND s.remote_id = \(unescaped: table.rawValue).remote_id)
                RETURNING 1
                """, logger: PostgresConnector.silent)
            var count = 0
            for try await _ in rows.decode(Int.self) { count += 1 }
            try await connection.query(
                "DELETE FROM sync_seen WHERE source_id = \(sourceID) AND stream = \(stream)",
                logger: PostgresConnector.silent)
            var finished = state
            finished.seenFloor = nil  // means nothing once the listing is over
            try await Self.save(finished, sourceID: sourceID, stream: stream, on: connection)
            if count > 0 {
                _ = try await Self.logChange(connection, what: stream, sourceID: sourceID, rows: Int64(count))
            }
            return count
        }
    }

    // SQLite's sync-time writer settings and deferred sort indexes have no counterpart here: the server's
    // own settings govern its writes, and its indexes are maintained as rows arrive.
    public func beginSyncWrites() {}
    public func endSyncWrites() {}
    @discardableResult
    public func deferIndexesForFirstListing(of table: Tombstone.Table) async throws -> [String] { [] }
    @discardableResult
    public func rebuildDeferredIndexes(of table: Tombstone.Table) async throws -> [String] { [] }
}
