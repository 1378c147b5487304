import BillingStore
import Logging
import PostgresNIO

/// Plain SQL on the test cluster through PostgresNIO itself, outside billtop's store: to create databases and
/// set passwords as the superuser, and to act as a viewer's own SQL client would (so a refusal seen here is the
/// database's, not billtop's).
enum AdminSQL {
    static let logger = Logger(label: "test.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects as `user` with `password` to `database` on the shared cluster.
    static func connect(user: String, password: String?, database: String) async throws -> OwnedConnection {
        let cluster = try PostgresTestCluster.shared()
        let configuration = PostgresConnection.Configuration(
            host: "127.0.0.1", port: cluster.port, username: user, password: password, database: database,
            tls: .disable)
        return OwnedConnection(
            try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger))
    }

    /// Runs statements as the superuser in `url`'s database.
    static func execute(_ url: PostgresStoreURL, _ statements: [String]) async throws {
        let cluster = try PostgresTestCluster.shared()
        let connection = try await connect(
            user: PostgresTestCluster.superuser, password: cluster.password, database: url.database)
        for statement in statements {
            try await connection.raw.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// The SQLSTATE a statement failed with, or nil when it succeeded.
    static func sqlState(of statement: String, on connection: PostgresConnection) async -> String? {
        do {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            return nil
        } catch let error as PSQLError {
            return error.serverInfo?[.sqlState] ?? "no server state (\(error.code))"
        } catch {
            return "\(type(of: error))"
        }
    }
}
