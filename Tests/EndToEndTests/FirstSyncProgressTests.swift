import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// A budgeted first sync against the sandbox writes how far it has come and its ETA to the sync log (which
/// the log view and the header read), and a later run, no longer a first sync, writes none.
@Suite(.serialized) struct FirstSyncProgressTests {
    @Test func aBudgetedFirstSyncLogsItsProgressAndETA() async throws {
        let net = try await ReliabilityNet.start(customers: 150, seed: 47)
        defer { net.cleanUp() }
        var config = net.source(.chargify, pageSize: 50, maxInFlight: 4)
        config.requestsPerHour = 72_000  // 20 a second: paced, and short
        let runner = try net.runner(config, policy: .fast, wallClock: true)
        let result = await runner.runOnce(within: 120)
        #expect(result.ok, "\(result.failures)")
        let lines = try net.store.recentSyncLog(limit: 1_000).map(\.message).filter {
            $0.hasPrefix(SyncEstimate.prefix)
        }
        // The first page's line, one per finished stream, and the last says it is done.
        #expect(lines.count >= 5, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("first sync 4/4, done") }, "\(lines)")
        let running = lines.filter { !$0.contains("done") }
        #expect(
            running.contains { $0.contains(", ETA ") && $0.contains("(estimate)") && $0.contains("requests left at") })
        // Every stream still listing is named with its count so far.
        #expect(running.contains { $0.contains("events ") && $0.contains(" so far") }, "\(running)")
        for line in lines { #expect(line.prefix { $0 != ":" }.count <= 40, "\(line)") }
        // A run after the first sync is no longer one: no more progress lines.
        let again = await runner.runOnce(within: 120)
        #expect(again.ok)
        let after = try net.store.recentSyncLog(limit: 1_000).map(\.message).filter {
            $0.hasPrefix(SyncEstimate.prefix)
        }
        #expect(after.count == lines.count)
    }
}
