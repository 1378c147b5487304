import BillingCore
import Logging
import NIOSSL
import PostgresNIO

/// Opens connections to the store a `PostgresStoreURL` names: the only place its password is read.
enum PostgresConnector {
    /// A logger that drops everything: PostgresNIO logs queries and their binds at debug level, and a bind can
    /// be a customer's e-mail; billtop's own log says what happened in its own words.
    static let silent = Logger(label: "billtop.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects, or throws one line naming the redacted URL and the way out.
    /// PostgresNIO gives up on a server that does not answer after its default 10 seconds.
    static func connect(_ url: PostgresStoreURL) async throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database,
            tls: try tls(url))
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: silent)
        } catch {
            throw PostgresStoreError.explain(error, url: url)
        }
    }

    /// `require` encrypts and checks nothing (libpq's meaning); `verify-full` checks the chain and the host name.
    private static func tls(_ url: PostgresStoreURL) throws -> PostgresConnection.Configuration.TLS {
        switch url.tls {
        case .disable:
            return .disable
        case .require, .verifyFull:
            var settings = TLSConfiguration.makeClientConfiguration()
            if url.tls == .require { settings.certificateVerification = .none }
            do {
                return .require(try NIOSSLContext(configuration: settings))
            } catch {
                throw StoreOpenError("cannot set up TLS for \(url): \(TextSanitizer.clean(String(describing: error)))")
            }
        }
    }
}
