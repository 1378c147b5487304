import BillingCore
import GRDB

/// Writes, used by the fetcher: one transaction per page, the checkpoint inside it.
extension BillingStore {
    /// Upserts a page's records, tombstones, seen-ids and log lines, and saves the stream checkpoint,
    /// all in one transaction: after a crash either all of it is there or none of it.
    public func apply(_ page: PageWrite) throws {
        try pool.write { db in try Self.write(page, into: db) }
    }

    /// `apply(_:)` for async callers: the transaction runs on the store's writer queue and the calling
    /// task suspends instead of blocking one of the few cooperative threads (the fetcher's decoding,
    /// the UI and an in-process sandbox need them while SQLite writes).
    public func commit(_ page: PageWrite) async throws {
        try await pool.write { db in try Self.write(page, into: db) }
    }

    static func write(_ page: PageWrite, into db: Database) throws {
        var writer = StoreWriter(db: db, sourceID: page.sourceID)
        writer.keepsReplacedVersions = page.keepsReplacedVersions
        var search = SearchIndexBatch()
        let seen = SeenRule(page)
        // Whether any record was inserted, changed or tombstoned: the aggregates are recomputed only then.
        var changed = false
        for item in page.customers {
            let id = try writer.upsert(customer: item)
            if let id { search.customerWritten(id) }
            changed = changed || id != nil
            if seen.needsRow(.customer, id: id) { try writer.markSeen(stream: page.stream, remoteID: item.value.id) }
        }
        if !page.subscriptions.isEmpty {
            var rows = try FreshRows.before("subscription", in: db)
            for item in page.subscriptions {
                let id = try writer.upsert(subscription: item, rows: &rows)
                changed = changed || id != nil
                if seen.needsRow(.subscription, id: id) {
                    try writer.markSeen(stream: page.stream, remoteID: item.value.id)
                }
            }
        }
        if !page.invoices.isEmpty {
            var rows = try FreshRows.before("invoice", in: db)
            var sums = InvoiceSumsBatch.applies(to: page.invoices.map(\.value.id)) ? InvoiceSumsBatch() : nil
            if sums != nil { try InvoiceSumsBatch.begin(db) }
            for item in page.invoices {
                let id = try writer.upsert(invoice: item, rows: &rows)
                if let id { search.invoiceWritten(id) }
                if let id, id > rows.floor { sums?.insertedRow(id) }
                changed = changed || id != nil
                if seen.needsRow(.invoice, id: id) { try writer.markSeen(stream: page.stream, remoteID: item.value.id) }
            }
            // Now, before the page's tombstones: their triggers subtract what the sums must already hold.
            try sums?.finish(db)
        }
        for item in page.events where try writer.upsert(event: item) { changed = true }
        for allocation in page.allocations where try writer.keep(allocation) { changed = true }
        for tombstone in page.tombstones where try writer.tombstone(tombstone) { changed = true }
        if changed { try writer.recordsChanged() }
        if let checkpoint = page.checkpoint { try writer.save(stream: page.stream, state: checkpoint) }
        for entry in page.log { try writer.log(entry) }
        // Last: FTS5 flushes its pending terms before each later statement of the transaction.
        try search.apply(db)
    }

    /// The saved state of one stream (a fresh idle state if it never ran).
    public func streamState(sourceID: Int64, stream: String) throws -> StreamState {
        try pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM sync_state WHERE source_id = ? AND stream = ?",
                    arguments: [sourceID, stream])
            else { return StreamState() }
            return Self.streamState(row)
        }
    }

    /// Saves a stream's state on its own (run start, error, completion).
    public func saveStreamState(sourceID: Int64, stream: String, state: StreamState, log: [SyncLogEntry] = []) throws {
        try pool.write { db in
            let writer = StoreWriter(db: db, sourceID: sourceID)
            try writer.save(stream: stream, state: state)
            for entry in log { try writer.log(entry) }
        }
    }

    /// Appends sync log lines (requests, waits, errors) in one transaction.
    public func appendLog(_ entries: [SyncLogEntry]) throws {
        guard !entries.isEmpty else { return }
        try pool.write { db in
            let writer = StoreWriter(db: db, sourceID: 0)
            for entry in entries { try writer.log(entry) }
        }
    }

    /// Forgets which ids a previous full listing saw: call when a `--full` listing of `stream` starts.
    public func resetSeen(sourceID: Int64, stream: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM sync_seen WHERE source_id = ? AND stream = ?", arguments: [sourceID, stream])
        }
    }

    /// Starts a complete listing of `stream` over `table`: forgets the previous seen set and returns the
    /// table's largest row id, the listing's `StreamState.seenFloor` (rows above it are the listing's own).
    public func beginCompleteListing(sourceID: Int64, stream: String, table: Tombstone.Table) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM sync_seen WHERE source_id = ? AND stream = ?", arguments: [sourceID, stream])
            return try Int64.fetchOne(db, sql: "SELECT max(id) FROM \(table.rawValue)") ?? 0
        }
    }

    /// After a complete listing of `stream` (never a partial one), tombstones every live record of `table`
    /// the listing did not see, clears the seen set, and saves `state` in the same transaction.
    /// With `state.seenFloor`, only rows up to it can be unseen (rows above it were inserted by the listing).
    /// Returns how many records were tombstoned.
    @discardableResult
    public func reconcile(
        sourceID: Int64, stream: String, table: Tombstone.Table, at: Int64, state: StreamState
    ) throws -> Int {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE \(table.rawValue) SET deleted_at = ?
                    WHERE source_id = ? AND deleted_at IS NULL AND id <= ? AND remote_id NOT IN
                        (SELECT remote_id FROM sync_seen WHERE source_id = ? AND stream = ?)
                    """,
                arguments: [at, sourceID, state.seenFloor ?? Int64.max, sourceID, stream])
            let count = db.changesCount
            if count > 0 { try StoreWriter(db: db, sourceID: sourceID).recordsChanged() }
            try db.execute(
                sql: "DELETE FROM sync_seen WHERE source_id = ? AND stream = ?", arguments: [sourceID, stream])
            var finished = state
            finished.seenFloor = nil  // means nothing once the listing is over
            try StoreWriter(db: db, sourceID: sourceID).save(stream: stream, state: finished)
            return count
        }
    }

    /// Deletes sync log lines older than `before` (seconds), keeping the table small.
    public func pruneLog(before: Int64) throws {
        try pool.write { db in try db.execute(sql: "DELETE FROM sync_log WHERE at < ?", arguments: [before]) }
    }

    static func streamState(_ row: Row) -> StreamState {
        StreamState(
            phase: StreamState.Phase(rawValue: row["phase"]) ?? .idle, runStartedAt: row["run_started_at"],
            windowStart: row["window_start"], windowEnd: row["window_end"], cursor: row["cursor"], page: row["page"],
            fullListing: row["full_listing"], highWater: row["high_water"], lastCompletedAt: row["last_completed_at"],
            lastFullAt: row["last_full_at"], recordsThisRun: row["records_this_run"], lastError: row["last_error"],
            updatedAt: row["updated_at"], seenFloor: row["seen_floor"])
    }
}
