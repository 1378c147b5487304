import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// An HTTP-date `Retry-After` is a time on the server's clock: the wait is measured from the response's
/// `Date` (the sandbox sends its world's clock), not from ours, which here runs an hour ahead.
@Suite(.serialized) struct RetryAfterServerClockTests {
    static let policy = RetryPolicy(
        maxAttempts: 4, baseDelay: 0.01, maxBackoff: 0.1, retryAfterCap: 60, rateLimitPause: 1)

    @Test(arguments: [SourceConfig.Kind.chargify, .truto])
    func anHTTPDateRetryAfterIsReadAgainstTheServersDate(kind: SourceConfig.Kind) async throws {
        let net = try await ReliabilityNet.start(
            faults: FaultPlan(retryAfter: .httpDate(secondsFromNow: 40), rateLimitedRequests: 3...3))
        defer { net.cleanUp() }
        // Read against our clock the date would lie an hour in the past: no wait at all.
        net.clock.advance(seconds: 3_600)
        let config = net.source(kind)
        let runner = try net.runner(config, policy: Self.policy, wallClock: false)
        let (result, pauses) = await runner.runOnceRecordingPauses(of: config.name, within: 120)
        #expect(result.ok, "\(result.failures)")
        #expect(pauses == [40], "\(pauses)")
        let log = await net.server.requestLog()
        #expect(log.filter { $0.status == 429 }.map(\.number) == [3])
        #expect(try await net.differences(config).isEmpty)
    }
}
