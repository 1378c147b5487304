import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

@Suite(.serialized) struct IncrementalSyncTests {
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func incrementalRunsPickUpExactlyTheChanges(kind: SourceConfig.Kind) async throws {
        let h = try await SandboxHarness.start(customers: 25, seed: 11)
        defer { Task { await h.stop() } }
        // The generated company has renewals due before its "now"; the world's first advance processes
        // them with past updated_at stamps (a real server stamps changes when they happen), so clear that
        // backlog before the first sync. See docs/dev/DECISIONS.md (Sync).
        await h.advance(seconds: 86_400)
        let config = h.source(kind)
        let runner = try h.runner([config])
        let full = await runner.runOnce()
        #expect(full.ok, "\(full.failures)")
        let source = try #require(try h.store.source(named: config.name))

        var backdated = 0
        var excluded = Set<String>()
        for _ in 0..<2 {
            let previous = await h.server.world.company
            let windowStart = Int64(h.clock.now()) - Int64(config.overlapSeconds)
            await h.advance(seconds: 2 * 86_400)
            let delta = await runner.runOnce()
            #expect(delta.ok, "\(delta.failures)")
            #expect(delta.requests < full.requests, "an incremental run must cost less than a full one")
            let comparison = try StoreComparison(
                store: h.store, sourceID: source.id, company: await h.server.world.company, previous: previous,
                windowStart: windowStart, excluding: excluded)
            #expect(comparison.differences.isEmpty, "\(comparison.differences)")
            backdated += comparison.backdated
            excluded = comparison.excludedIDs
        }
        // Changes the sandbox stamped before the window are invisible to any incremental reader;
        // the periodic complete listing is what repairs them, so it must leave no difference at all.
        if backdated > 0 {
            #expect(await runner.runOnce(full: true).ok)
            let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
            #expect(comparison.differences.isEmpty, "\(comparison.differences)")
        }

        // Time passes with no change upstream: once the overlap has passed, one request per stream.
        h.clock.advance(seconds: 900)
        _ = await runner.runOnce()
        h.clock.advance(seconds: 900)
        await h.server.resetRequestCounts()
        let quiet = await runner.runOnce()
        #expect(quiet.ok)
        #expect(quiet.requests <= config.streams.count, "no-change run made \(quiet.requests) requests")
        #expect(await h.server.requestCount(pathPrefix: "/") == quiet.requests)
    }

    @Test func fullReconciliationTombstonesWhatVanished() async throws {
        let h = try await SandboxHarness.start(customers: 20, seed: 5)
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify)])
        #expect(await runner.runOnce().ok)
        let source = try #require(try h.store.source(named: "acme"))
        // A record the store has but the source no longer lists (deleted upstream without an event we saw).
        try h.store.apply(PageWrite(
            sourceID: source.id, stream: "customers",
            customers: [Incoming(value: Customer(id: "999999", firstName: "Gone", email: "gone@x.io"), raw: "{}")]))
        let partial = await runner.runOnce()
        #expect(partial.ok)
        #expect(try h.store.customer(RecordKey(sourceID: source.id, remoteID: "999999"))?.customer.deletedAt == nil)
        let full = await runner.runOnce(full: true)
        #expect(full.ok)
        #expect(try h.store.customer(RecordKey(sourceID: source.id, remoteID: "999999"))?.customer.deletedAt != nil)
        let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
    }
}
