import BillingCore
import Foundation
import GRDB
import Synchronization

/// The local SQLite copy of every source's billing data: one file, WAL, many readers, one writer.
///
/// Readers (the dashboard, the read commands, metrics) call the `BillingStore` read methods; the fetcher
/// writes pages with `apply(_:)`. All methods are synchronous and thread-safe; call them off the UI loop.
public final class BillingStore: Sendable {
    /// The GRDB pool, for areas that add their own queries (metrics aggregates). Prefer the methods.
    public let pool: DatabasePool
    /// The file path the store was opened at.
    public let path: String
    /// Sync runs now writing (see `beginSyncWrites()`).
    let syncWriters = Mutex<Int>(0)
    /// The files and directory this open made private because others could use them, one line each: a
    /// command writes them to the log (never the screen); the next open finds nothing to say.
    public let tightened: [String]
    /// Opened read-only (`openForReading` on a file or disk billtop cannot write): reads work, writes throw.
    public let isReadOnly: Bool

    init(pool: DatabasePool, path: String, tightened: [String] = [], isReadOnly: Bool = false) {
        self.pool = pool
        self.path = path
        self.tightened = tightened
        self.isReadOnly = isReadOnly
    }

    /// Opens (creating if needed) the store at `path` and runs pending migrations. `upgrading` hears one line
    /// before a store written by an older billtop is upgraded: some steps rewrite every customer (about 9 s at
    /// 100k customers for `v14-customer-initials`), and a terminal that says nothing meanwhile looks hung.
    public static func open(path: String, upgrading: ((String) -> Void)? = nil) throws -> BillingStore {
        try open(path: path, migrationCount: StoreMigrations.all.count, upgrading: upgrading)
    }

    /// Opens a store, applying only the first `migrationCount` migrations (for upgrade tests).
    public static func open(
        path: String, migrationCount: Int, upgrading: ((String) -> Void)? = nil
    ) throws -> BillingStore {
        // Private (0600 in a 0700 directory) before SQLite creates anything; not a FIFO or a device.
        let tightened = try StoreFile.prepare(path, environment: ProcessInfo.processInfo.environment)
        // Every failure becomes one line naming the file and the way out (StoreOpenError), never a trap.
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            let migrator = StoreMigrations.migrator(upTo: migrationCount)
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) { throw StoreOpenError.newer(path: path) }
            if let upgrading {
                let applied = try pool.read { try migrator.appliedIdentifiers($0) }.count
                let pending = min(migrationCount, StoreMigrations.all.count) - applied
                if applied > 0 && pending > 0 {
                    upgrading(
                        "upgrading the store at \(path) for this billtop (\(pending) step\(pending == 1 ? "" : "s"), once)"
                    )
                }
            }
            try migrator.migrate(pool)
            return BillingStore(pool: pool, path: path, tightened: tightened)
        } catch {
            throw StoreOpenError.explain(error, path: path)
        }
    }

    /// The default file: `$XDG_DATA_HOME/billtop/billtop.sqlite` (or `~/.local/share/billtop/...`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/share")
        return base + "/billtop/billtop.sqlite"
    }

    static func configuration() -> Configuration {
        var config = Configuration()
        // A sync writer and the UI share the file; waiting a little beats failing with SQLITE_BUSY.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // WAL + NORMAL: durable at checkpoints, and a crash can lose only the last commits, never corrupt.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA journal_size_limit = \(WriterSettings.idle.walSizeLimit)")
            if !db.configuration.readonly {
                // The writer's statement journals stay in memory: every upsert with triggers opens one, and on
                // disk they were 84% of a sync's pwrite64 calls (331k of 395k at 1,000 customers; DECISIONS.md).
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
            }
        }
        return config
    }

    /// Names of the migrations applied to this file, in order.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try StoreMigrations.migrator().appliedMigrations(db) }
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    // MARK: Sources

    /// Registers a source by name (or updates its URL/account) and returns it with its id.
    @discardableResult
    public func registerSource(name: String, kind: String, baseURL: String, account: String = "") throws -> SourceInfo {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO source (name, kind, base_url, account, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, base_url = excluded.base_url,
                        account = excluded.account
                    """,
                arguments: [name, kind, baseURL, account, Int64(Date().timeIntervalSince1970)])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE name = ?", arguments: [name]) ?? 0
            return SourceInfo(id: id, name: name, kind: kind, baseURL: baseURL, account: account)
        }
    }

    /// Every registered source, by name.
    public func sources() throws -> [SourceInfo] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, kind, base_url, account FROM source ORDER BY name").map {
                SourceInfo(
                    id: $0["id"], name: $0["name"], kind: $0["kind"], baseURL: $0["base_url"], account: $0["account"])
            }
        }
    }

    /// The source called `name`, if registered.
    public func source(named name: String) throws -> SourceInfo? {
        try sources().first { $0.name == name }
    }
}
