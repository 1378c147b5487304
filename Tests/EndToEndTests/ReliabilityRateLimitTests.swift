import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// 429 against the real client on the wall clock: the sandbox answers 429 on exactly the requests the
/// plan names, and its request log (arrival times) shows what the fetcher sent during the wait.
@Suite(.serialized) struct ReliabilityRateLimitTests {
    static let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxBackoff: 0.1, retryAfterCap: 60, rateLimitPause: 1)

    /// `Retry-After: 2` and an HTTP date 3 s ahead (whole seconds: a wait of 2 to 3 s). Four requests may be
    /// in flight, so this also shows the pause holds the whole source, not just the refused request.
    @Test(arguments: ["seconds", "http-date"])
    func retryAfterHoldsEveryRequestOfTheSourceForTheWait(form: String) async throws {
        let retryAfter: FaultPlan.RetryAfter = form == "seconds" ? .seconds(2) : .httpDate(secondsFromNow: 3)
        let net = try await ReliabilityNet.start(faults: FaultPlan(retryAfter: retryAfter, rateLimitedRequests: 3...3))
        defer { net.cleanUp() }
        let config = net.source(.chargify, maxInFlight: 4)
        let runner = try net.runner(config, policy: Self.policy, wallClock: true)
        let progress = runner.recordProgress()
        let result = await runner.runOnce(within: 30)
        progress.stop()
        #expect(result.ok, "\(result.failures)")
        let log = await net.server.requestLog()
        let limited = try #require(log.first { $0.status == 429 })
        // Requests already in flight when the 429 was answered arrive within milliseconds; after that,
        // nothing until the wait is over.
        let during = log.filter { $0.arrivedAt > limited.arrivedAt + 0.3 && $0.arrivedAt < limited.arrivedAt + 1.95 }
        #expect(during.isEmpty, "\(during.count) requests sent during the wait: \(during.map(\.path))")
        let retried = try #require(log.first { $0.number > limited.number && $0.path == limited.path && $0.query == limited.query })
        #expect(retried.arrivedAt - limited.arrivedAt >= 1.95)
        // The progress stream (the dashboard header's "rate limited until HH:MM:SS" and the sync's line)
        // carries the wait.
        let pauses = progress.all.compactMap { event -> Double? in
            if case .rateLimited("acme", let seconds) = event { seconds } else { nil }
        }
        #expect(pauses.count == 1 && pauses.allSatisfy { $0 > 1.9 && $0 <= 3 }, "\(pauses)")
        #expect(try await net.differences(config).isEmpty)
    }

    /// A `Retry-After` beyond the cap stops the run with a message saying when to come back; nothing more
    /// is sent to the source (no hot retries, no early retry against the server's wish).
    @Test func aRetryAfterBeyondTheCapStopsWithAMessageAndSendsNothingMore() async throws {
        let net = try await ReliabilityNet.start(faults: FaultPlan(retryAfter: .seconds(3_600), rateLimitedRequests: 3...3))
        defer { net.cleanUp() }
        let config = net.source(.chargify, maxInFlight: 4)
        let runner = try net.runner(config, policy: Self.policy, wallClock: true)
        let result = await runner.runOnce(within: 30)
        #expect(!result.ok)
        for failure in result.failures {
            let text = "\(failure.error)"
            #expect(text.contains("wait 3600 s (Retry-After)") && text.contains("run the sync again"), "\(text)")
        }
        let log = await net.server.requestLog()
        let limited = try #require(log.first { $0.status == 429 })
        let after = log.filter { $0.arrivedAt > limited.arrivedAt + 0.3 }
        #expect(after.isEmpty, "\(after.count) requests after the long Retry-After")
        #expect(log.count <= limited.number + 3, "only requests already in flight may follow the 429")
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
        let result = await runner.runOnce(within: 30)
        #expect(result.ok, "\(result.failures)")
        let log = await net.server.requestLog()
        #expect(log.filter { $0.status == 429 }.map(\.number) == [3, 4])
        let byNumber = Dictionary(uniqueKeysWithValues: log.map { ($0.number, $0) })
        let first = try #require(byNumber[4]).arrivedAt - (try #require(byNumber[3])).arrivedAt
        let second = try #require(byNumber[5]).arrivedAt - (try #require(byNumber[4])).arrivedAt
        #expect(first >= 0.5 - 0.02 && first <= 1 + 0.3, "first pause \(first) s, policy 0.5...1")
        #expect(second >= 1 - 0.02 && second <= 2 + 0.3, "second pause \(second) s, policy 1...2")
        #expect(try await net.differences(config).isEmpty)
    }
}
