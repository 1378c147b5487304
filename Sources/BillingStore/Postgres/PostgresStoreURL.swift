import BillingCore

/// Where a team's PostgreSQL store is: `postgres://user[:password]@host[:port]/database[?sslmode=MODE]`.
///
/// The password never leaves this value as text: `description`, `debugDescription` and the mirror `dump` walks
/// all show `***` in its place, and a parse error never repeats the input (it may hold the password). Only the
/// engine's connector, in this module, reads `password`.
public struct PostgresStoreURL: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// How the connection is encrypted. `require` encrypts without checking the server's certificate, as libpq's
    /// mode of that name does; `verifyFull` also checks the certificate against the system's roots and the host.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable
        case require
        case verifyFull = "verify-full"
    }

    /// Why a string is not a store URL: one line that says what to write instead, never the string itself.
    public struct Invalid: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    public let user: String
    let password: String?
    public let host: String
    public let port: Int
    public let database: String
    public let tls: TLSMode

    /// Whether the URL carries a password (the connector sends it; nothing prints it).
    public var hasPassword: Bool { password != nil }

    public init(
        user: String, password: String? = nil, host: String, port: Int = 5432, database: String, tls: TLSMode
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// The same server and credentials, another database (`init-postgres --apply` creates one from `postgres`).
    public func with(database: String) -> PostgresStoreURL {
        PostgresStoreURL(user: user, password: password, host: host, port: port, database: database, tls: tls)
    }

    /// The same server and database as another role with no password (`psql` prompts for it).
    public func with(user: String, password: String? = nil) -> PostgresStoreURL {
        PostgresStoreURL(user: user, password: password, host: host, port: port, database: database, tls: tls)
    }

    /// `postgres://user:***@host:port/database?sslmode=MODE`, sanitised: safe for a screen, a log or an error.
    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let secret = password == nil ? "" : ":***"
        return TextSanitizer.clean(
            "postgres://\(user)\(secret)@\(hostPart):\(port)/\(database)?sslmode=\(tls.rawValue)")
    }

    public var debugDescription: String { description }

    /// `host:port/database` with no user or password: names a team store in a viewer's messages and its copy's
    /// file name.
    public var location: String {
        TextSanitizer.clean("\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)")
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["url": description], displayStyle: .struct)
    }

    /// Whether the host is this machine (no TLS is needed to cross no network).
    public var isLoopback: Bool { Self.isLoopbackHost(host) }
}
