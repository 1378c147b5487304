import BillingCore
import GRDB

/// The reads behind `billtop open` and the customer screen's timeline: which live customers a pasted id,
/// email, reference, invoice number or admin-URL object names, and one customer's events.
extension BillingStore {
    /// Live customers whose id, email (any case) or reference is exactly `text`, in every source (or one).
    public func customers(matching text: String, sourceID: Int64? = nil, limit: Int = 50) throws -> [RecordKey] {
        try keys(
            """
            SELECT source_id, remote_id FROM customer
            WHERE (remote_id = ?1 OR email = ?1 COLLATE NOCASE OR (reference <> '' AND reference = ?1))
              AND deleted_at IS NULL AND (?2 IS NULL OR source_id = ?2)
            ORDER BY source_id, id LIMIT ?3
            """, [text, sourceID, limit])
    }

    /// The live customers of live invoices numbered `number` (one per source at most, in practice).
    public func customers(ofInvoiceNumber number: String, sourceID: Int64? = nil, limit: Int = 50) throws
        -> [RecordKey]
    {
        // `deleted_at IS NULL` first, word for word, so SQLite uses the partial index invoice_search_by_number.
        try keys(
            """
            SELECT DISTINCT c.source_id, c.remote_id FROM invoice i
            JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id
            WHERE i.deleted_at IS NULL AND i.number = ?1 AND c.deleted_at IS NULL AND (?2 IS NULL OR i.source_id = ?2)
            ORDER BY c.source_id, c.id LIMIT ?3
            """, [number, sourceID, limit])
    }

    /// The live customer of invoice `uid` in a source (an admin URL's `/invoices/inv_...`), or none.
    public func customer(ofInvoiceUID uid: String, sourceID: Int64) throws -> [RecordKey] {
        try keys(
            """
            SELECT c.source_id, c.remote_id FROM invoice i
            JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id
            WHERE i.source_id = ?1 AND i.remote_id = ?2 AND c.deleted_at IS NULL
            """, [sourceID, uid])
    }

    /// The live customer of subscription `id` in a source (an admin URL's `/subscriptions/456`), or none.
    public func customer(ofSubscription id: String, sourceID: Int64) throws -> [RecordKey] {
        try keys(
            """
            SELECT c.source_id, c.remote_id FROM subscription s
            JOIN customer c ON c.source_id = s.source_id AND c.remote_id = s.customer_remote_id
            WHERE s.source_id = ?1 AND s.remote_id = ?2 AND c.deleted_at IS NULL
            """, [sourceID, id])
    }

    /// A customer's events and its subscriptions' events, newest first (migration `v8-customer-timeline-index`).
    public func customerEvents(_ key: RecordKey, limit: Int = 100) throws -> [BillingEvent] {
        try pool.read { db in try CustomerTimelineIndex.events(db, customer: key, limit: limit) }
    }

    private func keys(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?]) throws -> [RecordKey] {
        try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
                .map { RecordKey(sourceID: $0["source_id"], remoteID: $0["remote_id"]) }
        }
    }
}
