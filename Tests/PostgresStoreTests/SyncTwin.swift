import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import TestSupport

/// One sandbox on a random loopback port synced into a SQLite store and a PostgreSQL store (a database of its
/// own on the throwaway cluster) side by side, with one manual clock that follows the sandbox world's.
struct SyncTwin {
    let server: SandboxServer
    let clock: ManualClock
    let sqlitePath: String
    let sqlite: BillingStore
    let url: PostgresStoreURL
    let postgres: PostgresStore
    let configuration: SandboxConfiguration

    /// Short waits and few attempts: a cut transport gives up at once (the manual clock makes sleeps instant).
    static let policy = RetryPolicy(
        maxAttempts: 2, baseDelay: 0.01, maxBackoff: 0.1, retryAfterCap: 120, rateLimitPause: 1)

    static func start(_ label: String, customers: Int = 30, seed: UInt64 = 7) async throws -> SyncTwin {
        let url = try await PostgresTestCluster.shared().database(label)
        let postgres = try await PostgresStore.open(url)
        let configuration = SandboxConfiguration(seed: seed, customers: customers)
        let server = try await SandboxServer.start(configuration)
        let path = TestScratch.directory("pg-twin").appendingPathComponent("store.sqlite").path
        let clock = ManualClock(now: Double(await server.world.now.secondsSinceEpoch))
        return SyncTwin(
            server: server, clock: clock, sqlitePath: path, sqlite: try BillingStore.open(path: path), url: url,
            postgres: postgres, configuration: configuration)
    }

    func source(pageSize: Int = 10) -> SourceConfig {
        SourceConfig(
            name: "acme", kind: .chargify, baseURL: server.baseURL, secret: configuration.chargifyAPIKey,
            pageSize: pageSize)
    }

    func syncSQLite(full: Bool = false) async throws -> SyncRunResult {
        let runner = try SyncRunner(
            store: sqlite, sources: [source()], transport: URLSessionTransport(), clock: clock, policy: Self.policy)
        return await runner.runOnce(full: full)
    }

    func syncPostgres(full: Bool = false, transport: any Transport = URLSessionTransport()) async throws
        -> SyncRunResult
    {
        let runner = try await SyncRunner(
            records: postgres, sources: [source()], transport: transport, clock: clock, policy: Self.policy)
        return await runner.runOnce(full: full)
    }

    /// Both engines, one after the other, from the same world at the same clock.
    func syncBoth(full: Bool = false) async throws -> (sqlite: SyncRunResult, postgres: SyncRunResult) {
        (try await syncSQLite(full: full), try await syncPostgres(full: full))
    }

    /// Columns SQLite keeps that the PostgreSQL store does not (yet): the search and dashboard read models'
    /// bookkeeping, none of them a record's field.
    static let sqliteOnly: Set<String> = []

    /// What differs between the two stores' record tables (empty when every row matches).
    func differences() async throws -> [String] {
        RecordTableRows.differences(
            sqlite: try RecordTableRows.sqlite(sqlitePath), postgres: try await RecordTableRows.postgres(url),
            sqliteOnly: Self.sqliteOnly)
    }

    /// Advances the sandbox world (records change upstream) and the fetcher's clock together.
    func advance(seconds: Int64) async {
        await server.world.advance(seconds: seconds)
        clock.advance(seconds: Double(seconds))
    }

    func stop() async {
        await postgres.close()
        await server.stop()
        try? FileManager.default.removeItem(atPath: (sqlitePath as NSString).deletingLastPathComponent)
    }
}
