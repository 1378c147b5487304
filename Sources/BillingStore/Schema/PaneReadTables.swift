import GRDB

/// What the dashboard's panes read instead of counting, summing or seeking at every read (migration
/// `v12-pane-reads`, issue 22 point 4): at 1M customers the MRR pane summed the month's 208k movements, the
/// dunning pane counted 258k alerts and fetched its first 500 from as many scattered table pages, and the
/// customers pane counted 1M rows, each on every read.
enum PaneReadTables {
    static let name = "v12-pane-reads"

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Movements per day, currency and kind (`KeptTotals.movementDays`), moved by both refreshes.
                CREATE TABLE metrics_movement_day (
                    source_id INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    amount_minor INTEGER NOT NULL,
                    movements INTEGER NOT NULL,
                    PRIMARY KEY (source_id, day, currency, kind)
                ) WITHOUT ROWID;

                -- Dunning alerts per currency (`KeptTotals.alertCounts`), moved by both refreshes.
                CREATE TABLE metrics_alert_count (
                    source_id INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    alerts INTEGER NOT NULL,
                    PRIMARY KEY (source_id, currency)
                ) WITHOUT ROWID;

                -- How many rows `dash_customer_row` holds, kept by its own triggers (the table is written only by
                -- the customer table's triggers, with plain inserts and deletes, so no REPLACE skips these).
                CREATE TABLE dash_customer_row_count (
                    id INTEGER PRIMARY KEY CHECK (id = 0),
                    customers INTEGER NOT NULL
                );
                INSERT INTO dash_customer_row_count VALUES (0, (SELECT count(*) FROM dash_customer_row));
                CREATE TRIGGER dash_customer_row_counted AFTER INSERT ON dash_customer_row BEGIN
                    UPDATE dash_customer_row_count SET customers = customers + 1 WHERE id = 0;
                END;
                CREATE TRIGGER dash_customer_row_uncounted AFTER DELETE ON dash_customer_row BEGIN
                    UPDATE dash_customer_row_count SET customers = customers - 1 WHERE id = 0;
                END;

                -- The alert order's index carries each alert, so the dunning pane's first alerts are read from a few
                -- adjacent index pages instead of one table page each (cold, 500 random reads were 120 ms at 1M).
                DROP INDEX metrics_alert_in_currency;
                CREATE INDEX metrics_alert_in_currency ON metrics_alert
                    (source_id, currency, money_at_risk_minor DESC, days_overdue DESC, customer_remote_id, alert);
                """)
        try KeptTotals.fill(db, KeptTotals.movementDays)
        try KeptTotals.fill(db, KeptTotals.alertCounts)
        // The totals were just filled from the stored aggregates, which stay as they were: a refresh written
        // under the step before this one is still current, so it need not be recomputed whole (at 1M customers
        // that is minutes and gigabytes) only because this step was added.
        try MetricsStillCurrent.carry(db, through: name)
    }
}
