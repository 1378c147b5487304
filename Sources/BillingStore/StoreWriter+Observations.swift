import BillingCore
import Foundation
import GRDB

extension StoreWriter {
    /// Before a subscription's row is replaced: keeps the stored version in `subscription_observation` when
    /// the incoming one charges differently (issue 21's observed history), dated from the stored version's own
    /// `updated_at`. Costs one indexed lookup per subscription written; the stored version is decoded only
    /// when its content digest differs, by cached keyed statements (`storedSubscription`).
    func keepReplacedVersion(of incoming: Subscription, digest: Int64) throws {
        guard
            let stored = try storedSubscription(remoteID: incoming.id, unlessDigest: digest),
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
    /// The live stored subscription `remoteID` of this source with its components and coupons, when its content
    /// digest is not `digest`. Three cached statements keyed by primary keys: the general read
    /// (`BillingStore.subscriptions`) prepared four statements per call, a PRAGMA among them, which made keeping
    /// a replaced version cost ~1.1 ms per changed subscription (`billtop-bench history`).
    func storedSubscription(remoteID: String, unlessDigest digest: Int64) throws -> Subscription? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT * FROM subscription WHERE source_id = ? AND remote_id = ? AND deleted_at IS NULL
                            AND content_digest IS NOT ?
                        """),
                arguments: [sourceID, remoteID, digest])
        else { return nil }
        let id: Int64 = row["id"]
        let components = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM subscription_component WHERE subscription_id = ? ORDER BY position"),
            arguments: [id]
        ).namedRows.map(RowDecoder.component)
        let coupons = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT * FROM subscription_coupon WHERE subscription_id = ? ORDER BY position"),
            arguments: [id]
        ).namedRows.map(RowDecoder.coupon)
        return RowDecoder.subscription(NamedRow(row), components: components, coupons: coupons).value
    }

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
