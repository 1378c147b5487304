import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// The sandbox's fault injection against the real client: every fault is survived (or stopped with a
/// clear error), and the store still equals the sandbox afterwards.
@Suite(.serialized) struct FaultTests {
    static let plans: [(String, FaultPlan)] = [
        // The sandbox's per-minute budget runs on the wall clock; 429 pauses are tested in
        // BillingSyncTests.RateLimitTests with a manual clock instead of a minute-long test here.
        ("5xx bursts", FaultPlan(seed: 5, serverErrorRate: 0.25)),
        ("truncated bodies", FaultPlan(seed: 6, truncatedBodyRate: 0.2)),
        ("HTML bodies", FaultPlan(seed: 7, htmlBodyRate: 0.2)),
        ("4-in-flight cap", FaultPlan(seed: 8, concurrencyCap: 4)),
    ]

    @Test(arguments: 0..<plans.count)
    func chargifySurvivesFault(index: Int) async throws {
        let (name, plan) = Self.plans[index]
        let h = try await SandboxHarness.start(customers: 12, seed: 21, faults: plan)
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify)])
        let result = await runner.runOnce()
        #expect(result.ok, "\(name): \(result.failures)")
        let source = try #require(try h.store.source(named: "acme"))
        await h.server.setFaults(.none)
        let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(name): \(comparison.differences)")
        #expect(await runner.peakInFlight() <= 4)
        if plan.rateLimitPerMinute != nil {
            let waits = try h.store.recentSyncLog(limit: 10_000).filter { $0.kind == .rateLimitWait }
            #expect(!waits.isEmpty, "\(name): no rate-limit pause was logged")
            #expect(h.clock.slept.allSatisfy { $0 <= 120 }, "\(name): a wait exceeded the cap")
        }
    }

    @Test func trutoSurvivesExpiringCursorsAndServerErrors() async throws {
        let h = try await SandboxHarness.start(
            customers: 12, seed: 22, faults: FaultPlan(seed: 9, serverErrorRate: 0.15, cursorExpirySeconds: 1))
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.truto, pageSize: 10)])
        let result = await runner.runOnce()
        await h.server.setFaults(.none)
        // A cursor that expires restarts only its window (at most 3 times a run, then a clear error).
        #expect(result.ok || result.failures.allSatisfy { "\($0.error)".contains("cursor") }, "\(result.failures)")
        if !result.ok { #expect(await runner.runOnce().ok) }
        let source = try #require(try h.store.source(named: "acme-truto"))
        let comparison = try StoreComparison(store: h.store, sourceID: source.id, company: await h.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
    }

    @Test func wrongKeyStopsAtOnceWithoutRevealingIt() async throws {
        let h = try await SandboxHarness.start(customers: 5, seed: 23)
        defer { Task { await h.stop() } }
        let secret = "wrong-key-12345"
        let runner = try h.runner([h.source(.chargify, key: secret)])
        let result = await runner.runOnce()
        #expect(!result.ok)
        #expect(
            result.failures.allSatisfy {
                if case .keyRejected("acme", let request) = $0.error {
                    request.hasSuffix("answered 401 Unauthorized")
                } else {
                    false
                }
            })
        #expect(result.requests <= 4, "a rejected key must not be retried (\(result.requests) requests)")
        let basic = Data("\(secret):x".utf8).base64EncodedString()
        let logText =
            try h.store.recentSyncLog(limit: 1000).map(\.message).joined(separator: "\n")
            + (try h.store.syncStatus().compactMap(\.state.lastError).joined(separator: "\n"))
        #expect(logText.contains("the API key for source acme was rejected"))
        #expect(!logText.contains(secret) && !logText.contains(basic))
        let raw = try String(contentsOfFile: h.store.path, encoding: .isoLatin1)
        #expect(!raw.contains(secret) && !raw.contains(basic))
    }
}
