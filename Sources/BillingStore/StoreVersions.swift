import GRDB

/// The store's schema version and the SQLite it runs on, for `billtop version` (only this target talks SQL).
public enum StoreVersions {
    /// The last migration's identifier: a store written by this billtop holds it in `grdb_migrations`.
    public static var schema: String { StoreMigrations.all.last?.name ?? "none" }

    /// The SQLite library the process loaded, as `sqlite_version()` says; "unknown" if it cannot be asked.
    public static var sqlite: String {
        let queue = try? DatabaseQueue()
        return (try? queue?.read { try String.fetchOne($0, sql: "SELECT sqlite_version()") }) ?? "unknown"
    }
}
