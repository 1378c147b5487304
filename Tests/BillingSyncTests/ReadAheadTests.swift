import BillingCore
import BillingStore
import Foundation
import Testing

@testable import BillingSync

/// Numbered listings read ahead while a page is written: every record once, the cap held, a short
/// listing costs one request (the no-change end-to-end runs check the same on the sandbox).
@Suite struct ReadAheadTests {
    static let pageSize = 5

    /// Customers pages 1-3 full, page 4 with one record, nothing after; every other stream empty.
    static func answer(_ url: String) -> HTTPResponse {
        guard url.contains("/customers.json") else {
            return HTTPResponse(
                status: 200, body: Data((url.contains("/invoices.json") ? "{\"invoices\":[]}" : "[]").utf8))
        }
        let page = url.split(separator: "&").first { $0.hasPrefix("page=") }.flatMap { Int($0.dropFirst(5)) } ?? 1
        let count = page <= 3 ? pageSize : page == 4 ? 1 : 0
        let items = (0..<count).map { i in
            "{\"customer\": {\"id\": \(page * 100 + i), \"first_name\": \"C\(page)-\(i)\", \"updated_at\": \"2026-06-20T12:00:00Z\"}}"
        }
        return HTTPResponse(status: 200, body: Data("[\(items.joined(separator: ","))]".utf8))
    }

    @Test func aLongListingIsReadAheadUnderTheCapAndStoredOnce() async throws {
        let store = try BillingStore.open(
            path: FileManager.default.temporaryDirectory
                .appendingPathComponent("billtop-ra-\(UUID().uuidString)/s.sqlite").path)
        defer { try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent) }
        let transport = ScriptedTransport(script: [], fallback: Self.answer)
        let config = SourceConfig(
            name: "acme", kind: .chargify, baseURL: "http://127.0.0.1:9", secret: "k", maxInFlight: 2,
            pageSize: Self.pageSize)
        let runner = try SyncRunner(store: store, sources: [config], transport: transport, clock: ManualClock())
        let result = await runner.runOnce()
        #expect(result.ok, "\(result.failures)")
        let source = try #require(try store.source(named: "acme"))
        let stored = try store.allCustomers(sourceID: source.id).map(\.value.id)
        #expect(stored.count == 3 * Self.pageSize + 1)
        #expect(Set(stored).count == stored.count)
        let customerRequests = transport.requests.filter { $0.contains("/customers.json") }
        // Pages 1-4, plus at most the pages read ahead past the short page (StreamSyncer.readAheadDepth: 4;
        // page 3, the last full one, sends for pages 4-7).
        #expect((4...7).contains(customerRequests.count), "\(customerRequests)")
        #expect(await runner.peakInFlight() <= 2)
        // Short listings (every other stream here) read nothing ahead: one request each.
        for path in ["/subscriptions.json", "/invoices.json", "/events.json"] {
            #expect(transport.requests.filter { $0.contains(path) }.count == 1, "\(path)")
        }
    }
}
