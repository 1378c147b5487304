import BillingCore
import PostgresNIO

extension PostgresStore {
    /// Commits one fetched page with its checkpoint in one transaction, as the SQLite writer does, and, when a
    /// row changed, appends the change and announces its number in the same transaction, so viewers hear of
    /// exactly the pages that committed. This engine takes customer pages so far; a page with anything else
    /// is refused whole, before anything is written.
    /// Returns how many customers were inserted or changed (an unchanged re-listed row is not rewritten).
    @discardableResult
    public func commit(_ page: PageWrite) async throws -> Int {
        let others = page.subscriptions.count + page.invoices.count + page.events.count + page.tombstones.count
        guard others == 0, !page.recordSeen else {
            throw PostgresStoreError(
                message:
                    "the PostgreSQL store takes only customer pages so far (this page holds subscriptions, invoices, events, tombstones or a full listing's seen ids); sync into a SQLite store with --db",
                sqlState: nil)
        }
        return try await transaction("save a page of \(page.stream)") { connection in
            var changed = 0
            for customer in page.customers {
                if try await Self.upsert(customer, sourceID: page.sourceID, on: connection) { changed += 1 }
            }
            if let checkpoint = page.checkpoint {
                try await Self.save(checkpoint, sourceID: page.sourceID, stream: page.stream, on: connection)
            }
            if changed > 0 {
                _ = try await Self.logChange(
                    connection, what: page.stream, sourceID: page.sourceID, rows: Int64(changed))
            }
            return changed
        }
    }

    /// Inserts or updates one customer; true when a row was written (the WHERE leaves an identical row alone).
    static func upsert(_ item: Incoming<Customer>, sourceID: Int64, on connection: PostgresConnection) async throws
        -> Bool
    {
        let c = item.value
        let safe: (String) -> String = PostgresText.safe
        let (id, first, last, email, organization) = (
            safe(c.id), safe(c.firstName), safe(c.lastName), safe(c.email), safe(c.organization)
        )
        let (reference, phone, city, country) = (safe(c.reference), safe(c.phone), safe(c.city), safe(c.country))
        let sortName = safe(c.displayName.lowercased())
        let (created, updated) = (c.createdAt?.secondsSinceEpoch, c.updatedAt?.secondsSinceEpoch)
        let flags = safe(item.flags.joined(separator: "\n"))
        let raw = safe(item.raw)
        let rows = try await connection.query(
            """
            INSERT INTO customer (source_id, remote_id, first_name, last_name, email, organization, reference, phone,
                city, country, sort_name, created_at, updated_at, deleted_at, flags, raw)
            VALUES (\(sourceID), \(id), \(first), \(last), \(email), \(organization), \(reference), \(phone),
                \(city), \(country), \(sortName), \(created), \(updated), NULL, \(flags), \(raw))
            ON CONFLICT (source_id, remote_id) DO UPDATE SET first_name = excluded.first_name,
                last_name = excluded.last_name, email = excluded.email, organization = excluded.organization,
                reference = excluded.reference, phone = excluded.phone, city = excluded.city,
                country = excluded.country, sort_name = excluded.sort_name, created_at = excluded.created_at,
                updated_at = excluded.updated_at, deleted_at = NULL, flags = excluded.flags, raw = excluded.raw
            WHERE customer.deleted_at IS NOT NULL
                OR (customer.raw, customer.flags, customer.first_name, customer.last_name, customer.email,
                    customer.organization, customer.reference, customer.phone, customer.city, customer.country,
                    customer.created_at, customer.updated_at)
                IS DISTINCT FROM (excluded.raw, excluded.flags, excluded.first_name, excluded.last_name,
                    excluded.email, excluded.organization, excluded.reference, excluded.phone, excluded.city,
                    excluded.country, excluded.created_at, excluded.updated_at)
            RETURNING id
            """, logger: PostgresConnector.silent)
        var written = false
        for try await _ in rows.decode(Int64.self) { written = true }
        return written
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

    /// The stream's checkpoint, or nil before its first page.
    public func streamState(sourceID: Int64, stream: String) async throws -> StreamState? {
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
            return nil
        }
    }
}
