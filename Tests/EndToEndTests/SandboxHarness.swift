import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import TestSupport

/// A sandbox on a random loopback port, a fresh store, and a runner wired to them.
struct SandboxHarness {
    let server: SandboxServer
    let store: BillingStore
    let clock: ManualClock
    let config: SandboxConfiguration

    static func start(customers: Int = 40, seed: UInt64 = 7, faults: FaultPlan = .none) async throws -> SandboxHarness {
        let config = SandboxConfiguration(seed: seed, customers: customers, faults: faults)
        let server = try await SandboxServer.start(config)
        let store = try BillingStore.open(path: temporaryStorePath())
        // The fetcher's clock follows the sandbox world's clock (it stamps updated_at), advanced in step.
        let clock = ManualClock(now: Double(await server.world.now.secondsSinceEpoch))
        return SandboxHarness(server: server, store: store, clock: clock, config: config)
    }

    static func temporaryStorePath() -> String {
        TestScratch.directory("e2e").appendingPathComponent("store.sqlite").path
    }

    func source(_ kind: SourceConfig.Kind, name: String? = nil, key: String? = nil, pageSize: Int = 25) -> SourceConfig
    {
        switch kind {
        case .chargify:
            return SourceConfig(
                name: name ?? "acme", kind: .chargify, baseURL: server.baseURL, secret: key ?? config.chargifyAPIKey,
                pageSize: pageSize)
        case .truto:
            return SourceConfig(
                name: name ?? "acme-truto", kind: .truto, baseURL: server.baseURL, account: server.integratedAccountID,
                secret: key ?? config.trutoToken, pageSize: pageSize)
        }
    }

    func runner(_ sources: [SourceConfig], policy: RetryPolicy = .fast) throws -> SyncRunner {
        try SyncRunner(store: store, sources: sources, transport: URLSessionTransport(), clock: clock, policy: policy)
    }

    /// Advances the sandbox world and the fetcher's clock together.
    func advance(seconds: Int64) async {
        await server.world.advance(seconds: seconds)
        clock.advance(seconds: Double(seconds))
    }

    /// Lets time pass with nothing happening upstream: the world's clock (the server's `Date`) and the
    /// fetcher's clock move together, no record changes.
    func idle(seconds: Int64) async {
        await server.world.idle(seconds: seconds)
        clock.advance(seconds: Double(seconds))
    }

    /// Stops the server and removes the temporary store.
    func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(atPath: (store.path as NSString).deletingLastPathComponent)
    }
}

extension RetryPolicy {
    /// Short waits for tests (the manual clock makes sleeps instant anyway).
    static let fast = RetryPolicy(
        maxAttempts: 10, baseDelay: 0.01, maxBackoff: 0.1, retryAfterCap: 120, rateLimitPause: 1)
}
