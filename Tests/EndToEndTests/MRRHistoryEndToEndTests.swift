import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Issue 21 through sandbox -> sync -> store -> metrics: the generated company's plan changes give all five
/// movements, Chargify direct and Truto's proxy give the same history, and a fresh store synced once at the end
/// gives the same bridges as the store that watched the changes happen.
@Suite(.serialized) struct MRRHistoryEndToEndTests {
    @Test func bothPathsAndAFreshStoreGiveTheSameHistoryWithEveryMovement() async throws {
        let h = try await SandboxHarness.start(customers: 120, seed: 11)
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify), h.source(.truto)])
        #expect(await runner.runOnce().ok)
        // The world changes seats, cancels and converts trials between syncs (with its events).
        for _ in 0..<3 {
            await h.advance(seconds: 4 * 86_400)
            #expect(await runner.runOnce().ok)
        }
        let today = await h.server.world.company.now.utcDate
        let from = today.startOfMonth.adding(months: -23)
        try AggregateRefresher(store: h.store).refreshAggregates(asOf: today)
        let metrics = MetricsStore(store: h.store)
        let chargify = try #require(try h.store.source(named: "acme"))
        let truto = try #require(try h.store.source(named: "acme-truto"))
        let direct = try metrics.monthlyMovements(sourceID: chargify.id, from: from, through: today)
        let proxied = try metrics.monthlyMovements(sourceID: truto.id, from: from, through: today)
        #expect(direct.count == 24)
        #expect(direct == proxied, "the two paths differ")

        var seen: [MRRMovement.Kind: Int64] = [:]
        for month in direct {
            for bridge in month.bridges {
                #expect(bridge.reconciles, "\(month.month) \(bridge.currency)")
                for kind in MRRMovement.Kind.allCases { seen[kind, default: 0] += bridge.amount(kind).minorUnits }
            }
        }
        for kind in MRRMovement.Kind.allCases { #expect(seen[kind, default: 0] > 0, "no \(kind) in two years") }
        // Every month carries a label, and history the store watched happen is labelled observed.
        #expect(direct.last?.basis != nil)

        // A store that never saw the changes happen rebuilds the same figures from the events, for every customer
        // whose coupons stayed as they were: a coupon added or removed has no event (api-reference.md), so only
        // the store that watched it can date it; the fresh one paints today's coupons backwards, labelled so.
        let freshStore = try BillingStore.open(path: SandboxHarness.temporaryStorePath())
        let fresh = try SyncRunner(
            store: freshStore, sources: [h.source(.chargify)], transport: URLSessionTransport(), clock: h.clock,
            policy: .fast)
        #expect(await fresh.runOnce().ok)
        try AggregateRefresher(store: freshStore).refreshAggregates(asOf: today)
        let freshSource = try #require(try freshStore.source(named: "acme"))
        let rebuilt = try MetricsStore(store: freshStore).monthlyMovements(
            sourceID: freshSource.id, from: from, through: today)
        #expect(rebuilt.count == direct.count)
        let company = await h.server.world.company
        let couponed = Set(
            company.couponChanges.compactMap { change in company.subscription(id: change.subscriptionID)?.customerID })
        #expect(!couponed.isEmpty, "the world should have changed some coupons in twelve days")
        let freshMetrics = MetricsStore(store: freshStore)
        for customer in company.customers where !couponed.contains(customer.id) {
            let id = String(customer.id)
            let watched = try metrics.customerHistory(sourceID: chargify.id, customerID: id).movements
            let again = try freshMetrics.customerHistory(sourceID: freshSource.id, customerID: id).movements
            #expect(watched == again, "customer \(id): watched \(watched) rebuilt \(again)")
        }
        try? FileManager.default.removeItem(atPath: (freshStore.path as NSString).deletingLastPathComponent)
    }
}
