import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// How subscriptions end, through the whole path: the sandbox's expired subscriptions arrive with their
/// `expires_at` on both paths and end there in MRR, not at the end of their current period.
@Suite(.serialized) struct SubscriptionEndEndToEndTests {
    @Test func expiredAndCanceledSubscriptionsEndOnTheProvidersDayOnBothPaths() async throws {
        let h = try await SandboxHarness.start(customers: 60, seed: 11)
        defer { Task { await h.stop() } }
        let result = await (try h.runner([h.source(.chargify), h.source(.truto)])).runOnce()
        #expect(result.ok, "\(result.failures)")
        let company = await h.server.world.company
        let expired = company.subscriptions.filter { $0.state == "expired" && $0.expiresAt != nil }
        let canceled = company.subscriptions.filter { $0.state == "canceled" && $0.canceledAt != nil }
        // The inference this replaces would differ: the current period runs past the day they expired.
        #expect(
            expired.contains {
                Timestamp(secondsSinceEpoch: $0.currentPeriodEndsAt).utcDate
                    != Timestamp(secondsSinceEpoch: $0.expiresAt!).utcDate
            })
        #expect(!canceled.isEmpty)
        for source in try h.store.sources() {
            let stored = Dictionary(
                uniqueKeysWithValues: try h.store.allSubscriptions(sourceID: source.id).map { ($0.value.id, $0.value) })
            for sub in expired {
                let mine = try #require(stored[String(sub.id)])
                #expect(mine.expiresAt == Timestamp(secondsSinceEpoch: sub.expiresAt!), "\(source.name) \(sub.id)")
                #expect(SubscriptionMRR.endDate(of: mine) == Timestamp(secondsSinceEpoch: sub.expiresAt!).utcDate)
            }
            for sub in canceled {
                let mine = try #require(stored[String(sub.id)])
                #expect(
                    SubscriptionMRR.endDate(of: mine) == Timestamp(secondsSinceEpoch: sub.canceledAt!).utcDate,
                    "\(source.name) \(sub.id)")
            }
        }
    }
}
