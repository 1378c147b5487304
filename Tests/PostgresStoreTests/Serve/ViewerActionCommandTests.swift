import BillingServe
import BillingStore
import Foundation
import Logging
import PostgresNIO
import Testing

/// `billtop subscription retry ID --store postgres://viewer@...`: the viewer's action command queues a request
/// (no key anywhere in its environment), says so when no serve answers in time, and prints serve's outcome when
/// one does.
@Suite struct ViewerActionCommandTests {
    /// The debug billtop, run off the concurrency pool so the serve of the same test keeps its threads.
    static func billtop(_ arguments: [String], password: String) async throws -> BilltopRun {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result { try BilltopRun.run(arguments, environment: ["PGPASSWORD": password]) })
            }
        }
    }

    @Test func aViewersActionIsQueuedAndPerformedByServe() async throws {
        let setup = try PostgresRoleTests.setup("viewcmd")
        _ = try await PostgresRoleTests.prepared(setup, throughPsql: false)
        let writer = try await AdminSQL.connect(user: setup.writer, password: "writer-pw", database: setup.database)
        try await writer.raw.query(
            """
            INSERT INTO subscription (source_id, remote_id, customer_remote_id, state, product_id, product_name,
                product_family, currency, product_price_minor, balance_minor, interval_count, interval_unit,
                collection_method, cancel_at_end_of_period, raw)
            VALUES (1, 'sub_1', 'c1', 'past_due', 'p1', 'Pro', 'f', 'USD', 4900, 4900, 1, 'month', 'automatic',
                false, '{}')
            """, logger: AdminSQL.logger)
        let cluster = try PostgresTestCluster.shared()
        let url = "postgres://\(setup.viewer)@127.0.0.1:\(cluster.port)/\(setup.database)"
        let command = ["subscription", "retry", "sub_1", "--store", url, "--yes"]

        // No serve: queued, and the command says where to look later.
        let unanswered = try await Self.billtop(command + ["--wait", "1"], password: "viewer-pw")
        #expect(unanswered.status == 69, "\(unanswered.stderr)")
        #expect(
            unanswered.stderr.contains("serve has not answered yet: is `billtop serve` running?"),
            "\(unanswered.stderr)")
        let unknown = try await Self.billtop(
            ["subscription", "retry", "sub_404", "--store", url, "--yes"], password: "viewer-pw")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no subscription sub_404 in source acme of the team store"))

        let base = cluster.adminURL(database: setup.database)
        let ledger = FakeLedger()
        let loop = try ServeLoop.fake(base.with(user: setup.writer, password: "writer-pw"), ledger: ledger)
        let running = Task { try await loop.run() }

        let answered = try await Self.billtop(command + ["--wait", "30"], password: "viewer-pw")
        #expect(answered.status == 0, "\(answered.stderr)")
        #expect(answered.stdout == "done: retry\n")
        #expect(answered.stderr.contains("queued as request 2"))
        // The first request, queued while no serve ran, was performed too: each once, by the one serve.
        try await eventually(10, "both requests performed") { await ledger.attempts.count == 2 }
        #expect(await ledger.acted.count == 2)
        let rows = try await writer.raw.query(
            "SELECT requested_by, object_id, customer_id, state FROM action_request ORDER BY id",
            logger: AdminSQL.logger)
        for try await (who, object, customer, state) in rows.decode((String, String, String?, String).self) {
            #expect(who == setup.viewer)
            #expect(object == "sub_1")
            #expect(customer == "c1")
            #expect(state == "succeeded")
        }
        await loop.stop()
        try await running.value
    }
}
