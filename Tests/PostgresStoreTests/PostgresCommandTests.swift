import BillingCore
import BillingStore
import Foundation
import TestSupport
import Testing

/// The executable's side of the team store: the store choice, `store init-postgres`, `customers --store`.
/// Every URL a refusal test passes names 127.0.0.1 port 1, where nothing listens: were a refusal to break, the
/// command would fail to connect on this machine, never reach another.
@Suite struct PostgresCommandTests {
    @Test func initPostgresPrintsTheWholeSetUp() throws {
        let run = try BilltopRun.run(["store", "init-postgres", "--database", "team", "--viewer", "agents"])
        #expect(run.status == 0, "\(run.stderr)")
        for expected in [
            "CREATE ROLE billtop_writer LOGIN", "CREATE ROLE agents LOGIN", "\\connect team", "SET ROLE billtop_writer",
            "CREATE TABLE action_request",
            "GRANT INSERT (host, source_id, kind, object_kind, object_id, customer_id, parameters, token) ON action_request TO agents",
        ] {
            #expect(run.stdout.contains(expected), "missing: \(expected)")
        }
        let bad = try BilltopRun.run(["store", "init-postgres", "--viewer", "Robert'); DROP"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("is not a plain identifier"))
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }

    @Test func initPostgresAppliesAndCustomersReadsAsTheViewer() async throws {
        let cluster = try PostgresTestCluster.shared()
        let tag = UUID().uuidString.prefix(8).lowercased()
        let (database, writer, viewer) = ("cmd_\(tag)", "cw_\(tag)", "cv_\(tag)")
        let admin = "postgres://\(PostgresTestCluster.superuser)@127.0.0.1:\(cluster.port)/postgres"
        let applied = try BilltopRun.run(
            [
                "store", "init-postgres", "--database", database, "--writer", writer, "--viewer", viewer, "--apply",
                admin,
            ],
            environment: ["PGPASSWORD": cluster.password])
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("database \(database): created, owned by \(writer)"))
        try await AdminSQL.execute(
            cluster.adminURL(), ["ALTER ROLE \(writer) PASSWORD 'w-pw'", "ALTER ROLE \(viewer) PASSWORD 'v-pw'"])

        let base = cluster.adminURL(database: database)
        let store = try await PostgresStore.open(base.with(user: writer, password: "w-pw"))
        let source = try await store.registerSource(name: "acme", kind: "chargify", baseURL: "https://acme.example")
        try await store.commit(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    Incoming(
                        value: Customer(id: "7", firstName: "Ada", lastName: "Lovelace", email: "ada@x.example"),
                        raw: "{}"),
                    Incoming(
                        value: Customer(id: "8", firstName: "Bob", lastName: "Byte", email: "bob@x.example"), raw: "{}"),
                ]))
        await store.close()

        let url = "postgres://\(viewer)@127.0.0.1:\(cluster.port)/\(database)"
        let found = try BilltopRun.run(
            ["customers", "lovel", "--store", url, "--json"], environment: ["PGPASSWORD": "v-pw"])
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("\"id\" : \"7\"") || found.stdout.contains("\"id\":\"7\""), "\(found.stdout)")
        #expect(!found.stdout.contains("Bob"))
        // The same choice from the environment, the password inside it.
        let fromEnvironment = try BilltopRun.run(
            ["customers", "byte"],
            environment: ["BILLTOP_STORE": "postgres://\(viewer):v-pw@127.0.0.1:\(cluster.port)/\(database)"])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stdout.contains("Bob Byte"))
        // A wrong password: one line, the store's URL without it, exit 74.
        let refused = try BilltopRun.run(
            ["customers", "ada"],
            environment: ["BILLTOP_STORE": "postgres://\(viewer):nope-pw@127.0.0.1:\(cluster.port)/\(database)"])
        #expect(refused.status == 74)
        #expect(refused.stderr.contains("refused the role '\(viewer)'"))
        #expect(!refused.stderr.contains("nope-pw"))
        #expect(refused.stderr.split(separator: "\n").count == 1)
    }

    @Test func aPasswordOnTheCommandLineIsRefusedUnshown() throws {
        let run = try BilltopRun.run(["customers", "--store", "postgres://agent:s3cr3t-pw@127.0.0.1:1/team"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--store: the URL holds a password"))
        #expect(!run.stderr.contains("s3cr3t-pw"))
        let both = try BilltopRun.run(["customers", "--store", "postgres://a@127.0.0.1:1/d", "--db", "/tmp/x.sqlite"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("choose one of --store and --db"))
    }

    @Test func commandsOnAnUnreachableTeamStoreSayWhereInOneLine() throws {
        let secret = "very-secret-pw"
        let store = "postgres://agent:\(secret)@127.0.0.1:1/team"
        // Provisioning works on the team store where the keys are (PostgresProvisionTests): it reaches for it.
        let provision = ["ghl", "provision", "--ghl", "http://127.0.0.1:9", "--location", "L"]
        // A one-off GHL sync would race serve, which holds the location's token there: one line says so.
        let ghl = try BilltopRun.run(
            ["sync", "--ghl", "http://127.0.0.1:9", "--location", "L"],
            environment: ["BILLTOP_STORE": store, "BILLTOP_GHL_TOKEN": "t"])
        #expect(ghl.status == 64 && ghl.stderr.contains("on a team store billtop serve syncs GHL locations"))
        #expect(!ghl.stderr.contains(secret), "\(ghl.stderr)")
        // The read commands read a viewer's copy: with no server and no copy yet, one line, the store's status.
        for arguments in [provision, ["invoices"], ["dunning"], ["mrr"], ["status"]] {
            let run = try BilltopRun.run(arguments, environment: ["BILLTOP_STORE": store, "BILLTOP_GHL_TOKEN": "t"])
            #expect(run.status == 74, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr.contains("cannot reach the PostgreSQL store at postgres://agent:***@127.0.0.1:1/team"),
                "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1 && !run.stderr.contains(secret))
        }
        let flag = try BilltopRun.run(
            provision + ["--store", "postgres://agent@127.0.0.1:1/team"], environment: ["BILLTOP_GHL_TOKEN": "t"])
        #expect(flag.status == 74, "\(flag.stderr)")
        let badURL = try BilltopRun.run(
            ["invoices"], environment: ["BILLTOP_STORE": "postgres://agent@127.0.0.1:port/team"])
        #expect(badURL.status == 78)
        #expect(badURL.stderr.contains("BILLTOP_STORE: the store URL is not valid: its port 'port' is not 1-65535"))
    }

    @Test func theConfigFilesStoreLineIsReadAndHoldsNoPassword() throws {
        let config = TestScratch.directory("pg-config").appendingPathComponent("config.toml")
        try "store = \"postgres://agent:pw-in-file@127.0.0.1:1/team\"\n".write(
            to: config, atomically: true, encoding: .utf8)
        let run = try BilltopRun.run(["invoices"], environment: ["BILLTOP_CONFIG": config.path])
        #expect(run.status == 78)
        #expect(run.stderr.contains("the URL holds a password, which config.toml must not hold"))
        #expect(!run.stderr.contains("pw-in-file"))
        try "store = \"postgres://agent@127.0.0.1:1/team\"\n".write(to: config, atomically: true, encoding: .utf8)
        let plain = try BilltopRun.run(
            ["ghl", "provision", "--ghl", "http://127.0.0.1:9", "--location", "L"],
            environment: ["BILLTOP_CONFIG": config.path, "BILLTOP_GHL_TOKEN": "t"])
        #expect(
            plain.status == 74
                && plain.stderr.contains("cannot reach the PostgreSQL store at postgres://agent@127.0.0.1:1/team"),
            "\(plain.stderr)")
        let read = try BilltopRun.run(["invoices"], environment: ["BILLTOP_CONFIG": config.path])
        #expect(
            read.status == 74
                && read.stderr.contains("cannot reach the PostgreSQL store at postgres://agent@127.0.0.1:1/team"))
    }
}
