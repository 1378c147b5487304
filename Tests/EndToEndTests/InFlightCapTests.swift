import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// billtop's in-flight cap and the server's agree: the peak the server counts never exceeds the 4 requests
/// Chargify allows, so a site with the real cap never answers 429 to a sync at the default `max_in_flight`.
@Suite(.serialized) struct InFlightCapTests {
    @Test func theServerNeverCountsMoreThanTheCapInFlight() async throws {
        // Latency keeps requests open long enough for an overlap to show; the cap is the real one.
        let h = try await SandboxHarness.start(
            customers: 120, seed: 41, faults: FaultPlan(concurrencyCap: 4, latencyMilliseconds: 60))
        defer { Task { await h.stop() } }
        let config = h.source(.chargify, pageSize: 20)
        #expect(config.maxInFlight == 4)
        let runner = try h.runner([config])
        await h.server.resetRequestCounts()
        let run = await runner.runOnce()
        #expect(run.ok, "\(run.failures)")
        let log = await h.server.requestLog()
        let refused = log.filter { $0.status == 429 }
        #expect(
            refused.isEmpty,
            "\(refused.count) requests answered 429, first: \(refused.first.map { "\($0.path) \($0.query)" } ?? "")")
        let serverPeak = await h.server.peakChargifyInFlight()
        #expect(serverPeak <= 4, "the server counted \(serverPeak) requests in flight at once")
        // The cap is used, not merely respected: streams read ahead into every free slot.
        let clientPeak = await runner.peakInFlight()
        #expect(serverPeak == 4 && clientPeak == 4, "server peak \(serverPeak), fetcher peak \(clientPeak)")
        // Past-the-end pages read ahead are answered before the run ends, never abandoned mid-request.
        #expect(log.count == run.requests, "server saw \(log.count) requests, the fetcher counted \(run.requests)")
    }
}
