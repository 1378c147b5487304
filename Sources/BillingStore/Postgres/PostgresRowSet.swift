import PostgresNIO

/// One table's columns as a page writes them, and the statements that write a whole `PostgresBatch` at once
/// from `jsonb_to_recordset`: an upsert keyed by (source, remote id) that returns the rows it inserted or
/// changed, or a plain insert (child rows, seen ids, log lines). The table and column names are this file's
/// constants, never input; the rows are one bound parameter.
struct PostgresRowSet {
    let table: String
    let columns: [(name: String, type: String)]

    /// `columns` as "name type, name type" (every type one word).
    init(_ table: String, _ columns: String) {
        self.table = table
        self.columns = columns.split(separator: ",").map { column in
            let parts = column.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        }
    }

    private var names: String { columns.map(\.name).joined(separator: ", ") }

    /// The columns a page writes but `left`, comma-separated: a read that leaves one out names the rest.
    func names(leavingOut left: String) -> String {
        columns.map(\.name).filter { $0 != left }.joined(separator: ", ")
    }
    private var selected: String { columns.map { "x.\($0.name)" }.joined(separator: ", ") }
    private var typed: String { columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ") }

    /// Inserts or updates the batch's rows of `sourceID`; a live row is rewritten only when `changedWhen` holds
    /// (SQL over `<table>` and `excluded`), and a tombstoned one always comes back to life. Returns the
    /// remote id and row id of each row inserted or changed.
    func upsert(
        _ batch: PostgresBatch, sourceID: Int64, changedWhen: String, revives: Bool = true,
        on connection: PostgresConnection
    ) async throws -> [String: Int64] {
        guard !batch.isEmpty else { return [:] }
        let sets =
            columns.filter { $0.name != "remote_id" }.map { "\($0.name) = excluded.\($0.name)" }
            + (revives ? ["deleted_at = NULL"] : [])
        let changed = revives ? "\(table).deleted_at IS NOT NULL OR \(changedWhen)" : changedWhen
        let json = try batch.json()
        let rows = try await connection.query(
            """
            INSERT INTO \(unescaped: table) (source_id, \(unescaped: names))
            SELECT \(sourceID), \(unescaped: selected) FROM jsonb_to_recordset(\(json)::text::jsonb)
                AS x(\(unescaped: typed))
            ON CONFLICT (source_id, remote_id) DO UPDATE SET \(unescaped: sets.joined(separator: ", "))
            WHERE \(unescaped: changed)
            RETURNING remote_id::text, id
            """, logger: PostgresConnector.silent)
        var written: [String: Int64] = [:]
        for try await (remoteID, id) in rows.decode((String, Int64).self) { written[remoteID] = id }
        return written
    }

    /// Inserts the batch's rows (with `sourceID` first when given); `conflict` is what follows (`ON CONFLICT DO
    /// NOTHING` where a row may already be there). Returns how many rows were inserted.
    @discardableResult
    func insert(
        _ batch: PostgresBatch, sourceID: Int64? = nil, conflict: String = "", on connection: PostgresConnection
    ) async throws -> Int {
        guard !batch.isEmpty else { return 0 }
        let json = try batch.json()
        let rows: PostgresRowSequence
        if let sourceID {
            rows = try await connection.query(
                """
                INSERT INTO \(unescaped: table) (source_id, \(unescaped: names))
                SELECT \(sourceID), \(unescaped: selected) FROM jsonb_to_recordset(\(json)::text::jsonb)
                    AS x(\(unescaped: typed)) \(unescaped: conflict) RETURNING 1
                """, logger: PostgresConnector.silent)
        } else {
            rows = try await connection.query(
                """
                INSERT INTO \(unescaped: table) (\(unescaped: names))
                SELECT \(unescaped: selected) FROM jsonb_to_recordset(\(json)::text::jsonb)
                    AS x(\(unescaped: typed)) \(unescaped: conflict) RETURNING 1
                """, logger: PostgresConnector.silent)
        }
        var count = 0
        for try await _ in rows.decode(Int.self) { count += 1 }
        return count
    }
}
