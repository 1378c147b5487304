import GRDB
import Synchronization

/// The writer's settings while a sync runs (`WriterSettings.sync`, and why).
///
/// They are set for the run only, so a dashboard that is not syncing keeps its small footprint. `bench write
/// --customers 5000`: 10.6 s CPU and 15.8 s of commits with the defaults, 7.7 s and 9.3 s with session 5's
/// (DECISIONS.md "The writer during a sync").
extension BillingStore {
    /// Gives the writer `WriterSettings.sync` until the matching `endSyncWrites()`.
    /// Nested calls (two runners on one store) are counted; only the first applies the settings.
    public func beginSyncWrites() {
        let first = syncWriters.withLock { count in
            count += 1
            return count == 1
        }
        guard first else { return }
        try? pool.writeWithoutTransaction { db in try WriterSettings.sync.apply(db) }
    }

    /// Restores `WriterSettings.idle`, frees the writer's cache and checkpoints what the longer WAL held.
    public func endSyncWrites() {
        let last = syncWriters.withLock { count in
            count = max(0, count - 1)
            return count == 0
        }
        guard last else { return }
        try? pool.writeWithoutTransaction { db in
            try WriterSettings.idle.apply(db)
            try db.execute(sql: "PRAGMA shrink_memory")
            // PASSIVE: never waits for a reader; what it cannot copy now the next commits' checkpoints will.
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)")
        }
    }

    /// The writer's settings now (for tests).
    public func writerSettings() throws -> WriterSettings {
        try pool.writeWithoutTransaction { db in try WriterSettings.current(db) }
    }
}
