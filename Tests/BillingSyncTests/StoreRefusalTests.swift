import BillingCore
import BillingStore
import Foundation
import GRDB
import Sandbox
import TestSupport
import Testing

@testable import BillingSync

/// A page the store refuses (here a trigger aborts one customer's insert, standing in for a full disk)
/// rolls back whole and leaves the checkpoint at the last committed page; the error is one store line;
/// the next run resumes there and misses nothing.
@Suite struct StoreRefusalTests {
    @Test func aRefusedPageLeavesTheCheckpointAtTheLastCommittedPage() async throws {
        let server = try await SandboxServer.start(SandboxConfiguration(seed: 4, customers: 30))
        defer { Task { await server.stop() } }
        let company = await server.world.company
        let store = try BillingStore.open(
            path: TestScratch.directory("refusal").appendingPathComponent("s.sqlite").path)
        let pageSize = 5
        // The 3rd page's second customer: pages 1 and 2 commit, page 3 is refused.
        let refused = company.customers[2 * pageSize + 1].id
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_one BEFORE INSERT ON customer WHEN NEW.remote_id = '\(refused)'
                    BEGIN SELECT RAISE(ABORT, 'refused for the test'); END
                    """)
        }
        let config = SourceConfig(
            name: "acme", kind: .chargify, baseURL: server.baseURL, secret: "sandbox", pageSize: pageSize)
        let clock = ManualClock(now: Double(company.now.secondsSinceEpoch))
        let policy = RetryPolicy(
            maxAttempts: 3, baseDelay: 0.01, maxBackoff: 0.1, retryAfterCap: 120, rateLimitPause: 1)
        let first = try SyncRunner(store: store, sources: [config], clock: clock, policy: policy)
        let result = await first.runOnce()
        let failure = try #require(result.failures.first { $0.stream == "customers" })
        guard case .store(let message) = failure.error else {
            Issue.record("want a store error, got \(failure.error)")
            return
        }
        #expect(
            message.contains("refused a write") && message.contains(store.path) && !message.contains("\n"), "\(message)"
        )

        let source = try #require(try store.source(named: "acme"))
        let state = try store.streamState(sourceID: source.id, stream: "customers")
        #expect(state.phase == .failed)
        #expect(state.page == 3, "the checkpoint moved past the refused page: page \(state.page)")
        #expect(state.recordsThisRun == 2 * pageSize)
        #expect(try store.customerCount(sourceID: source.id) == 2 * pageSize)

        try await store.pool.write { db in try db.execute(sql: "DROP TRIGGER refuse_one") }
        let second = try SyncRunner(store: store, sources: [config], clock: clock, policy: policy)
        let again = await second.runOnce()
        #expect(again.ok, "\(again.failures)")
        let ids = Set(try store.allCustomers(sourceID: source.id).map(\.value.id))
        #expect(
            ids == Set(company.customers.map { "\($0.id)" }),
            "\(Set(company.customers.map { "\($0.id)" }).subtracting(ids).count) customers missing")
    }
}
