import BillingCore
import BillingStore
import Foundation
import TestSupport
import Testing

@testable import BillingSync

/// A transport that answers from a script, records what was asked and how many were in flight.
final class ScriptedTransport: Transport, @unchecked Sendable {
    // @unchecked: all state is under `lock`.
    private let lock = NSLock()
    private var script: [(String) -> HTTPResponse?]
    private(set) var requests: [String] = []
    let fallback: (String) -> HTTPResponse

    init(script: [(String) -> HTTPResponse?], fallback: @escaping (String) -> HTTPResponse) {
        self.script = script
        self.fallback = fallback
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock {
            requests.append(request.url)
            if !script.isEmpty, let answer = script.removeFirst()(request.url) { return answer }
            return fallback(request.url)
        }
    }
}

@Suite struct RateLimitTests {
    static func emptyPage(_ url: String) -> HTTPResponse {
        HTTPResponse(status: 200, body: Data((url.contains("/invoices.json") ? "{\"invoices\":[]}" : "[]").utf8))
    }

    func run(_ answers: [HTTPResponse]) async throws -> (SyncRunResult, ManualClock, BillingStore, ScriptedTransport) {
        let store = try BillingStore.open(path: TestScratch.directory("rl").appendingPathComponent("s.sqlite").path)
        let clock = ManualClock(now: 1_781_956_800)
        let transport = ScriptedTransport(script: answers.map { answer in { _ in answer } }, fallback: Self.emptyPage)
        let config = SourceConfig(
            name: "acme", kind: .chargify, baseURL: "http://127.0.0.1:9", secret: "k", maxInFlight: 1)
        let runner = try SyncRunner(
            store: store, sources: [config], transport: transport, clock: clock,
            policy: RetryPolicy(retryAfterCap: 120, rateLimitPause: 30))
        return (await runner.runOnce(), clock, store, transport)
    }

    @Test func retryAfterSecondsPausesTheSource() async throws {
        let (result, clock, store, _) = try await run([
            HTTPResponse(status: 429, headers: ["Retry-After": "7"], body: Data())
        ])
        #expect(result.ok)
        #expect(clock.slept.contains(7))
        #expect(try store.recentSyncLog(limit: 100).contains { $0.kind == .rateLimitWait })
    }

    @Test func retryAfterHTTPDateIsHonoured() async throws {
        let date = HTTPDate.format(1_781_956_800 + 90)
        let (result, clock, _, _) = try await run([
            HTTPResponse(status: 429, headers: ["Retry-After": date], body: Data())
        ])
        #expect(result.ok)
        #expect(clock.slept.contains(90))
    }

    /// The server's `Date` runs 10 minutes behind our clock: its HTTP date 90 s after its `Date` is a 90 s
    /// wait (against our clock it would be in the past); a `Date` that does not parse falls back to ours.
    @Test func retryAfterHTTPDateIsReadAgainstTheResponsesDate() async throws {
        let server: Int64 = 1_781_956_800 - 600
        let skewed = HTTPResponse(
            status: 429, headers: ["Retry-After": HTTPDate.format(server + 90), "Date": HTTPDate.format(server)],
            body: Data())
        let (result, clock, _, _) = try await run([skewed])
        #expect(result.ok)
        #expect(clock.slept.contains(90), "\(clock.slept)")
        let garbled = HTTPResponse(
            status: 429, headers: ["Retry-After": HTTPDate.format(1_781_956_800 + 30), "Date": "yesterday"],
            body: Data())
        let (fallback, fallbackClock, _, _) = try await run([garbled])
        #expect(fallback.ok)
        #expect(fallbackClock.slept.contains(30), "\(fallbackClock.slept)")
    }

    @Test func retryAfterBeyondTheCapStopsEveryStreamAndSendsNothingMore() async throws {
        let date = HTTPDate.format(1_781_956_800 + 3_600)
        let (result, clock, _, transport) = try await run([
            HTTPResponse(status: 429, headers: ["Retry-After": date], body: Data())
        ])
        #expect(result.failures.count == 4)
        #expect(
            result.failures.allSatisfy { "\($0.error)".contains("wait 3600 s (Retry-After)") }, "\(result.failures)")
        #expect(transport.requests.count == 1, "nothing is sent after the long Retry-After")
        #expect(clock.slept.allSatisfy { $0 <= 120 })
    }

    @Test func missingRetryAfterStillPausesAWhile() async throws {
        let (result, clock, _, _) = try await run([HTTPResponse(status: 429, body: Data())])
        #expect(result.ok)
        #expect(clock.slept.contains { $0 >= 15 && $0 <= 30 })
    }

    @Test func truncatedAndHTMLBodiesAreRetriedNeverTakenAsEmpty() async throws {
        let (result, _, _, transport) = try await run([
            HTTPResponse(status: 200, body: Data("[{\"customer\": {\"id\": 1".utf8)),
            HTTPResponse(status: 200, body: Data("<html>maintenance</html>".utf8)),
        ])
        #expect(result.ok)
        #expect(transport.requests.count == 6)
    }

    @Test func otherClientErrorsStopTheStreamWithTheServersMessage() async throws {
        let (result, _, _, _) = try await run([
            HTTPResponse(status: 422, body: Data("{\"errors\":[\"start_datetime: bad\"]}".utf8))
        ])
        #expect(result.failures.count == 1)
        #expect("\(result.failures[0].error)".contains("start_datetime: bad"))
    }
}
