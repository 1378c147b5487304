import BillingCore
import GRDB

/// The dunning tasks' reads on SQLite (`CRMActionReads`); the contact and events reads are the ones the screens use.
extension BillingStore: CRMActionReads {
    public func crmLinks(sourceID: Int64, customerIDs: [String]) throws -> [String: CRMLink] {
        guard !customerIDs.isEmpty else { return [:] }
        let ids = Self.jsonText(customerIDs)
        return try pool.read { db in
            let contacts = try Row.fetchAll(db, sql: "SELECT contact_id, email FROM crm_contact").map {
                (id: $0["contact_id"] as String, email: $0["email"] as String)
            }
            var overrides: [String: String?] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT customer_id, contact_id FROM crm_link_override
                    WHERE source_id = ? AND customer_id IN (SELECT value FROM json_each(?))
                    """, arguments: [sourceID, ids])
            {
                overrides[row["customer_id"] as String] = .some(row["contact_id"] as String?)
            }
            let customers = try Row.fetchAll(
                db,
                sql: """
                    SELECT remote_id, email, reference FROM customer
                    WHERE source_id = ? AND deleted_at IS NULL AND remote_id IN (SELECT value FROM json_each(?))
                    """, arguments: [sourceID, ids]
            ).map { CRMLinker.Customer(id: $0["remote_id"], email: $0["email"], reference: $0["reference"]) }
            return CRMLinker(contacts: contacts, overrides: overrides).links(customers).byCustomer
        }
    }

    public func dunningCandidates(sourceID: Int64, dueFrom: LocalDate, dueThrough: LocalDate) throws -> [String] {
        try pool.read { db in
            try String.fetchAll(
                db, sql: Self.dunningCandidatesSQL,
                arguments: [sourceID, dueFrom.description, dueThrough.description, sourceID, sourceID])
        }
    }

    /// The candidates' query, the same on both engines (`?` placeholders; PostgreSQL numbers them).
    package static var dunningCandidatesSQL: String {
        let failures = DunningEventKeys.failures.map { "'\($0)'" }.joined(separator: ", ")
        let successes = DunningEventKeys.successes.map { "'\($0)'" }.joined(separator: ", ")
        return """
            SELECT customer_remote_id FROM invoice
            WHERE source_id = ? AND open_rank = 0 AND due_sort BETWEEN ? AND ?
            UNION
            SELECT s.customer_remote_id FROM subscription s JOIN (
                SELECT subscription_remote_id AS id,
                    max(CASE WHEN key IN (\(failures)) THEN remote_id END) AS failed,
                    max(CASE WHEN key IN (\(successes)) THEN remote_id END) AS recovered
                FROM event WHERE source_id = ? AND key IN (\(failures), \(successes))
                GROUP BY subscription_remote_id
            ) e ON s.source_id = ? AND s.remote_id = e.id
            WHERE e.failed IS NOT NULL AND (e.recovered IS NULL OR e.recovered < e.failed)
            ORDER BY 1
            """
    }
}
