import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// A stream stopped by the server says which request failed, with what status, wherever it is reported:
/// the run's result (the sync summary), the sync log and the stream's status line.
@Suite(.serialized) struct RequestNamingTests {
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func aRefusedListingNamesItsRequestInTheSummaryTheLogAndTheStatus(kind: SourceConfig.Kind) async throws {
        let path = kind == .chargify ? "/invoices.json" : "/unified/subscription-management/invoices"
        let h = try await SandboxHarness.start(customers: 10, seed: 43, faults: FaultPlan(missingEndpoints: [path]))
        defer { Task { await h.stop() } }
        let config = h.source(kind)
        let run = await (try h.runner([config])).runOnce()
        let failure = try #require(run.failures.first { $0.stream == "invoices" }, "\(run.failures)")
        let expected = "GET \(path) answered 404 Not Found: "
        #expect(failure.error.description.hasPrefix(expected), "summary: \(failure.error)")
        #expect(run.failures.count == 1, "only the invoices stream fails: \(run.failures)")
        let source = try #require(try h.store.source(named: config.name))
        let log = try h.store.recentSyncLog(limit: 200, sourceID: source.id)
        #expect(
            log.contains { $0.kind == .error && $0.stream == "invoices" && $0.message.hasPrefix(expected) },
            "\(log.map(\.message))")
        let state = try h.store.streamState(sourceID: source.id, stream: "invoices")
        #expect(state.lastError?.hasPrefix(expected) == true, "status line: \(state.lastError ?? "none")")
        // No query value leaks into any of them (Truto's account id travels in the query).
        let texts = [failure.error.description, state.lastError ?? ""] + log.map(\.message)
        #expect(!texts.contains { $0.contains(h.server.integratedAccountID) || $0.contains("per_page") })
    }
}
