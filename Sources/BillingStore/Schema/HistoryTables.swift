import GRDB

/// MRR history as it happened (issue 21, migration `v9-mrr-observed-history`): the versions of each
/// subscription billtop saw at syncs, and the basis label of each month of the computed history.
enum HistoryTables {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                -- A subscription's MRR inputs as a sync saw them, kept when a later sync brought a version that
                -- charges differently. It held from `from_at` (the provider's updated_at, seconds) until the next
                -- version; rows are inserted once and never rewritten (a re-sync that sees the same version adds
                -- nothing, one that sees an older version is ignored).
                CREATE TABLE subscription_observation (
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    subscription_remote_id TEXT NOT NULL,
                    from_at INTEGER NOT NULL,
                    replaced_at INTEGER NOT NULL,
                    version TEXT NOT NULL,            -- the Subscription as JSON, card and balance left out
                    PRIMARY KEY (source_id, subscription_remote_id, from_at)
                ) WITHOUT ROWID;

                -- Per month of the aggregates' history: the weakest basis of any subscription that counted.
                CREATE TABLE metrics_month_basis (
                    source_id INTEGER NOT NULL,
                    month INTEGER NOT NULL,           -- the month's first day, days since 1970-01-01
                    basis TEXT NOT NULL,
                    PRIMARY KEY (source_id, month)
                ) WITHOUT ROWID;
                """)
    }
}
