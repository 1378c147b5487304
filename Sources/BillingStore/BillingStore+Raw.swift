import GRDB

/// The raw JSON a source sent for a record, as stored (for support questions the mapped columns cannot answer).
extension BillingStore {
    /// The last raw JSON stored for `remoteID` in `table`, or nil when no such record was stored.
    public func rawJSON(of table: Tombstone.Table, sourceID: Int64, remoteID: String) throws -> String? {
        try pool.read { db in
            switch table {
            case .invoice:
                // Rows written before v5-invoice-raw-apart keep the text inline until they next change.
                try String.fetchOne(db, sql: """
                    SELECT coalesce(r.raw, i.raw) FROM invoice i LEFT JOIN invoice_raw r ON r.invoice_id = i.id
                    WHERE i.source_id = ? AND i.remote_id = ?
                    """, arguments: [sourceID, remoteID])
            case .customer, .subscription:
                try String.fetchOne(
                    db, sql: "SELECT raw FROM \(table.rawValue) WHERE source_id = ? AND remote_id = ?",
                    arguments: [sourceID, remoteID])
            }
        }
    }
}
