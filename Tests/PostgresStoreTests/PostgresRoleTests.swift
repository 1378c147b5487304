import BillingCore
import BillingStore
import Foundation
import PostgresNIO
import TestSupport
import Testing

/// `billtop store init-postgres`'s roles on a real server: the viewer reads, and inserts nothing but an action
/// request's describing columns. Every refusal here is the database's (SQLSTATE 42501, insufficient_privilege),
/// seen through a plain PostgresNIO connection as the viewer's own SQL client would open one, not through billtop.
@Suite struct PostgresRoleTests {
    /// Role names are the cluster's, not a database's: each test takes its own.
    static func setup(_ label: String) throws -> PostgresSetup {
        let tag = UUID().uuidString.prefix(8).lowercased()
        return try PostgresSetup(database: "d_\(label)_\(tag)", writer: "w_\(tag)", viewer: "v_\(tag)")
    }

    /// Applies `setup` (as the library call or as the printed script through psql), gives both roles a
    /// password, adds one source and customer as the writer, and returns the viewer's own connection.
    static func prepared(_ setup: PostgresSetup, throughPsql: Bool) async throws -> OwnedConnection {
        let cluster = try PostgresTestCluster.shared()
        if throughPsql {
            try runPsql(setup.script, cluster: cluster)
        } else {
            _ = try await setup.apply(as: cluster.adminURL())
        }
        try await AdminSQL.execute(
            cluster.adminURL(),
            ["ALTER ROLE \(setup.writer) PASSWORD 'writer-pw'", "ALTER ROLE \(setup.viewer) PASSWORD 'viewer-pw'"])
        let writer = try await AdminSQL.connect(user: setup.writer, password: "writer-pw", database: setup.database)
        for statement in [
            "INSERT INTO source (name, kind, base_url, created_at) VALUES ('acme', 'chargify', 'https://a', 0)",
            """
            INSERT INTO customer (source_id, remote_id, first_name, last_name, email, organization, reference, phone,
                city, country, sort_name, raw) VALUES (1, 'c1', 'Ada', 'Lovelace', 'ada@example.com', 'Acme', 'r1',
                '', '', '', 'lovelace ada', '{}')
            """,
        ] {
            try await writer.raw.query(PostgresQuery(unsafeSQL: statement), logger: AdminSQL.logger)
        }
        return try await AdminSQL.connect(user: setup.viewer, password: "viewer-pw", database: setup.database)
    }

    @Test(arguments: [false, true])
    func theDatabaseRefusesAViewersWrites(throughPsql: Bool) async throws {
        let setup = try Self.setup(throughPsql ? "psql" : "apply")
        let viewer = try await Self.prepared(setup, throughPsql: throughPsql)

        let rows = try await viewer.raw.query("SELECT count(*) FROM customer", logger: AdminSQL.logger)
        for try await count in rows.decode(Int.self) { #expect(count == 1) }

        let refused = [
            "UPDATE customer SET email = 'x@example.com'",
            "DELETE FROM customer",
            """
            INSERT INTO customer (source_id, remote_id, first_name, last_name, email, organization, reference, phone,
                city, country, sort_name, raw) VALUES (1, 'c2', '', '', '', '', '', '', '', '', '', '{}')
            """,
            "INSERT INTO change_log (what) VALUES ('forged')",
            "UPDATE action_request SET state = 'succeeded'",
            "INSERT INTO action_request (source_id, kind, object_kind, object_id, token, state) VALUES (1, 'resend_invoice', 'invoice', 'i1', 'tok-0123456789abcdef', 'succeeded')",
            "INSERT INTO action_request (source_id, kind, object_kind, object_id, token, requested_by) VALUES (1, 'resend_invoice', 'invoice', 'i1', 'tok-0123456789abcdef', 'finance-lead')",
            "INSERT INTO action_journal (source_id, kind, object_kind, object_id, token, created_at) VALUES (1, 'k', 'invoice', 'i1', 't', 0)",
            "CREATE TABLE mine (id int)",
            "SELECT billtop_log_change('forged', NULL, 0)",
        ]
        for statement in refused {
            let state = await AdminSQL.sqlState(of: statement, on: viewer.raw)
            #expect(state == "42501", "\(statement.prefix(60)): \(state ?? "accepted")")
        }

        // What a viewer may do: ask for an action. The row says who asked (the session's role, not a column the
        // viewer could set) and waits for the writer.
        let request =
            "INSERT INTO action_request (source_id, kind, object_kind, object_id, token) VALUES (1, 'resend_invoice', 'invoice', 'i1', 'tok-0123456789abcdef')"
        #expect(await AdminSQL.sqlState(of: request, on: viewer.raw) == nil)
        let asked = try await viewer.raw.query(
            "SELECT requested_by, state FROM action_request", logger: AdminSQL.logger)
        for try await (who, state) in asked.decode((String, String).self) {
            #expect(who == setup.viewer)
            #expect(state == "requested")
        }
    }

    @Test func theViewerOpensTheStoreForReadingAndTheWriterMigrates() async throws {
        let setup = try Self.setup("open")
        _ = try await Self.prepared(setup, throughPsql: false)
        let cluster = try PostgresTestCluster.shared()
        let base = cluster.adminURL(database: setup.database)
        let reader = try await PostgresStore.openForReading(base.with(user: setup.viewer, password: "viewer-pw"))
        await reader.close()
        let writer = try await PostgresStore.open(base.with(user: setup.writer, password: "writer-pw"))
        #expect(try await writer.appliedMigrations().count == PostgresMigrations.all.count)
        await writer.close()
        // Applying again changes nothing and fails on nothing.
        let again = try await setup.apply(as: cluster.adminURL())
        #expect(again.contains("database \(setup.database): kept"))
    }

    /// The printed script through psql as a superuser (psql is what an operator runs it with).
    static func runPsql(_ script: String, cluster: PostgresTestCluster) throws {
        let file = TestScratch.directory("psql").appendingPathComponent("init.sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let output = file.deletingLastPathComponent().appendingPathComponent("psql.log")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let log = try FileHandle(forWritingTo: output)
        defer { try? log.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(cluster.port)", "-U",
            PostgresTestCluster.superuser, "-d", "postgres", "-f", file.path,
        ]
        process.environment = ["PGPASSWORD": cluster.password, "PATH": "/usr/bin:/bin"]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        try #require(process.terminationStatus == 0, "psql failed: \(text.suffix(800))")
    }

    /// A refusal names what was being done, which may carry an id a provider sent: the line is sanitised, so a
    /// hostile GHL note id cannot put an escape sequence on the terminal or in the log.
    @Test func aRefusalNamingAProvidersIdIsSanitised() async throws {
        let setup = try Self.setup("hostile")
        _ = try await Self.prepared(setup, throughPsql: false)
        let base = try PostgresTestCluster.shared().adminURL(database: setup.database)
        let reader = try await PostgresStore.openForReading(base.with(user: setup.viewer, password: "viewer-pw"))
        defer { Task { await reader.close() } }
        let hostile = "n1\u{1B}]0;owned\u{07}\u{1B}[2J"
        do {
            try await reader.saveCRMNote(CRMNote(id: hostile, contactID: "c1", body: "x", dateAdded: 0))
            Issue.record("the viewer's write was not refused")
        } catch let refused as PostgresStoreError {
            #expect(refused.message.contains("keep GHL note n1"), "\(refused.message)")
            #expect(!refused.message.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        }
    }
}
