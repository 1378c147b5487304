import BillingServe
import BillingStore
import Foundation
import PostgresNIO
import Testing

/// One fetcher per source across the cluster: the lead is a session advisory lock on a connection of its own,
/// so it ends with that connection, and a standby trying every tick takes it.
@Suite struct ServeLeadershipTests {
    /// The sessions holding the source's leadership lock in this test's database (advisory locks are per
    /// database; other tests' sources share the ids). Two-key form: classid, objid, objsubid 2.
    static func holders(_ harness: ServeHarness) async throws -> [Int32] {
        let cluster = try PostgresTestCluster.shared()
        let admin = try await AdminSQL.connect(
            user: PostgresTestCluster.superuser, password: cluster.password, database: harness.url.database)
        let rows = try await admin.raw.query(
            """
            SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 1651076204
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND objid = \(Int32(harness.source.id)) AND objsubid = 2
            """, logger: AdminSQL.logger)
        var pids: [Int32] = []
        for try await pid in rows.decode(Int32.self) { pids.append(pid) }
        return pids
    }

    @Test func aStandbyTakesOverWhenTheLeadersConnectionCloses() async throws {
        let harness = try await ServeHarness.make("takeover")
        let a = try harness.start("a")
        try await eventually(10, "serve a leads") { await a.loop.leading == ["acme"] }
        let b = try harness.start("b")
        // b has tried a few times and waits as a standby; a's lock is the only one.
        try await eventually(10, "serve b ticks") { b.loop.counters.snapshot.ticks >= 3 }
        #expect(await b.loop.leading.isEmpty)
        let before = try await Self.holders(harness)
        #expect(before.count == 1)
        #expect(await harness.ledger.roundCount(by: "a") == 1)

        // The leader's lock connection dies (as a kill -9 or a lost network ends it): the server releases
        // the lock, a notices at its next tick and stops leading, and one serve takes the lead again.
        let cluster = try PostgresTestCluster.shared()
        try await AdminSQL.execute(
            cluster.adminURL(database: harness.url.database), ["SELECT pg_terminate_backend(\(before[0]))"])
        try await eventually(10, "a new lead") {
            let now = try await Self.holders(harness)
            return now.count == 1 && now[0] != before[0]
        }
        try await eventually(10, "exactly one serve leads") {
            let leaders = [await a.loop.leading, await b.loop.leading].filter { !$0.isEmpty }
            return leaders.count == 1
        }
        // No gap: the new leader starts a round at once, not an interval (an hour here) later.
        try await eventually(10, "a round by the new leader") {
            await harness.ledger.roundCount(by: "a") + harness.ledger.roundCount(by: "b") == 2
        }
        #expect(await harness.ledger.roundsOverlapped == false)
        try await a.stop()
        try await b.stop()
        #expect(try await Self.holders(harness).isEmpty)
    }

    /// Two real `billtop serve` processes; the leader is killed with SIGKILL (no clean-up of any kind runs):
    /// the standby takes the lead, and a SIGTERM then stops it cleanly, releasing the lock.
    @Test func killingTheLeadingProcessLetsTheStandbyTakeOver() async throws {
        let harness = try await ServeHarness.make("kill")
        let cluster = try PostgresTestCluster.shared()
        let store = "postgres://\(PostgresTestCluster.superuser)@127.0.0.1:\(cluster.port)/\(harness.url.database)"
        let arguments = ["serve", "--store", store, "--interval", "3600"]
        let a = try ServeProcess.start(arguments, environment: ["PGPASSWORD": cluster.password])
        defer { a.kill() }
        try await eventually(20, "process a leads") { a.stderr.contains("leading acme") }
        let b = try ServeProcess.start(arguments, environment: ["PGPASSWORD": cluster.password])
        defer { b.kill() }
        try await eventually(20, "process b waits") { b.stderr.contains("standby") }
        #expect(!b.stderr.contains("leading acme"))
        let first = try await Self.holders(harness)
        #expect(first.count == 1)

        a.kill()
        try await eventually(20, "process b takes the lead") { b.stderr.contains("leading acme") }
        let second = try await Self.holders(harness)
        #expect(second.count == 1 && second != first)

        #expect(b.terminate() == 0)
        // Its last status line, written after it released the lead.
        #expect(b.stderr.split(separator: "\n").last?.contains("standby") == true)
        #expect(try await Self.holders(harness).isEmpty)
    }
}
