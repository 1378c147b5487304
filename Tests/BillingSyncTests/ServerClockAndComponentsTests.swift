import BillingCore
import BillingStore
import Foundation
import Testing

@testable import BillingSync

/// The run's start mark from the server's `Date`, and components from a site without the site-wide listing.
@Suite struct ServerClockAndComponentsTests {
    static let subscription = """
        [{"subscription": {"id": 101, "state": "active", "currency": "USD", "customer": {"id": 5},
          "product": {"id": 1, "name": "Pro", "interval": 1, "interval_unit": "month", "product_family": {"name": "Main"}},
          "product_price_in_cents": 1000, "updated_at": "2026-06-20T12:00:00Z"}}]
        """
    static let components = """
        [{"component": {"component_id": 7, "subscription_id": 101, "kind": "quantity_based_component", "name": "Seats",
          "allocated_quantity": 3, "price_point_id": 70, "currency": "USD"}}]
        """

    static func json(_ text: String, date: String? = nil) -> HTTPResponse {
        HTTPResponse(status: 200, headers: date.map { ["Date": $0] } ?? [:], body: Data(text.utf8))
    }

    static func store() throws -> BillingStore {
        try BillingStore.open(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("billtop-sc-\(UUID().uuidString)/s.sqlite").path)
    }

    @Test func theHighWaterMarkIsTheServersClockNotOurs() async throws {
        let store = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        let clock = ManualClock(now: 1_781_956_800)
        let serverNow: Int64 = 1_781_956_800 - 3_600  // the server's clock lags ours by an hour
        let transport = ScriptedTransport(script: []) { url in
            Self.json(url.contains("/invoices.json") ? "{\"invoices\":[]}" : "[]", date: HTTPDate.format(serverNow))
        }
        let config = SourceConfig(name: "acme", kind: .chargify, baseURL: "http://127.0.0.1:9", secret: "k")
        let runner = try SyncRunner(store: store, sources: [config], transport: transport, clock: clock)
        #expect(await runner.runOnce().ok)
        let source = try #require(try store.source(named: "acme"))
        for stream in ["customers", "subscriptions", "invoices"] {
            #expect(try store.streamState(sourceID: source.id, stream: stream).highWater == serverNow)
        }
        // Without a Date header the fetcher's own clock is the fallback.
        let plain = ScriptedTransport(script: []) { url in
            Self.json(url.contains("/invoices.json") ? "{\"invoices\":[]}" : "[]")
        }
        let second = try SyncRunner(store: store, sources: [config], transport: plain, clock: clock)
        clock.advance(seconds: 60)
        #expect(await second.runOnce().ok)
        #expect(try store.streamState(sourceID: source.id, stream: "customers").highWater == Int64(clock.now()))
    }

    @Test func aSiteWithoutTheSiteWideListingIsReadPerSubscription() async throws {
        let store = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        let transport = ScriptedTransport(script: []) { url in
            if url.contains("/subscriptions_components.json") {
                return HTTPResponse(status: 404, body: Data("{\"errors\":[\"Not Found\"]}".utf8))
            }
            if url.contains("/subscriptions/101/components.json") { return Self.json(Self.components) }
            if url.contains("/subscriptions.json") { return Self.json(Self.subscription) }
            if url.contains("/components_price_points.json") { return Self.json("{\"price_points\":[]}") }
            return Self.json(url.contains("/invoices.json") ? "{\"invoices\":[]}" : "[]")
        }
        let config = SourceConfig(name: "acme", kind: .chargify, baseURL: "http://127.0.0.1:9", secret: "k")
        let runner = try SyncRunner(store: store, sources: [config], transport: transport, clock: ManualClock())
        let result = await runner.runOnce()
        #expect(result.ok, "\(result.failures)")
        let source = try #require(try store.source(named: "acme"))
        let stored = try store.allSubscriptions(sourceID: source.id)
        #expect(stored.map(\.value.components.count) == [1])
        #expect(stored.first?.value.components.first?.quantity == ExactDecimal(3))
        // The 404 is remembered: a second complete listing goes straight to the per-subscription reads.
        #expect(await runner.runOnce(full: true).ok)
        let listingAsks = transport.requests.filter { $0.contains("/subscriptions_components.json") }.count
        #expect(listingAsks == 1)
        #expect(transport.requests.filter { $0.contains("/subscriptions/101/components.json") }.count == 2)
    }
}
