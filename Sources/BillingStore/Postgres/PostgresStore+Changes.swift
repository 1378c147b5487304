import PostgresNIO

extension PostgresStore {
    /// How many log rows one read returns; a listener far behind reads in several.
    static let changeBatch = 1000

    /// Appends a change and announces it, in its own transaction (a write that has its own transaction calls
    /// `logChange` inside it instead, so the rows and their announcement commit together).
    @discardableResult
    public func recordChange(_ what: String, sourceID: Int64?, rows: Int64) async throws -> Int64 {
        try await transaction("record a change") { connection in
            try await Self.logChange(connection, what: what, sourceID: sourceID, rows: rows)
        }
    }

    /// Appends to `change_log` through `billtop_log_change` inside the caller's transaction: the sequence number is
    /// taken under the ordering lock, and the server delivers the NOTIFY only if and when the transaction commits.
    static func logChange(_ connection: PostgresConnection, what: String, sourceID: Int64?, rows: Int64) async throws
        -> Int64
    {
        let result = try await connection.query(
            "SELECT billtop_log_change(\(what), \(sourceID), \(rows))", logger: PostgresConnector.silent)
        for try await seq in result.decode(Int64.self) { return seq }
        throw PostgresStoreError(message: "the store returned no change number", sqlState: nil)
    }

    /// The changes committed after `seq`, oldest first, at most `changeBatch`.
    public func changes(after seq: Int64) async throws -> [PostgresChange] {
        try await serially("read its change log") { connection in
            try await Self.changes(connection, after: seq)
        }
    }

    static func changes(_ connection: PostgresConnection, after seq: Int64) async throws -> [PostgresChange] {
        let rows = try await connection.query(
            "SELECT seq, what, source_id, rows FROM change_log WHERE seq > \(seq) ORDER BY seq LIMIT \(changeBatch)",
            logger: PostgresConnector.silent)
        var changes: [PostgresChange] = []
        for try await (seq, what, source, count) in rows.decode((Int64, String, Int64?, Int64).self) {
            changes.append(PostgresChange(seq: seq, what: what, sourceID: source, rows: count))
        }
        return changes
    }

    /// The newest change's number (0 for none): where a viewer that has just read everything starts following.
    public func latestChange() async throws -> Int64 {
        try await serially("read its change log") { connection in
            let rows = try await connection.query(
                "SELECT coalesce(max(seq), 0) FROM change_log", logger: PostgresConnector.silent)
            for try await seq in rows.decode(Int64.self) { return seq }
            return 0
        }
    }
}
