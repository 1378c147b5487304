import BillingCore
import GRDB

/// The single records an action is about, as the store last saw them: the invoice by number or uid, the
/// subscription and the customer by id (a customer also by email or reference).
extension BillingStore {
    /// The invoice of `sourceID` whose uid or number is `numberOrUID` (tombstoned ones excluded).
    public func invoice(sourceID: Int64, numberOrUID: String) throws -> Stored<Invoice>? {
        try pool.read { db in
            try Self.invoices(
                db, where: "source_id = ?1 AND deleted_at IS NULL AND (remote_id = ?2 OR number = ?2) LIMIT 1",
                arguments: [sourceID, numberOrUID]
            ).first
        }
    }

    /// The subscription `id` of `sourceID` with components and coupons.
    public func subscription(sourceID: Int64, id: String) throws -> Stored<Subscription>? {
        try pool.read { db in
            try Self.subscriptions(db, where: "source_id = ? AND remote_id = ? LIMIT 1", arguments: [sourceID, id])
                .first
        }
    }

    /// The customer of `sourceID` whose id, email (any case) or reference is `text`; nil when none or several.
    public func customer(sourceID: Int64, idOrEmail text: String) throws -> Stored<Customer>? {
        try pool.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(try DecodedColumns.list(db, "customer")) FROM customer
                    WHERE source_id = ?1 AND deleted_at IS NULL
                        AND (remote_id = ?2 OR email = ?2 COLLATE NOCASE OR reference = ?2) LIMIT 2
                    """,
                arguments: [sourceID, text])
            return rows.count == 1 ? rows.namedRows.map(RowDecoder.customer).first : nil
        }
    }
}
