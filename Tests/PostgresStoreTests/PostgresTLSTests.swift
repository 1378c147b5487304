import PostgresNIO
import Testing

@testable import BillingStore

/// `sslmode` on a server that offers TLS with a self-signed certificate: `require` encrypts, `disable` does not,
/// and `verify-full` refuses a certificate no trusted authority signed, in one line, rather than connect.
@Suite struct PostgresTLSTests {
    /// Whether the store's own connection is encrypted, as the server sees it.
    static func encrypted(_ store: PostgresStore) async throws -> Bool {
        try await store.serially("read pg_stat_ssl") { connection in
            let rows = try await connection.query(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: PostgresConnector.silent)
            for try await ssl in rows.decode(Bool.self) { return ssl }
            return false
        }
    }

    @Test func requireEncryptsAndDisableDoesNot() async throws {
        let plain = try await PostgresTestCluster.shared().database("tls")
        let required = PostgresStoreURL(
            user: plain.user, password: try PostgresTestCluster.shared().password, host: plain.host, port: plain.port,
            database: plain.database, tls: .require)
        let encryptedStore = try await PostgresStore.open(required)
        #expect(try await Self.encrypted(encryptedStore))
        await encryptedStore.close()
        let clearStore = try await PostgresStore.open(plain)
        #expect(try await !Self.encrypted(clearStore))
        await clearStore.close()
    }

    @Test func verifyFullRefusesAnUntrustedCertificate() async throws {
        let plain = try await PostgresTestCluster.shared().database("verify")
        let verified = PostgresStoreURL(
            user: plain.user, password: try PostgresTestCluster.shared().password, host: plain.host, port: plain.port,
            database: plain.database, tls: .verifyFull)
        await #expect {
            _ = try await PostgresStore.open(verified)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("cannot reach the PostgreSQL store at postgres://billtop_admin:***@127.0.0.1:")
                && message.contains("sslmode=verify-full") && !message.contains("\n")
        }
    }
}
