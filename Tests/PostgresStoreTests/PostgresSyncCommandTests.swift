import BillingCore
import BillingStore
import Foundation
import Sandbox
import Testing

/// `billtop sync --store postgres://...` (issue 18 point 1): the real binary syncs the sandbox's every billing
/// stream into the team store and says in one line where MRR and dunning are computed.
@Suite struct PostgresSyncCommandTests {
    @Test func syncWithAPostgresStoreFillsItAndSaysWhereAggregatesAreComputed() async throws {
        let twin = try await SyncTwin.start("cli")
        defer { Task { await twin.stop() } }
        let cluster = try PostgresTestCluster.shared()
        let store = "postgres://\(PostgresTestCluster.superuser)@127.0.0.1:\(cluster.port)/\(twin.url.database)"
        let arguments = ["sync", "--chargify", twin.server.baseURL, "--store", store]
        let environment = ["BILLTOP_API_KEY": twin.configuration.chargifyAPIKey, "PGPASSWORD": cluster.password]
        // The binary talks to this process's sandbox: wait for it on a thread of its own, not a task's.
        let result = try await BilltopRun.onThread(arguments, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("each viewer's copy computes MRR and dunning"), "\(result.stdout)")
        #expect(!result.stdout.contains(cluster.password) && !result.stderr.contains(cluster.password))
        let customers = await twin.server.world.company.customers.count
        #expect(try await twin.postgres.customerCount(sourceID: nil) == customers)
        let source = try #require(try await twin.postgres.sources().first)
        for stream in ["customers", "subscriptions", "invoices", "events"] {
            let state = try await twin.postgres.streamState(sourceID: source.id, stream: stream)
            #expect(state.phase == .idle && state.lastCompletedAt != nil, "\(stream): \(state.phase)")
        }
    }
}
