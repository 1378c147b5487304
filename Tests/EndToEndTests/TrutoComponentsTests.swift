import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Components through Truto's proxy: the site-wide listing, a few requests per page of subscriptions,
/// instead of one per subscription; and the per-subscription reads where the proxy answers 404.
/// Both end with the same values a direct Chargify sync stores.
@Suite(.serialized) struct TrutoComponentsTests {
    static let listing = "/proxy/subscriptions_components"

    static func isPerSubscription(_ record: SandboxRequestRecord) -> Bool {
        record.path.hasPrefix("/proxy/subscriptions/") && record.path.hasSuffix("/components")
    }

    /// Syncs Chargify and Truto from one sandbox and expects the same customers, invoices and subscriptions
    /// (components included) through both; returns the Truto run's requests and the subscription count.
    static func syncBoth(_ h: SandboxHarness) async throws -> (log: [SandboxRequestRecord], subscriptions: Int) {
        let runner = try h.runner([h.source(.chargify), h.source(.truto)])
        let result = await runner.runOnce()
        #expect(result.ok, "\(result.failures)")
        let chargify = try #require(try h.store.source(named: "acme"))
        let truto = try #require(try h.store.source(named: "acme-truto"))
        let comparison = try StoreComparison(store: h.store, sourceID: truto.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
        #expect(
            try h.store.allCustomers(sourceID: truto.id).map(\.value)
                == h.store.allCustomers(sourceID: chargify.id).map(\.value))
        #expect(
            try h.store.allInvoices(sourceID: truto.id).map(\.value)
                == h.store.allInvoices(sourceID: chargify.id).map(\.value))
        let viaTruto = try h.store.allSubscriptions(sourceID: truto.id).map(\.value)
        #expect(viaTruto == (try h.store.allSubscriptions(sourceID: chargify.id).map(\.value)))
        #expect(viaTruto.contains { !$0.components.isEmpty }, "no components to compare")
        let log = await h.server.requestLog().filter { $0.path.hasPrefix("/proxy/") || $0.path.hasPrefix("/unified/") }
        return (log, viaTruto.count)
    }

    @Test func componentsComeFromTheProxiedSiteListingInOneRequestPerPageOfSubscriptions() async throws {
        let h = try await SandboxHarness.start()
        defer { Task { await h.stop() } }
        let (log, subscriptions) = try await Self.syncBoth(h)
        // Pages of 25 subscriptions: one chunk of ids each, one listing request per chunk, none per subscription.
        #expect(log.filter(Self.isPerSubscription).isEmpty, "per-subscription component requests through Truto")
        #expect(log.filter { $0.path == Self.listing }.count == (subscriptions + 24) / 25)
        #expect(
            log.filter { $0.path == Self.listing }.allSatisfy {
                $0.status == 200 && $0.parameter("subscription_ids") != nil
            })
    }

    @Test func aProxyWithoutTheListingIsReadPerSubscriptionAfterOne404() async throws {
        let h = try await SandboxHarness.start(faults: FaultPlan(missingEndpoints: [Self.listing]))
        defer { Task { await h.stop() } }
        let (log, subscriptions) = try await Self.syncBoth(h)
        // The 404 is asked once and remembered for the later pages.
        #expect(log.filter { $0.path == Self.listing }.map(\.status) == [404])
        #expect(log.filter(Self.isPerSubscription).count == subscriptions)
        let truto = try #require(try h.store.source(named: "acme-truto"))
        #expect(
            try h.store.recentSyncLog(limit: 1_000, sourceID: truto.id).contains {
                $0.message.contains("no subscriptions_components") && $0.kind == .info
            })
    }
}
