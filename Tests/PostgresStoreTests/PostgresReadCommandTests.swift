import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import TestSupport
import Testing

/// Every read command on a team store (issue 18 point 3: "every read command works the same way"): the real
/// binary with `--store postgres://...` reads the viewer's copy, caught up first, and prints what it prints for a
/// SQLite store the fetcher filled itself from the same sandbox; a team store it cannot open leaves the copy
/// readable with one line saying since when.
@Suite(.serialized) struct PostgresReadCommandTests {
    @Test func readCommandsPrintTheSameOnBothEngines() async throws {
        let twin = try await SyncTwin.start("reads", customers: 40, seed: 5)
        defer { Task { await twin.stop() } }
        let both = try await twin.syncBoth(full: true)
        #expect(both.sqlite.ok && both.postgres.ok)
        let cluster = try PostgresTestCluster.shared()
        let team = "postgres://\(PostgresTestCluster.superuser)@127.0.0.1:\(cluster.port)/\(twin.url.database)"
        let day = await twin.server.world.now.utcDate.description
        let company = await twin.server.world.company
        let customer = try #require(
            company.customers.first { c in company.invoices.contains { $0.customerID == c.id } })
        let commands: [[String]] = [
            ["mrr", "--as-of", day, "--json"],
            ["dunning", "--as-of", day, "--json"],
            ["invoices", "--as-of", day, "--json"],
            ["invoices", "--overdue", "--as-of", day],
            ["customer", "show", "\(customer.id)", "--json"],
            ["customers", "--json"],
        ]
        for command in commands {
            let direct = try await BilltopRun.onThread(command + ["--db", twin.sqlitePath])
            let copied = try await BilltopRun.onThread(
                command + ["--store", team], environment: ["PGPASSWORD": cluster.password])
            #expect(direct.status == 0 && copied.status == 0, "\(command): \(direct.stderr) / \(copied.stderr)")
            #expect(!direct.stdout.isEmpty)
            #expect(copied.stdout == direct.stdout, "\(command.joined(separator: " ")) differs")
            #expect(!copied.stderr.contains(cluster.password))
        }
    }

    @Test func aTeamStoreThatCannotBeOpenedLeavesTheCopyReadable() async throws {
        let twin = try await SyncTwin.start("reads-offline", customers: 8)
        defer { Task { await twin.stop() } }
        #expect(try await twin.syncPostgres(full: true).ok)
        let cluster = try PostgresTestCluster.shared()
        let role = "offline_\(UInt32.random(in: 0...UInt32.max))"
        try await AdminSQL.execute(
            cluster.adminURL(),
            [
                "CREATE ROLE \(role) LOGIN PASSWORD 'reader-pw'",
                "GRANT CONNECT ON DATABASE \(twin.url.database) TO \(role)",
            ])
        try await AdminSQL.execute(twin.url, ["GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role)"])
        let team = "postgres://\(role)@127.0.0.1:\(cluster.port)/\(twin.url.database)"
        let home = TestScratch.directory("reads-offline-home")
        let environment = ["PGPASSWORD": "reader-pw", "XDG_DATA_HOME": home.path]
        let first = try await BilltopRun.onThread(["dunning", "--store", team], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("making a private copy of the team store"), "\(first.stderr)")

        // The role may no longer log in (as when the server is down or the network is gone): the copy answers.
        try await AdminSQL.execute(cluster.adminURL(), ["ALTER ROLE \(role) NOLOGIN"])
        let offline = try await BilltopRun.onThread(["dunning", "--store", team], environment: environment)
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(offline.stdout == first.stdout)
        #expect(offline.stderr.contains("reading the copy as it was at"), "\(offline.stderr)")

        // Without a copy there is nothing to read: one line, the store's exit status.
        let elsewhere = TestScratch.directory("reads-offline-none")
        let none = try await BilltopRun.onThread(
            ["dunning", "--store", team], environment: ["PGPASSWORD": "reader-pw", "XDG_DATA_HOME": elsewhere.path])
        #expect(none.status != 0 && none.stderr.split(separator: "\n").count == 1, "\(none.stderr)")
    }
}
