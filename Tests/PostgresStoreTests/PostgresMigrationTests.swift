import BillingCore
import PostgresNIO
import Testing

@testable import BillingStore

/// The PostgreSQL engine's own migration list: applied once, upgraded step by step, and a newer store refused.
@Suite struct PostgresMigrationTests {
    @Test func aFreshDatabaseGetsEveryStepOnce() async throws {
        let url = try await PostgresTestCluster.shared().database("fresh")
        let store = try await PostgresStore.open(url)
        #expect(try await store.appliedMigrations() == PostgresMigrations.all.map(\.name))
        await store.close()
        // A second open finds nothing to do (a step applied twice would fail: CREATE TABLE of a table that exists).
        let again = try await PostgresStore.open(url)
        #expect(try await again.appliedMigrations() == PostgresMigrations.all.map(\.name))
        await again.close()
    }

    @Test func anOlderStoreUpgradesStepByStep() async throws {
        let url = try await PostgresTestCluster.shared().database("older")
        let old = try await PostgresStore.open(url, migrationCount: 2)
        #expect(try await old.appliedMigrations() == PostgresMigrations.all.prefix(2).map(\.name))
        await old.close()
        // A reader changes nothing: it refuses a store this binary would still have to upgrade.
        await #expect {
            _ = try await PostgresStore.openForReading(url)
        } throws: { error in
            "\(error)".contains("older than this billtop")
        }
        let upgraded = try await PostgresStore.open(url)
        #expect(try await upgraded.appliedMigrations() == PostgresMigrations.all.map(\.name))
        await upgraded.close()
        let reader = try await PostgresStore.openForReading(url)
        await reader.close()
    }

    @Test func aStoreWrittenByANewerBilltopIsRefused() async throws {
        let url = try await PostgresTestCluster.shared().database("newer")
        let store = try await PostgresStore.open(url)
        await store.close()
        let next = PostgresMigrations.all.count + 1
        try await AdminSQL.execute(
            url, ["INSERT INTO billtop_schema_version (version, name) VALUES (\(next), 'v99-from-the-future')"])
        let opens: [@Sendable () async throws -> PostgresStore] = [
            { try await PostgresStore.open(url) }, { try await PostgresStore.openForReading(url) },
        ]
        for open in opens {
            await #expect {
                _ = try await open()
            } throws: { error in
                let message = "\(error)"
                return message.contains("was written by a newer billtop; upgrade billtop")
                    && message.contains("postgres://billtop_admin:***@127.0.0.1:") && !message.contains("\n")
            }
        }
    }

    @Test func aKnownVersionUnderAnotherNameIsNewerToo() {
        let first = PostgresMigrations.all[0].name
        #expect(PostgresMigrations.verdict(applied: [(1, first)]) == .missing(Array(1..<PostgresMigrations.all.count)))
        #expect(PostgresMigrations.verdict(applied: [(1, "v10-pg-something-else")]) == .newer)
        #expect(PostgresMigrations.verdict(applied: []) == .missing(Array(0..<PostgresMigrations.all.count)))
    }

    /// `v15-pg-sort-name-folded` gives rows stored with the plain lower-case name the key today's writer gives
    /// (`NameSortKey`), so the store lists "Ángel" among the a's, and the SQL fold equals the Swift one.
    @Test func anOlderStoresNameKeysAreFoldedAsTheWriterFoldsThem() async throws {
        let url = try await PostgresTestCluster.shared().database("sortfold")
        let before = try #require(PostgresMigrations.all.firstIndex { $0.name == "v15-pg-sort-name-folded" })
        let old = try await PostgresStore.open(url, migrationCount: before)
        let source = try await old.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let names = [
            ("Zoë", "Adams"), ("Ángel", "Ruiz"), ("Bob", "Stone"), ("E\u{301}tienne", "Roux"), ("Øyvind", "Lie"),
            ("Nguyễn", "Ánh"), ("Дмитрий", "Иванов"), ("Straße", "Ærø"),
        ]
        let customers = names.enumerated().map { index, name in
            Incoming(
                value: Customer(id: "\(index + 1)", firstName: name.0, lastName: name.1, email: "c\(index)@x.io"),
                raw: "{\"id\":\(index + 1)}")
        }
        try await old.commit(PageWrite(sourceID: source.id, stream: "customers", customers: customers))
        await old.close()
        // What the writer stored before the fold: the plain lower-case name (quotes cannot occur in these).
        try await AdminSQL.execute(
            url,
            customers.map {
                "UPDATE customer SET sort_name = '\($0.value.displayName.lowercased())' WHERE remote_id = '\($0.value.id)'"
            })

        let upgraded = try await PostgresStore.open(url)
        #expect(try await upgraded.appliedMigrations() == PostgresMigrations.all.map(\.name))
        await upgraded.close()
        let cluster = try PostgresTestCluster.shared()
        let connection = try await AdminSQL.connect(
            user: PostgresTestCluster.superuser, password: cluster.password, database: url.database)
        var keys: [String: String] = [:]
        let rows = try await connection.raw.query("SELECT remote_id, sort_name FROM customer", logger: AdminSQL.logger)
        for try await (id, key) in rows.decode((String, String).self) { keys[id] = key }
        let folded = customers.map { ($0.value.id, NameSortKey.of($0.value.displayName)) }
        #expect(keys == Dictionary(uniqueKeysWithValues: folded))
        #expect(keys["2"] == "angel ruiz" && keys["7"] == "дмитрий иванов")
    }
}
