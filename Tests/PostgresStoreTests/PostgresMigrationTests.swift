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
}
