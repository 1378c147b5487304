import GRDB

/// The writer connection's page cache, checkpoint interval and WAL size limit: `idle` outside a sync, `sync`
/// for the length of one (`BillingStore.beginSyncWrites()`).
///
/// Why the sync values (DECISIONS.md "The writer during a sync", session 5, and "Session 6"):
/// - a 64 MiB cache: with SQLite's 2 MB most index leaves an insert needed were read back with `pread`;
/// - a checkpoint every 65,536 WAL frames (256 MiB of 4 KiB pages): a checkpoint copies each page once
///   however often the WAL rewrote it, and at 100k customers the random-keyed invoice indexes rewrite the same
///   leaves many times per interval (16,384 frames cost ~23 µs more per invoice);
/// - a WAL size limit of one such interval (frames of 4 KiB + 24-byte header, and the file header): SQLite cuts
///   the WAL to the limit at the first commit after each restart, and with 64 MiB the 270 MB file was cut and
///   regrown every interval, the growth making ext4 zero and allocate blocks on the writer's thread (~8% of its
///   samples at 10k customers, `perf`).
public struct WriterSettings: Equatable, Sendable {
    /// SQLite's `cache_size` (negative: KiB).
    public var cacheSize: Int
    /// `wal_autocheckpoint`, in frames.
    public var autocheckpoint: Int
    /// `journal_size_limit`, in bytes: what the WAL file keeps when it restarts.
    public var walSizeLimit: Int

    /// SQLite's defaults for cache and checkpoints, and a 64 MiB WAL: a dashboard that is not syncing stays small.
    public static let idle = WriterSettings(cacheSize: -2_000, autocheckpoint: 1_000, walSizeLimit: 67_108_864)
    /// While a sync writes.
    public static let sync = WriterSettings(
        cacheSize: -65_536, autocheckpoint: 65_536, walSizeLimit: 65_536 * (4_096 + 24) + 32)

    /// Sets all three on `db` (the writer connection).
    func apply(_ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(autocheckpoint)")
        try db.execute(sql: "PRAGMA journal_size_limit = \(walSizeLimit)")
    }

    /// What `db` has now.
    static func current(_ db: Database) throws -> WriterSettings {
        WriterSettings(
            cacheSize: try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0,
            autocheckpoint: try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0,
            walSizeLimit: try Int.fetchOne(db, sql: "PRAGMA journal_size_limit") ?? 0)
    }
}
