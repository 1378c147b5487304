import BillingCore
import BillingSync
import Foundation
import Sandbox
import Testing

/// The error budget at the production default (`RetryPolicy()`: 20 failing requests in any 10 s) against a
/// sandbox that only fails, through the real runner and HTTP. By default on the fetcher's manual clock (the
/// budget's waits are instant, the windows are the budget's own time); `BILLTOP_LONG_TESTS=1` also runs it
/// on the wall clock, timed by the sandbox's request log (about 15 s).
@Suite(.serialized) struct ReliabilityErrorBudgetTests {
    /// The production policy with near-instant backoff, so only the budget spaces the requests out.
    static var policy: RetryPolicy {
        var policy = RetryPolicy()
        policy.baseDelay = 0.01
        policy.maxBackoff = 0.05
        return policy
    }

    @Test func theDefaultBudgetHoldsInAnyDefaultWindowOnTheFetchersClock() async throws {
        let net = try await ReliabilityNet.start(faults: FaultPlan(seed: 4, serverErrorRate: 1))
        defer { net.cleanUp() }
        let policy = Self.policy
        let config = net.source(.chargify, maxInFlight: 4)
        let transport = ClockedTransport(clock: net.clock)
        let runner = try net.runner(config, policy: policy, wallClock: false, transport: transport)
        let result = await runner.runOnce(within: 60)
        #expect(result.failures.count == config.streams.count)
        #expect(result.failures.allSatisfy { if case .gaveUp = $0.error { true } else { false } }, "\(result.failures)")
        let sent = transport.requests
        // More failing requests than one window allows, so the budget has to act.
        #expect(
            sent.count == config.streams.count * policy.maxAttempts && sent.count > policy.errorBudget,
            "\(sent.count) requests")
        let most = Self.mostInAnyWindow(sent.map(\.at), policy.errorWindow)
        #expect(
            most <= policy.errorBudget,
            "\(most) failing requests within \(policy.errorWindow) s (budget \(policy.errorBudget))")
        #expect(policy.errorWindow == 10 && policy.errorBudget == 20, "the production default this test is about")
    }

    @Test(
        .enabled(if: ProcessInfo.processInfo.environment["BILLTOP_LONG_TESTS"] == "1", "BILLTOP_LONG_TESTS=1 runs it"))
    func theDefaultBudgetHoldsInAnyDefaultWindowOnTheWallClock() async throws {
        let net = try await ReliabilityNet.start(faults: FaultPlan(seed: 4, serverErrorRate: 1))
        defer { net.cleanUp() }
        let policy = Self.policy
        let config = net.source(.chargify, maxInFlight: 4)
        let runner = try net.runner(config, policy: policy, wallClock: true)
        let result = await runner.runOnce(within: 120)
        #expect(result.failures.count == config.streams.count)
        let log = await net.server.requestLog()
        #expect(log.count == config.streams.count * policy.maxAttempts, "\(log.count) requests")
        // Arrival times lag the send by a little: a window a tenth of a second short stays conservative.
        let most = log.mostInAnyWindow(policy.errorWindow - 0.1) { $0.status >= 500 }
        #expect(most <= policy.errorBudget, "\(most) failing requests within \(policy.errorWindow) s")
    }

    /// The most of `times` inside any `window` seconds.
    static func mostInAnyWindow(_ times: [Double], _ window: Double) -> Int {
        let sorted = times.sorted()
        var most = 0
        var start = 0
        for end in sorted.indices {
            while sorted[end] - sorted[start] >= window { start += 1 }
            most = max(most, end - start + 1)
        }
        return most
    }
}
