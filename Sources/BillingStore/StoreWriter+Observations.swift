import BillingCore
import Foundation
import GRDB

extension StoreWriter {
    /// Before a subscription's row is replaced: keeps the stored version in `subscription_observation` when
    /// the incoming one charges differently (issue 21's observed history), dated from the stored version's own
    /// `updated_at`. Costs one indexed lookup per subscription written; the stored version is decoded only
    /// when its content digest differs.
    func keepReplacedVersion(of incoming: Subscription, digest: Int64) throws {
        guard
            let id = try Int64.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id FROM subscription WHERE source_id = ? AND remote_id = ? AND deleted_at IS NULL
                            AND content_digest IS NOT ?
                        """),
                arguments: [sourceID, incoming.id, digest]),
            let stored = try BillingStore.subscriptions(db, where: "id = ?", arguments: [id]).first?.value,
            !ObservedSubscription.samePricing(stored, incoming),
            let from = stored.updatedAt ?? stored.activatedAt ?? stored.createdAt
        else { return }
        // A version older than the stored one (a stale page) replaces nothing in history; the provider's times
        // order versions, never the order pages arrive in.
        let replaced = incoming.updatedAt ?? from
        guard replaced >= from else { return }
        var kept = stored
        kept.creditCard = nil
        kept.balance = .zero(stored.currency)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let version = String(decoding: try encoder.encode(kept), as: UTF8.self)
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO subscription_observation (source_id, subscription_remote_id, from_at, replaced_at,
                    version) VALUES (?, ?, ?, ?, ?)
                """
        ).execute(arguments: [sourceID, incoming.id, from.secondsSinceEpoch, replaced.secondsSinceEpoch, version])
    }
}

extension StoreWriter {
    /// Keeps one allocation of a component's history (once: a re-read of the same history adds nothing).
    /// Returns whether it was new, so the aggregates are recomputed only when the history grew.
    func keep(_ allocation: ComponentAllocation) throws -> Bool {
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO component_allocation (source_id, subscription_remote_id, component_id,
                    allocation_id, at, quantity, previous_quantity, price_point_id, previous_price_point_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            sourceID, allocation.subscriptionID, allocation.componentID, allocation.allocationID,
            allocation.at.secondsSinceEpoch, allocation.quantity.description, allocation.previousQuantity.description,
            allocation.pricePointID, allocation.previousPricePointID,
        ])
        return db.changesCount > 0
    }
}
