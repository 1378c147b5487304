import BillingCore
import BillingStore
import BillingSync
import Foundation
import GRDB
import Sandbox
import Testing

/// With nothing changed upstream a run writes no record, and a checkpoint in the future is read from the
/// last completed run (never from the future, never a complete listing) and deletes nothing.
@Suite(.serialized) struct ReliabilityQuietRunTests {
    static let dataTables = [
        "customer", "subscription", "subscription_component", "subscription_coupon", "invoice", "invoice_line",
        "invoice_payment", "event",
    ]

    /// Every row of every data table, as text: equal digests mean no record was written.
    static func digest(_ store: BillingStore) throws -> [String: [String]] {
        try store.pool.read { db in
            var out: [String: [String]] = [:]
            for table in dataTables {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { $0.description }.sorted()
            }
            return out
        }
    }

    static func tombstones(_ store: BillingStore) throws -> Int {
        try store.pool.read { db in
            try ["customer", "subscription", "invoice"].reduce(0) { sum, table in
                sum + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE deleted_at IS NOT NULL") ?? 0)
            }
        }
    }

    /// Differences between two digests, table by table, for the failure message.
    static func changes(_ before: [String: [String]], _ after: [String: [String]]) -> [String] {
        dataTables.compactMap { table in
            let a = before[table] ?? [], b = after[table] ?? []
            guard a != b else { return nil }
            let changed = zip(a, b).filter { $0 != $1 }.count + abs(a.count - b.count)
            return "\(table): \(changed) rows differ (\(a.count) -> \(b.count))"
        }
    }

    @Test func aSecondRunWithNoUpstreamChangeWritesNothing() async throws {
        let h = try await SandboxHarness.start(customers: 20, seed: 13)
        defer { Task { await h.stop() } }
        await h.advance(seconds: 86_400)  // clear the generator's backlog (see IncrementalSyncTests)
        let config = h.source(.chargify)
        let runner = try h.runner([config])
        #expect(await runner.runOnce().ok)
        await h.idle(seconds: 900)
        #expect(await runner.runOnce().ok)
        let before = try Self.digest(h.store)
        await h.idle(seconds: 900)
        await h.server.resetRequestCounts()
        let quiet = await runner.runOnce()
        #expect(quiet.ok, "\(quiet.failures)")
        let after = try Self.digest(h.store)
        #expect(Self.changes(before, after).isEmpty, "a no-change run wrote records: \(Self.changes(before, after))")
        #expect(quiet.requests <= config.streams.count, "no-change run made \(quiet.requests) requests")
        #expect(try h.store.integrityCheck() == "ok")
    }

    @Test func aCheckpointInTheFutureWritesNothingAndDeletesNothing() async throws {
        let h = try await SandboxHarness.start(customers: 20, seed: 17)
        defer { Task { await h.stop() } }
        await h.advance(seconds: 86_400)  // clear the generator's backlog (see IncrementalSyncTests)
        let config = h.source(.chargify)
        let runner = try h.runner([config])
        #expect(await runner.runOnce().ok)
        // A second run once the overlap has passed, then quiet: the window from the last completed run holds nothing.
        await h.idle(seconds: 900)
        #expect(await runner.runOnce().ok)
        await h.idle(seconds: 900)
        let source = try #require(try h.store.source(named: config.name))
        // A clock that jumped back, or a checkpoint written by a machine a year ahead.
        let future = Int64(h.clock.now()) + 365 * 86_400
        for stream in config.streams {
            var state = try h.store.streamState(sourceID: source.id, stream: stream.rawValue)
            guard stream != .events else { continue }  // events checkpoint by id, not by time
            state.highWater = future
            try h.store.saveStreamState(sourceID: source.id, stream: stream.rawValue, state: state)
        }
        let before = try Self.digest(h.store)
        let deletedBefore = try Self.tombstones(h.store)
        await h.server.resetRequestCounts()
        let run = await runner.runOnce()
        #expect(run.ok, "\(run.failures)")
        let changed = Self.changes(before, try Self.digest(h.store))
        #expect(changed.isEmpty, "a future checkpoint wrote records: \(changed)")
        #expect(try Self.tombstones(h.store) == deletedBefore, "a future checkpoint deleted records")
        // The mark is clamped to the last completed run (ReliabilityLyingClockTests): one window, one request per stream.
        #expect(run.requests <= config.streams.count, "a future checkpoint made \(run.requests) requests")
    }
}
