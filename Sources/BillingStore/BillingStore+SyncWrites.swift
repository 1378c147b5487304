import GRDB

/// The writer's settings while a sync runs.
///
/// Why: a first sync inserts into a dozen random-keyed B-trees; with SQLite's default 2 MB page cache most
/// leaf pages were read back with `pread` before each insert, and a checkpoint every 1,000 WAL frames copied
/// the same hot index pages to the file again and again. `bench write --customers 5000`: 10.6 s CPU and
/// 15.8 s of commits with the defaults, 7.7 s and 9.3 s with these (DECISIONS.md "The writer during a sync").
/// They are set for the run only, so a dashboard that is not syncing keeps its small footprint.
extension BillingStore {
    /// The writer's page cache during a sync, in KiB (SQLite's negative `cache_size`).
    static let syncCacheKiB = 65_536
    /// WAL frames between automatic checkpoints during a sync (256 MiB of 4 KiB pages). A checkpoint copies
    /// each page once however often the WAL rewrote it, and at 100k customers the random-keyed invoice
    /// indexes rewrite the same leaves many times per interval: 16,384 frames cost ~23 µs more per invoice
    /// than this (DECISIONS.md "Session 6"). The WAL file stays one interval long during the sync
    /// (`syncWALSizeLimit`) and is cut back to `walSizeLimit` after it.
    static let syncCheckpointFrames = 65_536
    /// Bytes the WAL file keeps when it restarts (`journal_size_limit`), outside a sync.
    static let walSizeLimit = 67_108_864
    /// The same during a sync: one checkpoint interval of frames (4 KiB page + 24-byte header each) and the
    /// file header. SQLite truncates the WAL to the limit at the first commit after each restart; with 64 MiB
    /// the file was cut from 270 MB to 64 MiB and grown again every interval, and growing it made ext4 zero and
    /// allocate new blocks on the writer's thread (8% of its samples at 10k customers, `perf`). Kept at one
    /// interval, the same blocks are overwritten in place.
    static let syncWALSizeLimit = syncCheckpointFrames * (4_096 + 24) + 32

    /// Gives the writer a large page cache and longer WAL runs until the matching `endSyncWrites()`.
    /// Nested calls (two runners on one store) are counted; only the first applies the settings.
    public func beginSyncWrites() {
        let first = syncWriters.withLock { count in
            count += 1
            return count == 1
        }
        guard first else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Self.syncCacheKiB)")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Self.syncCheckpointFrames)")
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.syncWALSizeLimit)")
        }
    }

    /// Restores the writer's defaults, frees its cache and checkpoints what the longer WAL held.
    public func endSyncWrites() {
        let last = syncWriters.withLock { count in
            count = max(0, count - 1)
            return count == 0
        }
        guard last else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -2000")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimit)")
            try db.execute(sql: "PRAGMA shrink_memory")
            // PASSIVE: never waits for a reader; what it cannot copy now the next commits' checkpoints will.
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
        }
    }

    /// The writer's current `cache_size`, `wal_autocheckpoint` and `journal_size_limit` (for tests).
    public func writerSettings() throws -> (cacheSize: Int, autocheckpoint: Int, walSizeLimit: Int) {
        try pool.writeWithoutTransaction { db in
            (
                try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0, try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA journal_size_limit") ?? 0
            )
        }
    }
}
