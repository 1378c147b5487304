import BillingCore
import BillingStore
import BillingSync
import Foundation

/// Which store a command uses (issue 18), decided here and nowhere else: `--store URL|PATH`, else
/// `$BILLTOP_STORE`, else config.toml's top-level `store = "..."`, else `--db PATH` or the default SQLite file.
/// A password may come only from `$BILLTOP_STORE` or `$PGPASSWORD`: on a command line every user of the machine
/// sees it in `ps`, and config.toml holds no secrets.
enum StoreChoice: Equatable {
    case sqlite(path: String)
    case postgres(PostgresStoreURL, origin: Origin)

    /// Where the choice came from, so a refusal names what to change and exits with the right status.
    enum Origin: Equatable {
        case flag
        case environment
        case config(path: String)

        var label: String {
            switch self {
            case .flag: "--store"
            case .environment: "BILLTOP_STORE"
            case .config(let path): "the store setting of \(TextSanitizer.clean(path))"
            }
        }

        /// A wrong --store is a usage error (64); a wrong variable or config line is a configuration error (78).
        var status: ExitStatus { self == .flag ? .usage : .config }
    }

    static func resolve(
        store: String?, db: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> StoreChoice {
        if let store {
            if db != nil { throw CommandFailure("choose one of --store and --db", status: .usage) }
            return try choice(store, origin: .flag, environment: environment)
        }
        if db == nil {
            if let variable = environment["BILLTOP_STORE"], !variable.isEmpty {
                return try choice(variable, origin: .environment, environment: environment)
            }
            let configPath = ConfigLoader.defaultPath(environment: environment)
            if let setting = try ConfigLoader.storeSetting(path: configPath) {
                return try choice(setting, origin: .config(path: configPath), environment: environment)
            }
        }
        return .sqlite(path: db ?? BillingStore.defaultPath(environment: environment))
    }

    private static func choice(_ text: String, origin: Origin, environment: [String: String]) throws -> StoreChoice {
        guard PostgresStoreURL.isPostgres(text) else { return .sqlite(path: text) }
        var url: PostgresStoreURL
        do { url = try PostgresStoreURL.parse(text) } catch {
            throw CommandFailure("\(origin.label): \(error.message)", status: origin.status)
        }
        if url.hasPassword, origin != .environment {
            throw CommandFailure(
                "\(origin.label): the URL holds a password, which \(origin == .flag ? "ps shows to every user" : "config.toml must not hold"); drop it from the URL and set PGPASSWORD (or put the whole URL in BILLTOP_STORE)",
                status: origin.status)
        }
        if !url.hasPassword, let password = environment["PGPASSWORD"], !password.isEmpty {
            url = url.with(user: url.user, password: password)
        }
        return .postgres(url, origin: origin)
    }

    /// The SQLite file of a command that cannot use a PostgreSQL store yet; a PostgreSQL choice is refused in
    /// one line that names where it came from and how to get the SQLite store.
    static func sqlitePath(
        store: String? = nil, db: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> String {
        switch try resolve(store: store, db: db, environment: environment) {
        case .sqlite(let path):
            return path
        case .postgres(let url, let origin):
            throw CommandFailure(
                "this command cannot use a PostgreSQL store yet (\(url), from \(origin.label)); pass --db PATH for a SQLite store\(origin == .flag ? "" : ", or unset \(origin == .environment ? "BILLTOP_STORE" : "the config's store line")")",
                status: origin.status)
        }
    }
}
