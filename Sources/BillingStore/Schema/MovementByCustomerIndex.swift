import GRDB

/// Migration `v9-movement-by-customer`: one customer's MRR movements (the customer screen's timeline reads
/// them on every open) found by index. Movements were indexed by day only, so the read walked every movement
/// of the source: 214 ms at the median on the 100k-customer store, 0.008 ms with the index (PERFORMANCE.md).
enum MovementByCustomerIndex {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX IF NOT EXISTS metrics_movement_by_customer
                ON metrics_movement (source_id, customer_remote_id, day, currency)
                """)
    }

    /// One customer's movements in day order: ?1 source, ?2 customer (the plan test reads it).
    static let customerMovements = """
        SELECT day, currency, kind, amount_minor FROM metrics_movement
        WHERE source_id = ? AND customer_remote_id = ? ORDER BY day, currency
        """
}
