import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// On a budget a first sync lists the invoices still due ahead of the history: the pending ones (issued,
/// payment not settled: still due) as well as the open ones.
@Suite(.serialized) struct PendingInvoicesFirstTests {
    @Test func pendingInvoicesAreListedAheadOfTheHistoryToo() async throws {
        let net = try await ReliabilityNet.start(customers: 150, seed: 47)
        defer { net.cleanUp() }
        var config = net.source(.chargify, pageSize: 50, maxInFlight: 4)
        config.requestsPerHour = 72_000  // 20 a second: paced, and short
        let runner = try net.runner(config, policy: .fast, wallClock: true)
        let result = await runner.runOnce(within: 120)
        #expect(result.ok, "\(result.failures)")
        let log = await net.server.requestLog().sorted { $0.arrivedAt < $1.arrivedAt }
        let invoices = log.indices.filter { log[$0].path == "/invoices.json" }
        let pending = invoices.filter { log[$0].query.contains("status=pending") }
        let history = invoices.filter { !log[$0].query.contains { $0.hasPrefix("status=") } }
        #expect(!pending.isEmpty, "no pending-invoice listing was made")
        #expect((pending.max() ?? .max) < (history.max() ?? 0), "the pending listing came after the history")
        let lines = try net.store.recentSyncLog(limit: 1_000).map(\.message)
        #expect(lines.contains { $0.hasPrefix("listed ") && $0.hasSuffix(" pending invoices ahead of the history") })
    }
}
