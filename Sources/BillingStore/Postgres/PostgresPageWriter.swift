import BillingCore
import PostgresNIO

/// Writes one page inside the caller's transaction on PostgreSQL, as `BillingStore.write(_:into:)` does on
/// SQLite: the same rows, the same rule for leaving an unchanged row alone, the same seen ids. Each kind of
/// record is one statement per page (`PostgresRowSet`), children replaced only for the rows that changed.
struct PostgresPageWriter {
    let connection: PostgresConnection
    let page: PageWrite
    /// Records inserted, changed or tombstoned so far: the page's row count in `change_log`.
    var changed = 0
    /// Remote ids to record as seen by the complete listing under way.
    private var seen: [String] = []

    init(_ page: PageWrite, on connection: PostgresConnection) {
        self.page = page
        self.connection = connection
    }

    /// Writes every part of the page; the checkpoint and the change log are the caller's.
    mutating func write() async throws {
        try await writeCustomers()
        try await writeSubscriptions()
        try await writeInvoices()
        try await writeEvents()
        try await writeAllocations()
        try await writeTombstones()
        try await writeSeen()
        try await Self.writeLog(page.log, on: connection)
    }

    /// A record listed twice in one page is written once, as its last listing says (SQLite's second upsert
    /// overwrites the first; PostgreSQL refuses to touch one row twice in a statement).
    static func lastOfEach<Value>(_ items: [Incoming<Value>], id: (Value) -> String) -> [Incoming<Value>] {
        var kept = Set<String>()
        return items.reversed().filter { kept.insert(id($0.value)).inserted }.reversed()
    }

    /// Remembers which of `items` the listing saw, by `SeenRule` (the same rule as SQLite's writer).
    mutating func noteSeen<Value>(
        _ items: [Incoming<Value>], table: Tombstone.Table, written: [String: Int64], id: (Value) -> String
    ) {
        let rule = SeenRule(page)
        for item in items where rule.needsRow(table, id: written[id(item.value)]) { seen.append(id(item.value)) }
    }

    /// Upserts a page's records of `table` (`batch` into `rows`), counts the changed ones, notes the seen ones,
    /// and deletes the child rows (tables `children`, keyed by `key`) of the changed ones, which the caller then
    /// writes anew. Returns the changed rows' ids by remote id.
    mutating func upsert<Value>(
        _ items: [Incoming<Value>], _ batch: PostgresBatch, into rows: PostgresRowSet, table: Tombstone.Table,
        changedWhen: String, children: [String] = [], key: String = "", id: (Value) -> String
    ) async throws -> [String: Int64] {
        let written = try await rows.upsert(batch, sourceID: page.sourceID, changedWhen: changedWhen, on: connection)
        changed += written.count
        noteSeen(items, table: table, written: written, id: id)
        let ids = Array(written.values)
        for child in children where !ids.isEmpty {
            try await connection.query(
                "DELETE FROM \(unescaped: child) WHERE \(unescaped: key) = ANY(\(ids))",
                logger: PostgresConnector.silent)
        }
        return written
    }

    static let customers = PostgresRowSet(
        "customer",
        "remote_id text, first_name text, last_name text, email text, organization text, reference text, phone text, city text, country text, sort_name text, created_at bigint, updated_at bigint, flags text, raw text"
    )

    private mutating func writeCustomers() async throws {
        let items = Self.lastOfEach(page.customers, id: \.id)
        var batch = PostgresBatch()
        for item in items {
            let c = item.value
            batch.append([
                "remote_id": .text(c.id), "first_name": .text(c.firstName), "last_name": .text(c.lastName),
                "email": .text(c.email), "organization": .text(c.organization), "reference": .text(c.reference),
                "phone": .text(c.phone), "city": .text(c.city), "country": .text(c.country),
                "sort_name": .text(NameSortKey.of(c.displayName)), "created_at": .int(c.createdAt?.secondsSinceEpoch),
                "updated_at": .int(c.updatedAt?.secondsSinceEpoch), "flags": .text(item.flags.joined(separator: "\n")),
                "raw": .text(item.raw),
            ])
        }
        _ = try await upsert(
            items, batch, into: Self.customers, table: .customer,
            changedWhen: """
                (customer.raw, customer.flags, customer.first_name, customer.last_name, customer.email,
                    customer.organization, customer.reference, customer.phone, customer.city, customer.country,
                    customer.created_at, customer.updated_at)
                IS DISTINCT FROM (excluded.raw, excluded.flags, excluded.first_name, excluded.last_name,
                    excluded.email, excluded.organization, excluded.reference, excluded.phone, excluded.city,
                    excluded.country, excluded.created_at, excluded.updated_at)
                """, id: \.id)
    }

    private mutating func writeSeen() async throws {
        guard !seen.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO sync_seen (source_id, stream, remote_id)
            SELECT \(page.sourceID), \(page.stream), unnest(\(seen)::text[]) ON CONFLICT DO NOTHING
            """, logger: PostgresConnector.silent)
    }

    /// Marks deleted upstream records tombstoned (a handful per page at most: one statement each).
    private mutating func writeTombstones() async throws {
        for tombstone in page.tombstones {
            let rows = try await connection.query(
                """
                UPDATE \(unescaped: tombstone.table.rawValue) SET deleted_at = \(tombstone.at)
                WHERE source_id = \(page.sourceID) AND remote_id = \(PostgresText.safe(tombstone.remoteID))
                    AND deleted_at IS NULL RETURNING 1
                """, logger: PostgresConnector.silent)
            for try await _ in rows.decode(Int.self) { changed += 1 }
        }
    }

    static let log = PostgresRowSet(
        "sync_log",
        "source_id bigint, stream text, at bigint, kind text, status integer, duration_ms bigint, records bigint, message text, record_issue text"
    )

    /// Appends sync log lines inside the caller's transaction.
    static func writeLog(_ entries: [SyncLogEntry], on connection: PostgresConnection) async throws {
        var batch = PostgresBatch()
        for e in entries {
            batch.append([
                "source_id": .int(e.sourceID), "stream": .text(e.stream), "at": .int(e.at),
                "kind": .text(e.kind.rawValue),
                "status": .int(e.status.map(Int64.init)), "duration_ms": .int(e.durationMs.map(Int64.init)),
                "records": .int(e.records.map(Int64.init)), "message": .text(e.message),
                "record_issue": .text(e.recordIssue?.rawValue),
            ])
        }
        try await log.insert(batch, on: connection)
    }
}
