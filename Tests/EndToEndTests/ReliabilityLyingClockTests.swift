import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// A server whose `Date` header lies by years cannot freeze incremental sync: its clock is not adopted as
/// the next window's start, and a high-water mark already in the future is clamped at the next run.
@Suite(.serialized) struct ReliabilityLyingClockTests {
    /// 2100-01-01T00:00:00Z, the date a broken server claims.
    static let year2100: Int64 = 4_102_444_800

    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func oneRunAgainstAServerDated2100ThenANormalRunFindsEveryChange(kind: SourceConfig.Kind) async throws {
        let h = try await SandboxHarness.start(customers: 25, seed: 23)
        defer { Task { await h.stop() } }
        await h.advance(seconds: 86_400)  // clear the generator's backlog (see IncrementalSyncTests)
        let config = h.source(kind)
        let lying = try SyncRunner(
            store: h.store, sources: [config], transport: DateRewritingTransport(),
            clock: h.clock, policy: .fast)
        let first = await lying.runOnce()
        #expect(first.ok, "\(first.failures)")
        let source = try #require(try h.store.source(named: config.name))
        let localStart = Int64(h.clock.now())
        for stream in config.streams where stream != .events {
            let state = try h.store.streamState(sourceID: source.id, stream: stream.rawValue)
            #expect(
                (state.highWater ?? .max) <= localStart,
                "\(stream): high-water mark \(state.highWater ?? 0) from the lying clock")
        }
        let log = try h.store.recentSyncLog(limit: 500, sourceID: source.id).map(\.message)
        #expect(
            log.contains { $0.contains("the server's clock") && $0.contains("our clock") },
            "no log line says the clock was not trusted")

        // Two days of real changes, then a run against an honest server finds every one of them.
        await h.advance(seconds: 2 * 86_400)
        let honest = try h.runner([config])
        let second = await honest.runOnce()
        #expect(second.ok, "\(second.failures)")
        #expect(second.requests < first.requests, "the honest run should be incremental")
        let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
    }

    /// A store whose marks an earlier release took from a lying server: the next run reads from the last
    /// completed run on our clock, and every change since then arrives.
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func aStoredHighWaterMarkInTheFutureIsClampedAndTheGapIsRead(kind: SourceConfig.Kind) async throws {
        let h = try await SandboxHarness.start(customers: 25, seed: 29)
        defer { Task { await h.stop() } }
        await h.advance(seconds: 86_400)
        let config = h.source(kind)
        let runner = try h.runner([config])
        #expect(await runner.runOnce().ok)
        let source = try #require(try h.store.source(named: config.name))
        for stream in config.streams where stream != .events {
            var state = try h.store.streamState(sourceID: source.id, stream: stream.rawValue)
            state.highWater = Self.year2100
            try h.store.saveStreamState(sourceID: source.id, stream: stream.rawValue, state: state)
        }
        await h.advance(seconds: 2 * 86_400)
        let run = await runner.runOnce()
        #expect(run.ok, "\(run.failures)")
        let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
        let now = Int64(h.clock.now())
        for stream in config.streams where stream != .events {
            let state = try h.store.streamState(sourceID: source.id, stream: stream.rawValue)
            #expect((state.highWater ?? .max) <= now, "\(stream): the future mark survived the run")
        }
        let notes = try h.store.recentSyncLog(limit: 500, sourceID: source.id).map(\.message).filter {
            $0.contains("is in the future")
        }
        #expect(notes.count == config.streams.count - 1, "one note per clamped stream, got \(notes)")
    }
}

/// The real transport, with every response's `Date` header replaced: a server whose clock lies.
final class DateRewritingTransport: Transport, @unchecked Sendable {
    // @unchecked: immutable after init; URLSessionTransport is thread-safe.
    private let inner = URLSessionTransport()
    private let date: String

    init(date: String = "Fri, 01 Jan 2100 00:00:00 GMT") {
        self.date = date
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var response = try await inner.send(request)
        response.headers["date"] = date
        return response
    }
}
