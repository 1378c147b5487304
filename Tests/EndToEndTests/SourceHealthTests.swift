import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox
import TUIKit
import TUITestSupport
import Testing

/// Monitoring (issue 19 point 6): `SourceHealth` from a run with injected faults counts what the sandbox
/// saw (requests, 429s, failures), GHL's lines reach the store's sync log, and `billtop status` exits 1 when
/// a source is failing so cron can call it.
@Suite(.serialized) struct SourceHealthTests {
    static func acme(_ store: BillingStore, _ harness: SandboxHarness) throws -> SourceHealth {
        let all = try store.sourceHealth(now: Int64(harness.clock.now()))
        return try #require(all.first { $0.name == "acme" })
    }

    @Test func aRunWithRateLimitsAndThenServerErrorsShowsInTheHealth() async throws {
        let harness = try await SandboxHarness.start(customers: 12)
        defer { Task { await harness.stop() } }
        await harness.server.setFaults(FaultPlan(retryAfter: .seconds(2), rateLimitedRequests: 2...3))
        let result = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        #expect(result.ok)
        let sent = await harness.server.requestLog().count
        var health = try Self.acme(harness.store, harness)
        // The sync log holds the streams' requests; under a loaded machine the sandbox saw two more than were
        // logged in one full-suite run (requests outside the streams' logs, such as first-sync estimates).
        #expect(
            health.requestsLastHour > 12 && health.requestsLastHour <= sent, "\(health.requestsLastHour) of \(sent)")
        #expect(health.requestsToday == health.requestsLastHour)
        #expect(health.rateLimitedToday == 2, "the two 429s")
        #expect(health.rateLimitWaitMs >= 2_000, "the wait they imposed: \(health.rateLimitWaitMs) ms")
        #expect(health.failedLastHour == 2 && health.level == .ok, "\(health.reason)")
        #expect(health.streams.contains { $0.name == "customers" && $0.records == 12 && $0.lastSuccessAt != nil })
        #expect(health.limitPerHour == 3_600)

        await harness.server.setFaults(FaultPlan(serverErrorRate: 1))
        await harness.advance(seconds: 60)
        let failed = try await harness.runner([harness.source(.chargify)]).runOnce(full: false, sourceName: nil)
        #expect(!failed.ok)
        health = try Self.acme(harness.store, harness)
        #expect(health.level == .failing, "\(health.reason)")
        #expect(!health.lastErrors.isEmpty && health.failedLastHour > 2)

        // The dashboard's sync screen shows the same: the failing source, its 429s and its errors.
        let terminal = FakeTerminal(width: 160, height: 50)
        let now = Timestamp(secondsSinceEpoch: Int64(harness.clock.now()))
        let loop = DashboardLoop(
            data: StoreDashboardData(store: harness.store), terminal: terminal, clock: { now },
            exportDirectory: NSTemporaryDirectory())
        try loop.step(settle: true)
        loop.handle(.char("L"))
        try loop.step(settle: true)
        let text = terminal.lastFrame?.text ?? ""
        #expect(text.contains("acme (chargify)  FAILING"), "\(text)")
        #expect(text.contains("(2 × 429)") && text.contains("requests \(health.requestsLastHour) this hour"), "\(text)")
        #expect(text.contains("customers     synced") && text.contains("12 records"), "\(text)")
        #expect(text.contains("  error "), "\(text)")
    }

    @Test func ghlRequestsReachTheSyncLogAndTheHealth() async throws {
        let harness = try await SandboxHarness.start(customers: 8)
        defer { Task { await harness.stop() } }
        harness.server.ghlLimiter.configure(max: 1_000, intervalMilliseconds: 1_000)
        let source = GHLSource(
            name: "crm", baseURL: harness.server.baseURL, locationID: harness.config.ghlLocationID,
            secret: harness.config.ghlToken, pageSize: 5)
        let client = GHLClient(
            source: source, transport: URLSessionTransport(), policy: .fast,
            store: harness.store)
        let synced = try await GHLSync(store: harness.store, client: client).run()
        let all = try harness.store.sourceHealth(now: Int64(Date().timeIntervalSince1970))
        let ghl = try #require(all.first { $0.kind == "ghl" })
        #expect(ghl.requestsToday == client.requests, "GHL's requests are in the sync log")
        #expect(ghl.streams.first?.records == synced.contacts)
        #expect(ghl.level == .ok, "\(ghl.reason)")
        #expect(ghl.limitPerDay == 200_000)
    }

    @Test func statusExitsNonZeroWhenASourceIsFailing() async throws {
        let harness = try await SandboxHarness.start(customers: 6)
        defer { Task { await harness.stop() } }
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: true, sourceName: nil)
        let home = try ReliabilityProcess.workDirectory("status")
        let environment = ReliabilityProcess.environment(home: home)
        let arguments = ["status", "--json", "--db", harness.store.path]
        let healthy = try await ReliabilityProcess.run(arguments, environment: environment, directory: home)
        #expect(healthy.status == 0, "\(healthy.stdoutText) \(healthy.stderrText)")

        await harness.server.setFaults(FaultPlan(serverErrorRate: 1))
        _ = try await harness.runner([harness.source(.chargify)]).runOnce(full: false, sourceName: nil)
        let failing = try await ReliabilityProcess.run(arguments, environment: environment, directory: home)
        #expect(failing.status == 1, "\(failing.stdoutText) \(failing.stderrText)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(failing.stdoutText.utf8)) as? [[String: Any]])
        let acme = try #require(json.first { $0["name"] as? String == "acme" })
        #expect(acme["level"] as? String == "failing")
        #expect((acme["last_errors"] as? [Any])?.isEmpty == false)
        let text = try await ReliabilityProcess.run(
            ["status", "--db", harness.store.path], environment: environment, directory: home)
        #expect(text.stdoutText.contains("acme (chargify): FAILING"), "\(text.stdoutText)")
    }
}
