import GRDB

/// Giving a store's free pages back to the disk (`billtop store compact`).
extension BillingStore {
    /// The file's pages: how many, and how many are free.
    public func space() throws -> StoreSpace {
        try pool.read { db in
            StoreSpace(
                pageSize: try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                pages: try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                freePages: try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0)
        }
    }

    /// Rewrites the file without its free pages (`VACUUM`), then empties the write-ahead log, which the rewrite
    /// filled with the whole database. All or nothing: a full disk or a failure midway leaves the store as it
    /// was. Other processes may keep reading meanwhile; a writer waits for it (the busy timeout) or is refused.
    public func compact() throws {
        try pool.writeWithoutTransaction { db in
            // The rewrite builds the new database as a temporary one first: on disk (SQLITE_TMPDIR, else /var/tmp
            // or /tmp), not in memory as the store's other temporary work is, where a 5 GB copy took 830 MB.
            try db.execute(sql: "PRAGMA temp_store = FILE")
            defer { try? db.execute(sql: "PRAGMA temp_store = MEMORY") }
            try db.execute(sql: "VACUUM")
            try db.checkpoint(.truncate)
        }
    }
}
