import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// Migrations `v7-subscription-expires-at` and `v7-subscription-mrr-gaps`: a subscription's `expires_at`
/// is stored and read back (and filled from the raw JSON of rows written before it), and the subscriptions
/// flagged with an MRR gap are counted per gap through their partial index.
@Suite struct SubscriptionEndStoreTests {
    static let expires = Timestamp(secondsSinceEpoch: 1_773_586_800)  // 2026-03-15T15:00:00Z

    func subscription(_ id: Int, expires: Timestamp? = nil, raw: String = "{}", flags: [String] = []) -> Incoming<
        Subscription
    > {
        var item = StoreFixtures.subscription(id, customer: 1, state: .expired)
        item.value.expiresAt = expires
        item.raw = raw
        item.flags = flags
        return item
    }

    @Test func expiresAtIsStoredAndReadBack() throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "subscriptions",
                subscriptions: [subscription(10, expires: Self.expires), subscription(11)]))
        let read = try store.allSubscriptions(sourceID: source.id).map(\.value)
        #expect(read.map(\.expiresAt) == [Self.expires, nil])
        // A change of expires_at alone (its raw JSON changed with it) rewrites the row.
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "subscriptions",
                subscriptions: [subscription(11, expires: Self.expires, raw: "{\"expires_at\": 1}")]))
        #expect(try store.allSubscriptions(sourceID: source.id).map(\.value.expiresAt) == [Self.expires, Self.expires])
    }

    @Test func rowsWrittenBeforeTheColumnGetItFromTheirRawJSON() throws {
        let (path, old, source) = try StoreFixtures.olderStore(before: "v7-subscription-expires-at")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try StoreFixtures.applyToOlderStore(
            old,
            PageWrite(
                sourceID: source.id, stream: "subscriptions",
                subscriptions: [
                    // Chargify's envelope with the site's offset, a bare object in UTC, none, and text that is no time.
                    subscription(
                        20, raw: "{\"subscription\": {\"id\": 20, \"expires_at\": \"2026-03-15T10:00:00-05:00\"}}"),
                    subscription(21, raw: "{\"id\": 21, \"expires_at\": \"2026-03-15T15:00:00Z\"}"),
                    subscription(22, raw: "{\"subscription\": {\"id\": 22, \"expires_at\": null}}"),
                    subscription(23, raw: "{\"subscription\": {\"id\": 23, \"expires_at\": \"soon\"}}"),
                ]))
        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == StoreMigrations.all.map(\.name))
        #expect(
            try store.allSubscriptions(sourceID: source.id).map(\.value.expiresAt) == [
                Self.expires, Self.expires, nil, nil,
            ])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func gapsAreCountedPerGapOverLiveSubscriptionsThroughTheirIndex() throws {
        let (store, source) = try StoreFixtures.openStore()
        let components = MRRGap(part: .components, reason: "GET /components.json answered 403 Forbidden")
        let coupons = MRRGap(part: .coupons, reason: "GET /coupons.json answered 404 Not Found")
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "subscriptions",
                subscriptions: [
                    subscription(30, flags: [components.flag, "currency: missing, amounts read as USD"]),
                    subscription(31, flags: [components.flag, coupons.flag]),
                    subscription(32, flags: [components.flag]),
                    subscription(33, flags: ["component 9: no catalogue price for its price point"]),
                    subscription(34),
                ]))
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "subscriptions",
                tombstones: [Tombstone(table: .subscription, remoteID: "32", at: 1_800_000_000)]))
        #expect(
            try store.mrrGaps(sourceID: source.id) == [
                MRRGapCount(gap: components, subscriptions: 2), MRRGapCount(gap: coupons, subscriptions: 1),
            ])
        #expect(try store.mrrGaps(sourceID: source.id + 1).isEmpty)
        let plan = try store.pool.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "EXPLAIN QUERY PLAN SELECT flags FROM subscription WHERE source_id = 1 AND flags LIKE '%MRR excludes %'"
            )
            .map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("subscription_mrr_gaps"), "\(plan)")
    }
}
