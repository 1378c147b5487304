import PostgresNIO
import Synchronization

/// Writes of a source's records made only under this serve's lead of it (`LeadEpochs`, `source_lead`).
extension PostgresStore {
    /// From now on every write of a source's records and bookkeeping (pages, checkpoints, the start and the
    /// reconcile of a complete listing, its seen ids) checks, in its own transaction, that the lead this serve
    /// took is still the source's; a serve whose lock connection was cut, and whose successor moved the number
    /// on, writes nothing more for it. A stale serve clearing the seen ids of its successor's listing would have
    /// that listing tombstone live rows; a stale checkpoint could skip pages. Sync log lines and the action
    /// journal are not fenced: they record what happened (a request already sent must be journalled, and its
    /// token stops a second send).
    public func fence(by epochs: LeadEpochs) {
        fence.withLock { $0 = epochs }
    }

    /// Throws, inside the caller's transaction, unless this store is unfenced or holds the source's current
    /// lead. FOR SHARE keeps a successor's move of the number waiting until this transaction ends.
    func checkLead(_ connection: PostgresConnection, sourceID: Int64) async throws {
        guard let epochs = fence.withLock({ $0 }) else { return }
        let held = epochs.epoch(sourceID: sourceID)
        let rows = try await connection.query(
            "SELECT epoch FROM source_lead WHERE source_id = \(sourceID) FOR SHARE", logger: PostgresConnector.silent)
        var current: Int64?
        for try await epoch in rows.decode(Int64.self) { current = epoch }
        guard let held, held == current else {
            throw PostgresStoreError(
                message:
                    "this billtop serve no longer leads source \(sourceID) (another serve took it over), so it wrote nothing for it",
                sqlState: nil)
        }
    }
}
