import BillingCore
import GRDB

extension BillingStore {
    /// What a source's MRR leaves out and why: each `MRRGap` its live subscriptions are flagged with (a
    /// catalogue listing that answered 403 or 404 at their last sync), with how many carry it; empty when
    /// MRR is complete.
    public func mrrGaps(sourceID: Int64) throws -> [MRRGapCount] {
        try pool.read { try MRRGapIndex.counts($0, sourceID: sourceID) }
    }
}
