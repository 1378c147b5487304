import BillingCore
import GRDB

/// What `billtop-bench` asks of the store beyond the product's API: `package` access, so none of it is
/// public API, and the benchmark target needs no GRDB (only this target writes SQL).
extension BillingStore {
    /// Re-creates the three indexes migration v4-store-drop-unread-indexes dropped (`billtop-bench write
    /// --unread-indexes`), to measure what they would cost every sync write. Not a migration: a store it
    /// touched keeps them until the file is thrown away, as the bench's scratch stores are.
    package func createUnreadIndexes() throws {
        try pool.write { db in
            try db.execute(
                sql: """
                    CREATE INDEX IF NOT EXISTS customer_by_updated ON customer (source_id, updated_at);
                    CREATE INDEX IF NOT EXISTS subscription_by_state ON subscription (source_id, state);
                    CREATE INDEX IF NOT EXISTS invoice_by_subscription ON invoice (source_id, subscription_remote_id);
                    """)
        }
    }

    /// Rows of one source's subscriptions and invoices, tombstoned ones included (what `billtop-bench
    /// metrics` reports beside the customers it generated).
    package func subscriptionAndInvoiceRows(sourceID: Int64) throws -> (subscriptions: Int, invoices: Int) {
        try pool.read { db in
            let subscriptions =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM subscription WHERE source_id = ?", arguments: [sourceID]) ?? 0
            let invoices =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM invoice WHERE source_id = ?", arguments: [sourceID]) ?? 0
            return (subscriptions, invoices)
        }
    }

    /// Rows of `sync_seen` over every source: the seen ids a complete listing left (`billtop-bench write`).
    package func seenIDRows() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_seen") ?? 0 }
    }

    /// Kept subscription versions over every source (`billtop-bench history`).
    package func observationRows() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM subscription_observation") ?? 0 }
    }

    /// Up to `count` distinct live customers of the source, picked by `seed` (`billtop-bench refresh`'s changed
    /// customers): each the first customer at or after a random row id.
    package func benchCustomerIDs(sourceID: Int64, count: Int, seed: UInt64) throws -> [String] {
        try pool.read { db in
            let bounds = try Row.fetchOne(
                db, sql: "SELECT min(id) AS low, max(id) AS high FROM customer WHERE source_id = ?",
                arguments: [sourceID])
            guard let low: Int64 = bounds?["low"], let high: Int64 = bounds?["high"] else { return [] }
            var random = SplitMix64(seed: seed)
            var picked: [String] = []
            var seen: Set<String> = []
            for _ in 0..<(count * 4) where picked.count < count {
                let at = low + Int64(random.next() % UInt64(high - low + 1))
                guard
                    let id = try String.fetchOne(
                        db,
                        sql: """
                            SELECT remote_id FROM customer WHERE source_id = ? AND id >= ? AND deleted_at IS NULL
                            ORDER BY id LIMIT 1
                            """, arguments: [sourceID, at])
                else { continue }
                if seen.insert(id).inserted { picked.append(id) }
            }
            return picked
        }
    }
}
