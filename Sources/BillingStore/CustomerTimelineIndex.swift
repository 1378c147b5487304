import BillingCore
import GRDB

/// Migration `v8-customer-timeline-index` and the read it serves: one customer's events, newest first, for the
/// customer screen's timeline.
///
/// Why an index: events were indexed by subscription only, so "this customer's events" (Chargify puts the
/// customer's id on most events, and some carry only it) scanned the whole event table, the largest one of a
/// busy site. With it the query is two index ranges (customer, and each subscription) and a sort of the
/// customer's own events, whatever the table's size (`EXPLAIN QUERY PLAN` in CustomerTimelineStoreTests).
enum CustomerTimelineIndex {
    static func create(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX event_by_customer ON event (source_id, customer_remote_id, remote_id)")
    }

    /// The events of `customer` and of its subscriptions (live or not: a cancelled subscription's history
    /// still belongs to the account), newest first, at most `limit`.
    static func events(_ db: Database, customer key: RecordKey, limit: Int) throws -> [BillingEvent] {
        try Row.fetchAll(
            db, sql: "SELECT \(try DecodedColumns.list(db, "event")) \(rest)",
            arguments: [key.sourceID, key.remoteID, max(0, limit)]
        ).namedRows.map(RowDecoder.event)
    }

    /// The query after its column list (the plan test reads it): ?1 source, ?2 customer, ?3 limit.
    /// Written as rowids from two index ranges: with a plain `customer OR subscription IN (...)`, SQLite walked
    /// the source's whole event table backwards by (source_id, remote_id) to honour the ORDER BY (seen in the
    /// plan), and a join to subscription scanned every event of the source.
    static let rest = """
        FROM event WHERE id IN (
            SELECT id FROM event WHERE source_id = ?1 AND customer_remote_id = ?2
            UNION ALL
            SELECT id FROM event WHERE source_id = ?1 AND subscription_remote_id IN
                (SELECT remote_id FROM subscription WHERE source_id = ?1 AND customer_remote_id = ?2))
        ORDER BY remote_id DESC LIMIT ?3
        """
}
