import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// 429 against the real client on the wall clock: the sandbox answers 429 on exactly the requests the
/// plan names, and its request log (arrival times) shows what the fetcher sent during the wait.
@Suite(.serialized) struct ReliabilityRateLimitTests {
    static let policy = RetryPolicy(
        maxAttempts: 4, baseDelay: 0.01, maxBackoff: 0.1, retryAfterCap: 60, rateLimitPause: 1)

    /// `Retry-After: 2` and an HTTP date 3 s ahead (whole seconds: up to 3 s, less by however late the client
    /// reads it). One request at a time, so nothing is in flight during the wait, yet the other three streams
    /// are ready to send: the pause must hold the whole source, not just the refused request.
    @Test(arguments: ["seconds", "http-date"])
    func retryAfterHoldsEveryRequestOfTheSourceForTheWait(form: String) async throws {
        let retryAfter: FaultPlan.RetryAfter = form == "seconds" ? .seconds(2) : .httpDate(secondsFromNow: 3)
        let net = try await ReliabilityNet.start(faults: FaultPlan(retryAfter: retryAfter, rateLimitedRequests: 3...3))
        defer { net.cleanUp() }
        let config = net.source(.chargify, maxInFlight: 1)
        let runner = try net.runner(config, policy: Self.policy, wallClock: true)
        // The progress stream (the dashboard header's "rate limited until HH:MM:SS" and the sync's line)
        // carries the wait.
        let (result, pauses) = await runner.runOnceRecordingPauses(of: "acme", within: 120)
        #expect(result.ok, "\(result.failures)")
        let pause = try #require(pauses.first)
        #expect(pauses.count == 1 && (form == "seconds" ? pause == 2 : pause > 0 && pause <= 3), "\(pauses)")
        let log = await net.server.requestLog()
        let limited = try #require(log.first { $0.status == 429 })
        #expect(limited.number == 3)
        // The pause starts when the client reads the 429, after it arrived: nothing may arrive before it ends.
        let next = try #require(log.first { $0.number == limited.number + 1 })
        #expect(
            next.arrivedAt - limited.arrivedAt >= pause - 0.05,
            "sent \(next.arrivedAt - limited.arrivedAt) s after the 429")
        #expect(
            log.contains { $0.number > limited.number && $0.path == limited.path && $0.query == limited.query },
            "the refused request is sent again")
        #expect(try await net.differences(config).isEmpty)
    }

    /// A `Retry-After` beyond the cap stops the run with a message saying when to come back; nothing more
    /// is sent to the source (no hot retries, no early retry against the server's wish).
    @Test func aRetryAfterBeyondTheCapStopsWithAMessageAndSendsNothingMore() async throws {
        let net = try await ReliabilityNet.start(
            faults: FaultPlan(retryAfter: .seconds(3_600), rateLimitedRequests: 3...3))
        defer { net.cleanUp() }
        let config = net.source(.chargify, maxInFlight: 1)
        let runner = try net.runner(config, policy: Self.policy, wallClock: true)
        let result = await runner.runOnce(within: 120)
        #expect(!result.ok)
        for failure in result.failures {
            let text = "\(failure.error)"
            #expect(text.contains("wait 3600 s (Retry-After)") && text.contains("run the sync again"), "\(text)")
        }
        let log = await net.server.requestLog()
        let limited = try #require(log.first { $0.status == 429 })
        // One request at a time: the source is closed before its slot is freed, so nothing follows at all.
        #expect(log.count == limited.number, "\(log.count - limited.number) requests after the long Retry-After")
        let errors = try net.store.syncStatus().compactMap(\.state.lastError)
        #expect(errors.contains { $0.contains("Retry-After") }, "the status pane shows why: \(errors)")
    }

    /// 429 without `Retry-After`: the source pauses `rateLimitPause` x 2^attempt, jittered between half and
    /// all of it (requests one at a time, so the log's gaps are the pauses).
    @Test func aRateLimitWithoutRetryAfterBacksOffWithinThePolicysBounds() async throws {
        let net = try await ReliabilityNet.start(faults: FaultPlan(retryAfter: .absent, rateLimitedRequests: 3...4))
        defer { net.cleanUp() }
        let config = net.source(.chargify, maxInFlight: 1)
        let runner = try net.runner(config, policy: Self.policy, wallClock: true)
        let result = await runner.runOnce(within: 120)
        #expect(result.ok, "\(result.failures)")
        let log = await net.server.requestLog()
        #expect(log.filter { $0.status == 429 }.map(\.number) == [3, 4])
        let byNumber = Dictionary(uniqueKeysWithValues: log.map { ($0.number, $0) })
        let first = try #require(byNumber[4]).arrivedAt - (try #require(byNumber[3])).arrivedAt
        let second = try #require(byNumber[5]).arrivedAt - (try #require(byNumber[4])).arrivedAt
        // Lower bounds exactly; upper bounds with 1.5 s for a loaded machine (the suite runs beside others).
        #expect(first >= 0.5 - 0.02 && first <= 1 + 1.5, "first pause \(first) s, policy 0.5...1")
        #expect(second >= 1 - 0.02 && second <= 2 + 1.5, "second pause \(second) s, policy 1...2")
        #expect(try await net.differences(config).isEmpty)
    }
}
