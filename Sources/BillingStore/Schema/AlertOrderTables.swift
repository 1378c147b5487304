import GRDB

/// Dunning alerts ordered by two indexes instead of a stored dense rank (migration `v11-alert-order`, issue 22):
/// an incremental refresh deletes and inserts the changed customers' alerts only, where dense ranks moved most
/// of the 25k alert rows at 100k customers whenever a change reached the top of the list. `AlertOrder` reads
/// the order; `converted_minor` is the money at risk in the rate table's currency (NULL without a rate).
enum AlertOrderTables {
    static func create(_ db: Database) throws {
        // Only computed figures live here: the next refresh after any migration recomputes the whole source
        // (`metrics_refresh.schema_steps`) and fills the table again, so the old rows are dropped, not copied.
        try db.execute(
            sql: """
                DROP TABLE metrics_alert;
                CREATE TABLE metrics_alert (
                    source_id INTEGER NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    money_at_risk_minor INTEGER NOT NULL,
                    converted_minor INTEGER,
                    days_overdue INTEGER NOT NULL,   -- of the oldest overdue invoice, -1 when none is overdue
                    alert TEXT NOT NULL,             -- JSON of BillingCore's DunningAlert
                    PRIMARY KEY (source_id, customer_remote_id)
                ) WITHOUT ROWID;
                CREATE INDEX metrics_alert_in_currency ON metrics_alert
                    (source_id, currency, money_at_risk_minor DESC, days_overdue DESC, customer_remote_id);
                CREATE INDEX metrics_alert_converted ON metrics_alert
                    (source_id, converted_minor DESC, days_overdue DESC, customer_remote_id);
                """)
    }
}
