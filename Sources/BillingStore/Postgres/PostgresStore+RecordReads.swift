import BillingCore
import PostgresNIO

/// The reads the fetcher and the action core make, decoded by the SQLite store's `RowDecoder` (`PostgresRows`).
extension PostgresStore {
    /// The highest event id stored for a source (where the events stream continues), or nil.
    public func maxEventID(sourceID: Int64) async throws -> Int64? {
        try await serially("read its newest event") { connection in
            let rows = try await connection.query(
                "SELECT max(remote_id) FROM event WHERE source_id = \(sourceID)", logger: PostgresConnector.silent)
            for try await id in rows.decode(Int64?.self) { return id }
            return nil
        }
    }

    /// Every event of a source with id above `afterID`, in id order.
    public func events(sourceID: Int64, afterID: Int64 = .min) async throws -> [BillingEvent] {
        try await serially("read its events") { connection in
            let rows = try await connection.query(
                "SELECT * FROM event WHERE source_id = \(sourceID) AND remote_id > \(afterID) ORDER BY remote_id",
                logger: PostgresConnector.silent)
            return try await PostgresRows.all(rows).map(RowDecoder.event)
        }
    }

    /// Number of live customers (optionally of one source).
    public func customerCount(sourceID: Int64? = nil) async throws -> Int {
        try await serially("count its customers") { connection in
            let rows = try await connection.query(
                """
                SELECT count(*) FROM customer
                WHERE deleted_at IS NULL AND (\(sourceID)::bigint IS NULL OR source_id = \(sourceID))
                """, logger: PostgresConnector.silent)
            for try await count in rows.decode(Int.self) { return count }
            return 0
        }
    }

    /// One customer (tombstoned too) with subscriptions and invoices (lines and payments), or nil.
    public func customer(_ key: RecordKey) async throws -> CustomerDetail? {
        try await serially("read a customer") { connection in
            let (source, remote) = (key.sourceID, key.remoteID)
            let found = try await PostgresRows.all(
                connection.query(
                    "SELECT * FROM customer WHERE source_id = \(source) AND remote_id = \(remote)",
                    logger: PostgresConnector.silent))
            guard let row = found.first else { return nil }
            let subscriptions = try await Self.subscriptions(
                connection,
                "SELECT * FROM subscription WHERE source_id = \(source) AND customer_remote_id = \(remote) ORDER BY created_at, id"
            )
            let invoices = try await Self.invoices(
                connection,
                "SELECT * FROM invoice WHERE source_id = \(source) AND customer_remote_id = \(remote) ORDER BY issue_sort DESC, id DESC"
            )
            return CustomerDetail(
                customer: RowDecoder.customer(row), subscriptions: subscriptions, invoices: invoices)
        }
    }

    /// The subscription `id` of `sourceID` with components and coupons.
    public func subscription(sourceID: Int64, id: String) async throws -> Stored<Subscription>? {
        try await serially("read a subscription") { connection in
            try await Self.subscriptions(
                connection, "SELECT * FROM subscription WHERE source_id = \(sourceID) AND remote_id = \(id) LIMIT 1"
            ).first
        }
    }

    /// The subscriptions `query` selects, each with its components and coupons in position order: one query per
    /// child table for all of them, not two round trips per subscription.
    static func subscriptions(_ connection: PostgresConnection, _ query: PostgresQuery) async throws
        -> [Stored<Subscription>]
    {
        try await subscriptionRows(connection, query).map(\.stored)
    }

    /// `subscriptions`, each with its row (a copy also needs the raw JSON, the source and the change number).
    static func subscriptionRows(_ connection: PostgresConnection, _ query: PostgresQuery) async throws
        -> [ReadRecord<Subscription>]
    {
        let rows = try await PostgresRows.all(connection.query(query, logger: PostgresConnector.silent))
        let ids: [Int64] = rows.map { $0["id"] }
        let components = try await children(
            connection,
            "SELECT * FROM subscription_component WHERE subscription_id = ANY(\(ids)) ORDER BY subscription_id, position",
            parent: "subscription_id")
        let coupons = try await children(
            connection,
            "SELECT * FROM subscription_coupon WHERE subscription_id = ANY(\(ids)) ORDER BY subscription_id, position",
            parent: "subscription_id")
        return zip(rows, ids).map { row, id in
            ReadRecord(
                row: row,
                stored: RowDecoder.subscription(
                    row, components: (components[id] ?? []).map(RowDecoder.component),
                    coupons: (coupons[id] ?? []).map(RowDecoder.coupon)))
        }
    }

    /// The invoices `query` selects, each with its lines and payments in position order (one query per child
    /// table, as above).
    static func invoices(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [Stored<Invoice>] {
        try await invoiceRows(connection, query).map(\.stored)
    }

    /// `invoices`, each with its row.
    static func invoiceRows(_ connection: PostgresConnection, _ query: PostgresQuery) async throws
        -> [ReadRecord<Invoice>]
    {
        let rows = try await PostgresRows.all(connection.query(query, logger: PostgresConnector.silent))
        let ids: [Int64] = rows.map { $0["id"] }
        let lines = try await children(
            connection, "SELECT * FROM invoice_line WHERE invoice_id = ANY(\(ids)) ORDER BY invoice_id, position",
            parent: "invoice_id")
        let payments = try await children(
            connection, "SELECT * FROM invoice_payment WHERE invoice_id = ANY(\(ids)) ORDER BY invoice_id, position",
            parent: "invoice_id")
        return zip(rows, ids).map { row, id in
            ReadRecord(
                row: row,
                stored: RowDecoder.invoice(
                    row, lines: (lines[id] ?? []).map(RowDecoder.line),
                    payments: (payments[id] ?? []).map(RowDecoder.payment)))
        }
    }

    /// The rows `query` selects, grouped by their `parent` column, each group in the query's order.
    private static func children(_ connection: PostgresConnection, _ query: PostgresQuery, parent: String)
        async throws -> [Int64: [NamedRow]]
    {
        let rows = try await PostgresRows.all(connection.query(query, logger: PostgresConnector.silent))
        return Dictionary(grouping: rows) { $0[parent] as Int64 }
    }
}
