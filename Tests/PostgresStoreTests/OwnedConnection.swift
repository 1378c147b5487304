import NIOCore
import PostgresNIO

/// A test's own PostgresNIO connection, closed when the test lets go of it, even when the test threw first
/// (PostgresNIO asserts that a connection was closed before it is freed).
final class OwnedConnection: Sendable {
    let raw: PostgresConnection

    init(_ raw: PostgresConnection) { self.raw = raw }

    deinit {
        let connection = raw
        connection.close().whenComplete { _ in _ = connection }
    }
}
