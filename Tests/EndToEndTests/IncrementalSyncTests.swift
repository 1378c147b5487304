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
        // Forty quiet days first (the clock moves, the world does nothing): monthly renewals are then due before
        // the world's "now", and its first advance must stamp them when it processes them, never in the past.
        // The generated company alone has none, and without them the backdating check below could not fail.
        await h.idle(seconds: 40 * 86_400)
        let generated = await h.server.world.company
        let overdueRenewals = generated.subscriptions.filter {
            ["active", "past_due", "soft_failure", "unpaid"].contains($0.state)
                && $0.currentPeriodEndsAt < generated.now.secondsSinceEpoch
        }
        try #require(!overdueRenewals.isEmpty, "no renewal is due before the world's now")
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
        // A change stamped before the window would be invisible to any incremental reader.
        #expect(backdated == 0, "the sandbox stamped \(backdated) changes in the past")
        // The periodic complete listing leaves no difference at all either.
        #expect(await runner.runOnce(full: true).ok)
        let complete = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(complete.differences.isEmpty, "\(complete.differences)")

        // Time passes with no change upstream: once the overlap has passed, one request per stream.
        await h.idle(seconds: 900)
        _ = await runner.runOnce()
        await h.idle(seconds: 900)
        await h.server.resetRequestCounts()
        let quiet = await runner.runOnce()
        #expect(quiet.ok)
        #expect(quiet.requests <= config.streams.count, "no-change run made \(quiet.requests) requests")
        #expect(await h.server.requestCount(pathPrefix: "/") == quiet.requests)
    }

    /// The fetcher's clock runs two hours ahead of the server's: windows still start from the server's
    /// clock (its `Date` header), so the changes of the next hour of server time are all picked up.
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func aFetcherClockAheadOfTheServerOpensNoGap(kind: SourceConfig.Kind) async throws {
        let h = try await SandboxHarness.start(customers: 25, seed: 19)
        defer { Task { await h.stop() } }
        h.clock.advance(seconds: 2 * 3_600)
        let config = h.source(kind)
        let runner = try h.runner([config])
        #expect(await runner.runOnce().ok)
        let source = try #require(try h.store.source(named: config.name))
        let serverStart = await h.server.world.now.secondsSinceEpoch
        for stream in config.streams where stream != .events {
            let state = try h.store.streamState(sourceID: source.id, stream: stream.rawValue)
            #expect(state.highWater == serverStart, "\(stream): high-water mark from the fetcher's clock")
        }
        await h.advance(seconds: 3_600)
        #expect(await runner.runOnce().ok)
        let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
    }

    @Test func fullReconciliationTombstonesWhatVanished() async throws {
        let h = try await SandboxHarness.start(customers: 20, seed: 5)
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify)])
        #expect(await runner.runOnce().ok)
        let source = try #require(try h.store.source(named: "acme"))
        // A record the store has but the source no longer lists (deleted upstream without an event we saw).
        try h.store.apply(
            PageWrite(
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
