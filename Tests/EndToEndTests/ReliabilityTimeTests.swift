import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import TestSupport
import Testing

/// Time traps: a Chargify site in a zone with daylight saving time, whose timestamps carry the local
/// offset in force at each instant (-04:00, then -05:00 after New York falls back).
@Suite(.serialized) struct ReliabilityTimeTests {
    /// 2026-11-01T06:00:00Z: New York falls back from -04:00 to -05:00, so 01:00-02:00 local happens twice.
    static let fallBack: Int64 = 1_793_512_800

    /// A first sync the day before, then incremental windows every 6 hours across the change: after each,
    /// the store equals the sandbox (update times compared as instants), nothing lost in the repeated hour.
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func windowsAcrossADaylightSavingChangeLoseNothing(kind: SourceConfig.Kind) async throws {
        let (net, config, runner) = try await Self.firstSync(kind, dayBefore: Self.fallBack)
        defer { net.cleanUp() }
        #expect(try await net.differences(config).isEmpty)
        var offsets = Set<String>()
        for _ in 0..<8 {
            let previous = await net.server.world.company
            let windowStart = Int64(net.clock.now()) - Int64(config.overlapSeconds)
            await net.advance(seconds: 6 * 3_600)
            let delta = await runner.runOnce(within: 120)
            #expect(delta.ok, "\(delta.failures)")
            let differences = try await net.differences(config, previous: previous, windowStart: windowStart)
            #expect(differences.isEmpty, "at \(Timestamp(secondsSinceEpoch: Int64(net.clock.now()))): \(differences)")
            let events = await net.server.localGet(path: "/events.json", query: "per_page=20&direction=desc")
            let text = String(decoding: events.body, as: UTF8.self)
            for offset in ["-04:00", "-05:00"] where text.contains(offset) { offsets.insert(offset) }
        }
        #expect(net.clock.now() >= Double(Self.fallBack) + 86_400)
        #expect(offsets == ["-04:00", "-05:00"], "the site reported both offsets: \(offsets)")
    }

    /// 2026-03-08T07:00:00Z: New York springs forward from -05:00 to -04:00, so 02:00-03:00 local never happens.
    static let springForward: Int64 = 1_772_953_200

    /// Customers created (so stamped) half an hour, one second and zero seconds before the spring change and
    /// one second, half an hour and an hour after it, each followed by an incremental run: every one is
    /// stored once at its instant, the store equals the sandbox after each run, both offsets were reported,
    /// and every window the fetcher asked for was written in UTC.
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func windowsAcrossTheSpringForwardChangeLoseNothing(kind: SourceConfig.Kind) async throws {
        let (net, config, runner) = try await Self.firstSync(kind, dayBefore: Self.springForward)
        defer { net.cleanUp() }
        await net.server.resetRequestCounts()
        var created: [String: Int64] = [:]
        var offsets = Set<String>()
        for instant in [-1_800, -1, 0, 1, 1_800, 3_600].map({ Self.springForward + $0 }) {
            let previous = await net.server.world.company
            let windowStart = Int64(net.clock.now()) - Int64(config.overlapSeconds)
            await net.advance(seconds: instant - (await net.server.world.now.secondsSinceEpoch))
            let email = "spring\(created.count)@example.com"
            #expect(
                try await ReliabilityProcess.postCustomer(
                    net.server.baseURL, key: "sandbox",
                    fields: [
                        "first_name": "Spring", "last_name": "At \(instant - Self.springForward)", "email": email,
                    ]) == 201)
            created[email] = instant
            let delta = await runner.runOnce(within: 120)
            #expect(delta.ok, "\(delta.failures)")
            let differences = try await net.differences(config, previous: previous, windowStart: windowStart)
            #expect(differences.isEmpty, "at \(Timestamp(secondsSinceEpoch: instant)): \(differences)")
            let since =
                Timestamp(secondsSinceEpoch: instant).sqlStyle.replacingOccurrences(of: " ", with: "%20") + "%2B00:00"
            let body = await net.server.localGet(
                path: "/customers.json", query: "per_page=5&date_field=updated_at&start_datetime=\(since)")
            let text = String(decoding: body.body, as: UTF8.self)
            for offset in ["-04:00", "-05:00"] where text.contains(offset) { offsets.insert(offset) }
        }
        let source = try #require(try net.store.source(named: config.name))
        let stored = try net.store.allCustomers(sourceID: source.id).filter { created[$0.value.email] != nil }
        #expect(
            stored.count == created.count,
            "each customer stamped around the change stored once: \(stored.map(\.value.email))")
        for customer in stored {
            #expect(
                customer.value.updatedAt?.secondsSinceEpoch == created[customer.value.email], "\(customer.value.email)")
        }
        #expect(offsets == ["-04:00", "-05:00"], "the site reported both offsets: \(offsets)")
        // Windows are instants in UTC, whatever the site's zone.
        let windows = await net.server.requestLog().compactMap {
            $0.parameter("start_datetime") ?? $0.parameter("updated_at[gte]")
        }
        #expect(!windows.isEmpty)
        #expect(windows.allSatisfy { $0.hasSuffix("+00:00") || $0.hasSuffix("Z") }, "\(windows)")
    }

    /// Thirty customers created at one instant share `updated_at`; the run that lists them dies after two
    /// pages (its request never answers and the run is cancelled), and a fresh runner (a new process)
    /// resumes at the checkpoint: every one of them is stored, none twice.
    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func equalUpdateTimesAcrossACrashAreNeitherLostNorDuplicated(kind: SourceConfig.Kind) async throws {
        let net = try await ReliabilityNet.start(customers: 10, seed: 11)
        defer { net.cleanUp() }
        await net.advance(seconds: 86_400)
        let config = net.source(kind, pageSize: 5, maxInFlight: 1)
        #expect(await (try net.runner(config, policy: .fast, wallClock: false)).runOnce(within: 120).ok)
        let stamp = await net.server.world.now
        for index in 0..<30 { try await Self.createCustomer(net.server, index: index) }
        #expect(await net.server.world.company.customers.filter { $0.updatedAt == stamp.secondsSinceEpoch }.count >= 30)

        net.clock.advance(seconds: 600)
        let hanging = HangingTransport(hangOn: 3, matching: "customers")
        let crashed = try net.runner(config, policy: .fast, wallClock: false, transport: hanging)
        let run = Task { await crashed.runOnce() }
        for _ in 0..<500 where !hanging.hung { try await Task.sleep(for: .milliseconds(10)) }
        try #require(hanging.hung, "the run never reached its third customers page")
        // Read-ahead may ask for page 3 while page 1 still commits: wait (bounded) for the pages before the hang
        // to commit, so the crash always comes mid-listing with a checkpoint behind it.
        func checkpointed() throws -> StreamState? {
            try net.store.syncStatus().first { $0.stream == "customers" }.map(\.state)
        }
        for _ in 0..<500 where !((try checkpointed()).map { $0.page > 1 || $0.cursor != nil } ?? false) {
            try await Task.sleep(for: .milliseconds(10))
        }
        run.cancel()
        // Bounded: a cancelled run that never ends (a request left waiting for the only slot) fails here with
        // a message instead of stalling the test run.
        let ended = await TaskDeadline.value(of: run, within: 60)
        try #require(ended != nil, "the cancelled run did not end within 60 s")
        let state = try #require(try checkpointed())
        #expect(state.page > 1 || state.cursor != nil, "the crash came before any checkpoint: \(state)")

        let resumed = await (try net.runner(config, policy: .fast, wallClock: false)).runOnce(within: 120)
        #expect(resumed.ok, "\(resumed.failures)")
        #expect(try await net.differences(config).isEmpty)
        let source = try #require(try net.store.source(named: config.name))
        let stored = try net.store.allCustomers(sourceID: source.id).filter { $0.value.updatedAt == stamp }
        #expect(stored.count == 30)
    }

    static func createCustomer(_ server: SandboxServer, index: Int) async throws {
        let status = try await ReliabilityProcess.postCustomer(
            server.baseURL, key: "sandbox",
            fields: [
                "first_name": "Same", "last_name": "Instant \(index)", "email": "same\(index)@example.com",
            ])
        #expect(status == 201)
    }

    /// A New York site whose world starts two days before `change`, moved a day on (the generated renewal
    /// backlog, as in IncrementalSyncTests) and synced once in full: the start of both DST tests.
    static func firstSync(
        _ kind: SourceConfig.Kind, dayBefore change: Int64
    ) async throws -> (ReliabilityNet, SourceConfig, SyncRunner) {
        let net = try await ReliabilityNet.start(
            customers: 25, seed: 11, now: Timestamp(secondsSinceEpoch: change - 2 * 86_400),
            faults: FaultPlan(siteTimeZone: "America/New_York"))
        await net.advance(seconds: 86_400)
        let config = net.source(kind, pageSize: 10, maxInFlight: 4)
        let runner = try net.runner(config, policy: .fast, wallClock: false)
        #expect(await runner.runOnce(within: 120).ok)
        return (net, config, runner)
    }
}
