import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import TestSupport
import Testing

/// Helpers for the paging/time and HTTP-fault reliability tests: a sandbox and a store that are removed
/// afterwards, runners on the wall clock (timing is asserted on the sandbox's request log, never on a
/// timer of the test), and a watchdog so a fetcher that hangs fails the test instead of stalling the suite.
struct ReliabilityNet {
    let server: SandboxServer
    let store: BillingStore
    let directory: URL
    let clock: ManualClock

    static func start(
        customers: Int = 12, seed: UInt64 = 31, now: Timestamp = SandboxConfiguration.defaultNow,
        faults: FaultPlan = .none
    ) async throws -> ReliabilityNet {
        let server = try await SandboxServer.start(
            SandboxConfiguration(seed: seed, customers: customers, now: now, faults: faults))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "billtop-relnet-\(UUID().uuidString)")
        let store = try BillingStore.open(path: directory.appendingPathComponent("store.sqlite").path)
        let clock = ManualClock(now: Double(await server.world.now.secondsSinceEpoch))
        return ReliabilityNet(server: server, store: store, directory: directory, clock: clock)
    }

    /// One source on this sandbox; `maxInFlight: 1` makes the request order (and so the log) deterministic.
    func source(_ kind: SourceConfig.Kind, pageSize: Int = 25, maxInFlight: Int = 1) -> SourceConfig {
        switch kind {
        case .chargify:
            SourceConfig(
                name: "acme", kind: .chargify, baseURL: server.baseURL, secret: "sandbox", maxInFlight: maxInFlight,
                pageSize: pageSize)
        case .truto:
            SourceConfig(
                name: "acme-truto", kind: .truto, baseURL: server.baseURL, account: server.integratedAccountID,
                secret: "sandbox",
                maxInFlight: maxInFlight, pageSize: pageSize)
        }
    }

    /// A runner on the wall clock (real waits) or on the manual clock (instant waits).
    func runner(
        _ config: SourceConfig, policy: RetryPolicy, wallClock: Bool, transport: any Transport = URLSessionTransport()
    ) throws -> SyncRunner {
        try SyncRunner(
            store: store, sources: [config], transport: transport, clock: wallClock ? SystemClock() : clock,
            policy: policy)
    }

    /// The store's records for `config` compared with the sandbox's company.
    func differences(_ config: SourceConfig, previous: Company? = nil, windowStart: Int64? = nil) async throws
        -> [String]
    {
        let source = try #require(try store.source(named: config.name))
        return try StoreComparison(
            store: store, sourceID: source.id, company: await server.world.company, previous: previous,
            windowStart: windowStart
        ).differences
    }

    /// Advances the sandbox world and the fetcher's manual clock together.
    func advance(seconds: Int64) async {
        await server.world.advance(seconds: seconds)
        clock.advance(seconds: Double(seconds))
    }

    /// Removes the store's directory now (synchronously, so nothing is left behind when the test process
    /// ends) and stops the server in the background, as the other end-to-end tests do.
    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
        let server = server
        Task { await server.stop() }
    }
}

extension SyncRunner {
    /// Runs once, cancelling the run after `seconds` so a hang becomes a failed (cancelled) run; a run that does
    /// not end within a minute of its cancellation fails the test with a message instead of stalling the test run.
    func runOnce(full: Bool = false, within seconds: Double) async -> SyncRunResult {
        let run = Task { await self.runOnce(full: full) }
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(seconds))
            run.cancel()
        }
        defer { watchdog.cancel() }
        guard let result = await TaskDeadline.value(of: run, within: seconds + 60) else {
            let line = "the run did not end within 60 s of its cancellation after \(Int(seconds)) s"
            Issue.record(Comment(rawValue: line))
            return SyncRunResult(failures: [.init(source: "?", stream: "?", error: .gaveUp(line))], requests: 0)
        }
        return result
    }

    /// Runs once (as `runOnce(within:)`) and returns the rate-limit pauses `source` announced on the progress
    /// stream: the waits the dashboard header and the sync's line show.
    func runOnceRecordingPauses(of source: String, within seconds: Double) async -> (
        result: SyncRunResult, pauses: [Double]
    ) {
        let progress = recordProgress()
        let result = await runOnce(within: seconds)
        progress.stop()
        let pauses = progress.all.compactMap { event -> Double? in
            if case .rateLimited(let name, let seconds) = event, name == source { seconds } else { nil }
        }
        return (result, pauses)
    }

    /// Collects progress events in the background until `stop` is called.
    func recordProgress() -> ProgressRecorder {
        let recorder = ProgressRecorder()
        let stream = progress
        recorder.task = Task { for await event in stream { recorder.append(event) } }
        return recorder
    }
}

extension [SandboxRequestRecord] {
    /// Listing requests (not per-subscription components or the catalogue) for `path`.
    func listing(_ path: String) -> [SandboxRequestRecord] { filter { $0.path == path } }

    /// The most requests (of those `keep` accepts) that arrived within any `window` seconds.
    func mostInAnyWindow(_ window: Double, where keep: (SandboxRequestRecord) -> Bool) -> Int {
        let times = filter(keep).map(\.arrivedAt).sorted()
        var most = 0
        var start = 0
        for end in times.indices {
            while times[end] - times[start] >= window { start += 1 }
            most = Swift.max(most, end - start + 1)
        }
        return most
    }
}

extension SandboxRequestRecord {
    /// The request names an `updated_at` window (Chargify `start_datetime`, Truto `updated_at[gte]`).
    var hasTimeFilter: Bool {
        parameter("start_datetime") != nil || parameter("updated_at[gte]") != nil
            || parameter("updated_at%5Bgte%5D") != nil
    }
}
