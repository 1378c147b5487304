import BillingCore
import PostgresNIO

extension PostgresStore {
    /// Commits one fetched page with its checkpoint and log lines in one transaction, as the SQLite writer does
    /// (`PostgresPageWriter`), and, when a record changed, appends the change and announces its number in the
    /// same transaction, so viewers hear of exactly the pages that committed.
    public func commit(_ page: PageWrite) async throws {
        try await commitCounting(page)
    }

    /// `commit`, returning how many records were inserted, changed or tombstoned (an unchanged re-listed row is
    /// not rewritten): the `rows` of the page's `change_log` entry.
    @discardableResult
    public func commitCounting(_ page: PageWrite) async throws -> Int {
        try await transaction("save a page of \(page.stream)") { connection in
            try await self.checkLead(connection, sourceID: page.sourceID)
            var writer = PostgresPageWriter(page, on: connection)
            try await writer.write()
            if let checkpoint = page.checkpoint {
                try await Self.save(checkpoint, sourceID: page.sourceID, stream: page.stream, on: connection)
            }
            if writer.changed > 0 {
                _ = try await Self.logChange(
                    connection, what: page.stream, sourceID: page.sourceID, rows: Int64(writer.changed))
            } else {
                // An upsert's BEFORE INSERT triggers stamp every proposed row, unchanged ones too, so a page that
                // changed nothing may hold a change number: it is dropped, and nothing is announced.
                try await connection.query("SELECT billtop_forget_change()", logger: PostgresConnector.silent)
            }
            return writer.changed
        }
    }

    /// Writes the stream's checkpoint (the same fields as SQLite's `sync_state`).
    static func save(_ state: StreamState, sourceID: Int64, stream: String, on connection: PostgresConnection)
        async throws
    {
        let (phase, cursor, error) = (
            state.phase.rawValue, PostgresText.safe(state.cursor), PostgresText.safe(state.lastError)
        )
        let (page, records) = (Int64(state.page), Int64(state.recordsThisRun))
        try await connection.query(
            """
            INSERT INTO sync_state (source_id, stream, phase, run_started_at, window_start, window_end, cursor, page,
                full_listing, high_water, last_completed_at, last_full_at, records_this_run, last_error, updated_at,
                seen_floor)
            VALUES (\(sourceID), \(stream), \(phase), \(state.runStartedAt), \(state.windowStart), \(state.windowEnd),
                \(cursor), \(page), \(state.fullListing), \(state.highWater), \(state.lastCompletedAt),
                \(state.lastFullAt), \(records), \(error), \(state.updatedAt), \(state.seenFloor))
            ON CONFLICT (source_id, stream) DO UPDATE SET phase = excluded.phase,
                run_started_at = excluded.run_started_at, window_start = excluded.window_start,
                window_end = excluded.window_end, cursor = excluded.cursor, page = excluded.page,
                full_listing = excluded.full_listing, high_water = excluded.high_water,
                last_completed_at = excluded.last_completed_at, last_full_at = excluded.last_full_at,
                records_this_run = excluded.records_this_run, last_error = excluded.last_error,
                updated_at = excluded.updated_at, seen_floor = excluded.seen_floor
            """, logger: PostgresConnector.silent)
    }

    /// The stream's checkpoint (a fresh idle state before its first page, as on SQLite).
    public func streamState(sourceID: Int64, stream: String) async throws -> StreamState {
        try await serially("read a checkpoint") { connection in
            let rows = try await connection.query(
                """
                SELECT phase, run_started_at, window_start, window_end, cursor, page, full_listing, high_water,
                    last_completed_at, last_full_at, records_this_run, last_error, updated_at, seen_floor
                FROM sync_state WHERE source_id = \(sourceID) AND stream = \(stream)
                """, logger: PostgresConnector.silent)
            let columns = rows.decode(
                (
                    String, Int64?, Int64?, Int64?, String?, Int64, Bool, Int64?, Int64?, Int64?, Int64, String?, Int64,
                    Int64?
                ).self)
            for try await (
                phase, started, windowStart, windowEnd, cursor, page, full, high, completed, lastFull, records, error,
                updated, floor
            )
                in columns
            {
                return StreamState(
                    phase: StreamState.Phase(rawValue: phase) ?? .failed, runStartedAt: started,
                    windowStart: windowStart, windowEnd: windowEnd, cursor: cursor, page: Int(page),
                    fullListing: full, highWater: high, lastCompletedAt: completed, lastFullAt: lastFull,
                    recordsThisRun: Int(records), lastError: error, updatedAt: updated, seenFloor: floor)
            }
            return StreamState()
        }
    }
}
