import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

@Suite(.serialized) struct FullSyncTests {
    @Test func chargifyFullSyncStoresTheCompanyExactly() async throws {
        let h = try await SandboxHarness.start()
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify)])
        let result = await runner.runOnce()
        #expect(result.ok, "\(result.failures)")
        let source = try #require(try h.store.source(named: "acme"))
        let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
        #expect(try h.store.integrityCheck() == "ok")
        #expect(await runner.peakInFlight() <= 4)
    }

    @Test func trutoFullSyncStoresTheSameValuesAsChargify() async throws {
        let h = try await SandboxHarness.start()
        defer { Task { await h.stop() } }
        // Every record equal through both sources, the sandbox's company exactly (see syncBoth).
        _ = try await TrutoComponentsTests.syncBoth(h)
    }
}
