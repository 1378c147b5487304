import BillingCore
import PostgresNIO

/// What the PostgreSQL server refused, as one line: the server's own message (sanitised) and its SQLSTATE, so a
/// caller can tell a permission the database denied (`42501`) from a broken connection. Never the query's values:
/// PostgresNIO's own description of an error can hold them, so only the server's message and code are kept.
public struct PostgresStoreError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The server's five-character SQLSTATE, or nil when the error came from the connection, not the server.
    public let sqlState: String?
    public var description: String { message }

    /// The database refused the role this operation (`insufficient_privilege`).
    public var isPermissionDenied: Bool { sqlState == "42501" }

    init(message: String, sqlState: String?) {
        self.message = message
        self.sqlState = sqlState
    }

    /// The server's message and SQLSTATE of `error`, or the connection-level cause.
    static func serverReason(_ error: any Error) -> (text: String, sqlState: String?) {
        if let known = error as? PostgresStoreError { return (known.message, known.sqlState) }
        guard let psql = error as? PSQLError else { return (TextSanitizer.clean(String(describing: error)), nil) }
        if let info = psql.serverInfo, let message = info[.message] {
            return (TextSanitizer.clean(message), info[.sqlState])
        }
        // A connection-level cause (refused, TLS handshake) holds no query and no value: say what it was.
        let cause = psql.underlying.map { ": " + TextSanitizer.clean(String(describing: $0)).prefix(300) } ?? ""
        return ("the connection failed (\(psql.code)\(cause))", nil)
    }

    /// An error from a statement on an open store: what was being done, the server's reason. What was being done
    /// may name an id a provider sent (a GHL contact's, a note's), so it is sanitised here, for every caller.
    static func failed(_ doing: String, _ error: any Error, url: PostgresStoreURL) -> PostgresStoreError {
        if let known = error as? PostgresStoreError { return known }
        let reason = serverReason(error)
        return PostgresStoreError(
            message: "the store at \(url) refused to \(TextSanitizer.clean(doing)): \(reason.text)",
            sqlState: reason.sqlState)
    }

    /// Why a connection could not be opened, with the way out, as the SQLite store's open errors say it.
    static func explain(_ error: any Error, url: PostgresStoreURL) -> StoreOpenError {
        if let known = error as? StoreOpenError { return known }
        let reason = serverReason(error)
        switch reason.sqlState {
        case "28P01", "28000":
            return StoreOpenError(
                "the PostgreSQL server at \(url) refused the role '\(TextSanitizer.clean(url.user))': \(reason.text); check the user and password in the URL"
            )
        case "3D000":
            return StoreOpenError(
                "the PostgreSQL server at \(url) has no such database: create it with `billtop store init-postgres`")
        default:
            return StoreOpenError(
                "cannot reach the PostgreSQL store at \(url): \(reason.text); check that the server runs and the URL's host, port and sslmode"
            )
        }
    }
}
