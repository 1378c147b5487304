import Synchronization

/// The lead under which one `billtop serve` writes each source (`source_lead.epoch`, migration
/// `v12-pg-lead-epoch`): taken with the source's lock (`PostgresLeadership.tryLead` moves the number on), and
/// checked by every write of a source's records (`PostgresStore.fence(by:)`). A serve cut off from its lock
/// but still alive finds a newer number there and writes nothing more; the successor's move of the number
/// waits for a page of the old lead still being committed, so the two never write a source at once.
public final class LeadEpochs: Sendable {
    private let epochs = Mutex<[Int64: Int64]>([:])

    public init() {}

    /// The lead this serve holds for `sourceID`, or nil when it holds none.
    public func epoch(sourceID: Int64) -> Int64? { epochs.withLock { $0[sourceID] } }

    func set(_ epoch: Int64, sourceID: Int64) { epochs.withLock { $0[sourceID] = epoch } }

    func remove(sourceID: Int64) { _ = epochs.withLock { $0.removeValue(forKey: sourceID) } }
}
