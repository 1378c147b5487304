import BillingCore
import GRDB

/// The CRM side's billing work's reads on SQLite (`CRMActionReads`); the linker, contact, customer and events reads
/// are the ones the screens and commands use.
extension BillingStore: CRMActionReads {
    public func crmLinks(sourceID: Int64, customerIDs: [String]) throws -> [String: CRMLink] {
        guard !customerIDs.isEmpty else { return [:] }
        return try pool.read { db in
            let (linker, customers) = try Self.linkRules(db, sourceID: sourceID, only: customerIDs)
            return linker.links(customers).byCustomer
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
