import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// GHL's limit met without a 429 storm (issue 19 point 1): the sandbox enforces a tight window (5 requests
/// per second, far below the 9 a second billtop starts with from GHL's documented 100 per 10 s); the client
/// reads the window from the first answer's `X-RateLimit-*` headers and paces to 90% of it. The 429s are
/// counted on the sandbox.
struct GHLRateLimitTests {
    @Test func aPacedSyncMeetsNoRateLimit() async throws {
        let harness = try await SandboxHarness.start(customers: 12)
        defer { Task { await harness.stop() } }
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        harness.server.ghlLimiter.configure(max: 5, intervalMilliseconds: 1_000)
        let source = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken, pageSize: 3)
        let client = GHLClient(source: source, transport: URLSessionTransport(), policy: .fast)
        let result = try await GHLSync(store: harness.store, client: client).run()
        let contacts = await harness.server.world.company.ghlContacts.count
        #expect(result.contacts == contacts)
        #expect(result.activityContacts > 0, "notes and tasks of linked contacts were read")
        #expect(result.requests >= 12, "enough requests to meet the window several times: \(result.requests)")
        #expect(harness.server.ghlLimiter.rejectedCount == 0, "429s: \(harness.server.ghlLimiter.rejectedCount)")
        let stored = try harness.store.crmContacts()
        #expect(stored.count == contacts)
        #expect(stored.contains { $0.ownerID != "" } && stored.contains { !$0.tags.isEmpty })
    }
}
