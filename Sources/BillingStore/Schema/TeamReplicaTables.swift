import GRDB

/// Where a viewer's copy of a team store stands (migration `v12-team-replica`, issue 18): one row, written only
/// in a copy (`TeamReplica`); a store filled by its own fetcher has none.
enum TeamReplicaTables {
    static let name = "v12-team-replica"

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE team_replica (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    identity TEXT NOT NULL,          -- the team store's creation time: another store is not caught up
                    origin TEXT NOT NULL,            -- host, port and database, never a user or password
                    applied_seq INTEGER NOT NULL,    -- every change up to this number is in the copy
                    cursors TEXT NOT NULL,           -- JSON: per table, the last row applied (seq, id)
                    log_id INTEGER NOT NULL,         -- the last sync_log line copied
                    updated_at INTEGER NOT NULL
                )
                """)
        // A table of its own: the aggregates are as they were.
        try MetricsStillCurrent.carry(db, through: name)
    }
}
