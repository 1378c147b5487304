import BillingCore
import BillingStore
import Foundation
import TestSupport
import Testing

@testable import BillingSync

/// The catalogue is read to its last page, with the site-wide price points listing (per component where
/// it answers 404); a listing that answers 403 or 404 is a flagged gap in MRR, not a failed sync, and one
/// that repeats its pages is stopped at the repeat. Against `CatalogueSite`, two items to a page.
@Suite struct CatalogueReadTests {
    func sync(_ site: CatalogueSite, runs: Int = 1) async throws -> (
        SyncRunResult, Stored<Subscription>?, ScriptedTransport, BillingStore
    ) {
        let store = try BillingStore.open(
            path: TestScratch.directory("catalogue").appendingPathComponent("s.sqlite").path)
        let transport = ScriptedTransport(script: []) { site.answer($0) }
        let config = SourceConfig(
            name: "acme", kind: .chargify, baseURL: "http://127.0.0.1:9", secret: "k", pageSize: 2)
        let runner = try SyncRunner(
            store: store, sources: [config], transport: transport, clock: ManualClock(),
            policy: RetryPolicy(maxAttempts: 2))
        var result = await runner.runOnce()
        for _ in 1..<runs { result = await runner.runOnce(full: true) }
        let source = try #require(try store.source(named: "acme"))
        return (result, try store.allSubscriptions(sourceID: source.id).first, transport, store)
    }

    func asked(_ transport: ScriptedTransport, _ path: String) -> [String] {
        transport.requests.filter { $0.contains("127.0.0.1:9\(path)?") || $0.hasSuffix("127.0.0.1:9\(path)") }
    }

    @Test func everyPageOfEveryListingIsRead() async throws {
        let (result, stored, transport, _) = try await sync(CatalogueSite())
        #expect(result.ok, "\(result.failures)")
        let subscription = try #require(stored)
        // Seats at price point 40 ($4), support at component 5's default price point 50 ($5), both on page 3.
        #expect(subscription.value.components.map(\.unitPrice.minorUnits) == [400, 500])
        #expect(subscription.value.coupons.map(\.code) == ["E"])
        #expect(subscription.flags.isEmpty, "\(subscription.flags)")
        // Five items two to a page: pages 1, 2 and the short page 3, then no more.
        for path in ["/components.json", "/components_price_points.json", "/coupons.json"] {
            let pages = asked(transport, path).map { $0.components(separatedBy: "page=").last ?? "" }
            #expect(pages == ["1", "2", "3"], "\(path): \(pages)")
        }
        #expect(
            asked(transport, "/components/4/price_points.json").isEmpty, "the site-wide listing serves every component")
        // MRR from the stored values: (100 + 3 x 4 + 5) less 10% = 105.30.
        #expect(SubscriptionMRR.mrr(of: subscription.value, on: LocalDate(iso: "2026-06-21")!).minorUnits == 10_530)
    }

    @Test func withoutTheSiteWideListingEachComponentsPricePointsAreReadToTheirEnd() async throws {
        let (result, stored, transport, _) = try await sync(
            CatalogueSite(missing: ["/components_price_points.json"]), runs: 2)
        #expect(result.ok, "\(result.failures)")
        #expect(stored?.value.components.map(\.unitPrice.minorUnits) == [400, 500])
        #expect(stored?.flags.isEmpty == true)
        // Asked once, remembered: the second run goes straight to the components' own listings.
        #expect(asked(transport, "/components_price_points.json").count == 1)
        #expect(asked(transport, "/components/5/price_points.json").count == 2)
    }

    @Test func aForbiddenComponentsListingLeavesAFlaggedGapAndTheSyncGoesOn() async throws {
        let (result, stored, _, store) = try await sync(CatalogueSite(forbidden: ["/components.json"]))
        #expect(result.ok, "\(result.failures)")
        let subscription = try #require(stored)
        // Seats name their price point and keep it; support needed the components listing for its default.
        #expect(subscription.value.components.map(\.unitPrice.minorUnits) == [400, 0])
        #expect(subscription.flags == ["MRR excludes components: GET /components.json answered 403 Forbidden"])
        let source = try #require(try store.source(named: "acme"))
        #expect(try store.allCustomers(sourceID: source.id).count == 1)
        #expect(
            try store.mrrGaps(sourceID: source.id).map(\.description)
                == ["MRR excludes components: GET /components.json answered 403 Forbidden (1 subscription)"])
    }

    @Test func aMissingCouponsListingIsAGapForTheSubscriptionsWithCoupons() async throws {
        let (result, stored, _, _) = try await sync(CatalogueSite(missing: ["/coupons.json"]))
        #expect(result.ok, "\(result.failures)")
        #expect(stored?.value.coupons.isEmpty == true)
        #expect(stored?.value.components.map(\.unitPrice.minorUnits) == [400, 500])
        #expect(stored?.flags == ["MRR excludes coupons: GET /coupons.json answered 404 Not Found"])
    }

    @Test func aListingStuckOnItsFirstPageStopsThePageThatNeededItAtTheRepeat() async throws {
        let (result, stored, transport, store) = try await sync(CatalogueSite(stuck: ["/coupons.json"]))
        #expect(result.failures.map(\.stream) == ["subscriptions"], "\(result.failures)")
        #expect(
            result.failures.first?.error
                == .pagingLoop("the server returned the same page twice (GET /coupons.json page 2)"))
        #expect(asked(transport, "/coupons.json").count == 2, "stopped at the first repeat")
        // Nothing is stored from a catalogue cut short: the next run reads that page again.
        #expect(stored == nil)
        let source = try #require(try store.source(named: "acme"))
        #expect(try store.allCustomers(sourceID: source.id).count == 1)
    }
}
