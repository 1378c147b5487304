import GRDB

/// The customers pane's sort keys per live customer (`dash_customer_row`, migration
/// `v2-dashperf-customer-rows`) and which aggregate refresh they were computed from
/// (`dash_customer_row_refresh`). `CustomerRows` reads and refreshes them.
enum CustomerRowTables {
    /// One row per live customer with every sort key of the customers pane, one index per sort, so each sort
    /// is an index walk at any size. Membership and the name are kept by triggers (a customer synced a moment
    /// ago is listed at once); state rank, MRR and overdue are written after each aggregate refresh.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dash_customer_row (
                    customer_id INTEGER PRIMARY KEY,     -- customer.id
                    source_id INTEGER NOT NULL,
                    source_name TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    sort_name TEXT NOT NULL,
                    state_rank INTEGER NOT NULL DEFAULT 9,  -- RowOrder.stateRank of the customer's telling state
                    mrr_face INTEGER NOT NULL DEFAULT 0,    -- RowOrder.faceValue of its MRR totals
                    overdue_face INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX dash_customer_row_by_name ON dash_customer_row (sort_name, source_name, remote_id);
                CREATE INDEX dash_customer_row_by_mrr ON dash_customer_row (mrr_face DESC, source_name, remote_id);
                CREATE INDEX dash_customer_row_by_overdue ON dash_customer_row (overdue_face DESC, source_name, remote_id);
                CREATE INDEX dash_customer_row_by_state ON dash_customer_row (state_rank, source_name, remote_id);
                CREATE INDEX dash_customer_row_by_source ON dash_customer_row (source_id, remote_id);

                -- Which aggregate refresh the ranks and amounts were computed from.
                CREATE TABLE dash_customer_row_refresh (
                    source_id INTEGER PRIMARY KEY,
                    metrics_refreshed_at INTEGER NOT NULL,
                    metrics_as_of INTEGER NOT NULL
                );

                INSERT INTO dash_customer_row (customer_id, source_id, source_name, remote_id, sort_name)
                SELECT c.id, c.source_id, s.name, c.remote_id, c.sort_name FROM customer c JOIN source s ON s.id = c.source_id
                WHERE c.deleted_at IS NULL;

                -- No OR IGNORE / OR REPLACE in these bodies: the fetcher's upsert (ON CONFLICT) would override them.
                CREATE TRIGGER dash_customer_row_insert AFTER INSERT ON customer WHEN new.deleted_at IS NULL BEGIN
                    DELETE FROM dash_customer_row WHERE customer_id = new.id;
                    INSERT INTO dash_customer_row (customer_id, source_id, source_name, remote_id, sort_name)
                    SELECT new.id, new.source_id, s.name, new.remote_id, new.sort_name FROM source s WHERE s.id = new.source_id;
                END;
                CREATE TRIGGER dash_customer_row_update AFTER UPDATE OF deleted_at, sort_name, remote_id ON customer BEGIN
                    DELETE FROM dash_customer_row WHERE customer_id = old.id AND new.deleted_at IS NOT NULL;
                    UPDATE dash_customer_row SET sort_name = new.sort_name, remote_id = new.remote_id
                    WHERE customer_id = new.id AND new.deleted_at IS NULL
                        AND (sort_name != new.sort_name OR remote_id != new.remote_id);
                    INSERT INTO dash_customer_row (customer_id, source_id, source_name, remote_id, sort_name)
                    SELECT new.id, new.source_id, s.name, new.remote_id, new.sort_name FROM source s
                    WHERE s.id = new.source_id AND new.deleted_at IS NULL
                        AND NOT EXISTS (SELECT 1 FROM dash_customer_row WHERE customer_id = new.id);
                END;
                CREATE TRIGGER dash_customer_row_delete AFTER DELETE ON customer BEGIN
                    DELETE FROM dash_customer_row WHERE customer_id = old.id;
                END;
                """)
    }
}
