import BillingCore
import NIOCore
import PostgresNIO
import Synchronization

/// A billtop store on PostgreSQL (issue 18's team mode): one connection, used by one task at a time.
///
/// A store from `open` or `openForReading` opens a new connection at its next use when the server closed the old
/// one (a restart, a terminated session, a dropped network the driver noticed): `billtop serve` and a viewer's
/// follower run for weeks, and a database restart must not leave them failing every tick until someone restarts
/// them. A statement under way when the connection went fails as before (a transaction is rolled back by the
/// server), and its caller's next try gets the new connection. The leadership lock's store never reconnects: its
/// locks live and die with its session, and serve must see that it lost them.
///
/// The writer (`billtop serve`, the one process with API keys) opens it with `open`, which brings the schema up to
/// this binary's; a viewer opens it with `openForReading`, which checks the schema and changes nothing (its role
/// could not). Every statement is in this target, as every SQLite statement is.
public final class PostgresStore: Sendable {
    public let url: PostgresStoreURL
    /// The connection in use, and whether `close` was called (a closed store never reconnects).
    private let current: Mutex<(connection: PostgresConnection, closed: Bool)>
    private let reconnects: Bool
    private let gate = SerialGate()
    /// The leads a serve writes sources under (`fence(by:)`); nil for every other writer.
    let fence = Mutex<LeadEpochs?>(nil)
    /// What serve's GHL rounds last worked out, kept while the tables it came from are unchanged.
    let crmMemo = Mutex(CRMLinkMemo())
    /// How many times a location's users were read for a copy (tests: a copy reads them only when they changed).
    let crmUserReads = Mutex(0)
    /// When the statement under way was sent; nil between statements.
    private let sent = Mutex<ContinuousClock.Instant?>(nil)

    /// How long the server has kept the statement under way waiting (nil: none is under way). A follower takes a
    /// long wait for a dead connection; the time its caller spends between statements (its own work on a copy)
    /// does not count.
    public var unanswered: Duration? { sent.withLock { $0.map { ContinuousClock.now - $0 } } }

    init(url: PostgresStoreURL, connection: PostgresConnection, reconnects: Bool = false) {
        self.url = url
        self.current = Mutex((connection, false))
        self.reconnects = reconnects
    }

    var connection: PostgresConnection { current.withLock { $0.connection } }

    /// Connects and applies every migration the store lacks (the first `migrationCount`, for upgrade tests).
    /// A store written by a newer billtop is refused before anything is changed.
    public static func open(_ url: PostgresStoreURL, migrationCount: Int? = nil) async throws -> PostgresStore {
        let store = PostgresStore(url: url, connection: try await PostgresConnector.connect(url), reconnects: true)
        do {
            try await store.migrate(upTo: migrationCount ?? PostgresMigrations.all.count)
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// Connects and checks that the store's schema is this binary's, writing nothing.
    public static func openForReading(_ url: PostgresStoreURL) async throws -> PostgresStore {
        let store = PostgresStore(url: url, connection: try await PostgresConnector.connect(url), reconnects: true)
        do {
            let applied = try await store.appliedVersions()
            switch PostgresMigrations.verdict(applied: applied) {
            case .newer:
                throw newer(url)
            case .missing(let steps) where !steps.isEmpty:
                throw StoreOpenError(
                    "the store at \(url) is older than this billtop (or empty); the writer upgrades it when it starts (`billtop store init-postgres` sets up a new one)"
                )
            case .missing:
                break
            }
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    /// The same refusal as a SQLite store written by a newer billtop (`StoreOpenError.newer`).
    static func newer(_ url: PostgresStoreURL) -> StoreOpenError {
        StoreOpenError(
            "the store at \(url) was written by a newer billtop; upgrade billtop, or point --store at a fresh database"
        )
    }

    public func close() async {
        let connection = current.withLock {
            $0.closed = true
            return $0.connection
        }
        try? await connection.close()
    }

    /// A store dropped without `close` (a caller that threw on the way) still closes its connection: PostgresNIO
    /// asserts that a connection is closed before it goes, and the close completes on its event loop, so the
    /// callback keeps the connection alive until then.
    deinit {
        let connection = self.connection
        connection.close().whenComplete { _ in _ = connection }
    }

    /// The names of the applied steps, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await appliedVersions().sorted { $0.version < $1.version }.map(\.name)
    }

    /// The version rows, or none when the bookkeeping table does not exist yet.
    func appliedVersions() async throws -> [(version: Int, name: String)] {
        try await serially("read its schema version") { connection in
            let exists = try await connection.query(
                "SELECT to_regclass('public.billtop_schema_version') IS NOT NULL", logger: PostgresConnector.silent)
            for try await present in exists.decode(Bool.self) where !present { return [] }
            let rows = try await connection.query(
                "SELECT version, name FROM billtop_schema_version", logger: PostgresConnector.silent)
            var applied: [(version: Int, name: String)] = []
            for try await (version, name) in rows.decode((Int, String).self) { applied.append((version, name)) }
            return applied
        }
    }

    /// Applies the missing steps of `all.prefix(count)` in one transaction under the migration lock.
    private func migrate(upTo count: Int) async throws {
        let url = self.url
        try await transaction("apply its migrations") { connection in
            try await Self.migrate(connection, url: url, upTo: count)
        }
    }

    /// The migration itself, inside the caller's transaction (`init-postgres --apply` runs it as the writer role).
    static func migrate(_ connection: PostgresConnection, url: PostgresStoreURL, upTo count: Int) async throws {
        let logger = PostgresConnector.silent
        try await connection.query(
            "SELECT pg_advisory_xact_lock(\(PostgresMigrations.migrationLockKey))", logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: PostgresMigrations.versionTable), logger: logger)
        let rows = try await connection.query("SELECT version, name FROM billtop_schema_version", logger: logger)
        var applied: [(version: Int, name: String)] = []
        for try await (version, name) in rows.decode((Int, String).self) { applied.append((version, name)) }
        guard case .missing(let steps) = PostgresMigrations.verdict(applied: applied) else { throw newer(url) }
        for index in steps where index < count {
            let step = PostgresMigrations.all[index]
            for statement in step.statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query(
                "INSERT INTO billtop_schema_version (version, name) VALUES (\(index + 1), \(step.name))",
                logger: logger)
        }
    }

    /// Runs `body` alone on the connection (a new one first when the server closed it and this store
    /// reconnects); a server error becomes one `PostgresStoreError` line.
    func serially<Value: Sendable>(
        _ doing: String, _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        let url = self.url
        return try await gate.run {
            sent.withLock { $0 = .now }
            defer { sent.withLock { $0 = nil } }
            do {
                return try await body(try await usableConnection())
            } catch let known as StoreOpenError { throw known } catch {
                throw PostgresStoreError.failed(doing, error, url: url)
            }
        }
    }

    /// The connection, replaced by a new one when the server closed it (only inside the gate: one task at a
    /// time). A failed reconnect throws, and the next use tries again. A closed connection is never handed out:
    /// PostgresNIO leaves a statement sent on one waiting forever (seen in a test) instead of failing it.
    private func usableConnection() async throws -> PostgresConnection {
        let (connection, closedByOwner) = current.withLock { ($0.connection, $0.closed) }
        guard !closedByOwner else { throw PostgresStoreError(message: "the store was closed", sqlState: nil) }
        guard connection.isClosed else { return connection }
        guard reconnects else {
            throw PostgresStoreError(message: "the server closed the connection", sqlState: nil)
        }
        let fresh = try await PostgresConnector.connect(url)
        let kept = current.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.connection = fresh
            return true
        }
        guard kept else {
            // Closed by its owner meanwhile: the old connection is closed too, so no statement may go out.
            try? await fresh.close()
            throw PostgresStoreError(message: "the store was closed", sqlState: nil)
        }
        return fresh
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<Value: Sendable>(
        _ doing: String, _ body: @Sendable (PostgresConnection) async throws -> Value
    ) async throws -> Value {
        try await serially(doing) { connection in
            let logger = PostgresConnector.silent
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}
