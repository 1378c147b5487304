import GRDB

/// The metrics aggregates' tables (migration `v1-metrics`), rebuilt by `AggregateRefresher` after each sync.
enum MetricsTables {
    /// Aggregates the panes read without scanning, rebuilt by `AggregateRefresher` after each sync.
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Daily MRR per customer and currency as change points: the value holds from day until the next row.
                CREATE TABLE metrics_mrr_point (
                    source_id INTEGER NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    day INTEGER NOT NULL,            -- days since 1970-01-01
                    mrr_minor INTEGER NOT NULL,
                    PRIMARY KEY (source_id, customer_remote_id, currency, day)
                ) WITHOUT ROWID;

                -- Every movement (new, reactivation, expansion, contraction, churn) on the day it happened.
                CREATE TABLE metrics_movement (
                    source_id INTEGER NOT NULL,
                    day INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    amount_minor INTEGER NOT NULL
                );
                CREATE INDEX metrics_movement_by_day ON metrics_movement (source_id, day, currency, kind, amount_minor);

                -- Company MRR per currency on each day of the history (for trends and bridge start/end).
                CREATE TABLE metrics_company_day (
                    source_id INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    day INTEGER NOT NULL,
                    mrr_minor INTEGER NOT NULL,
                    paying_customers INTEGER NOT NULL,
                    PRIMARY KEY (source_id, currency, day)
                ) WITHOUT ROWID;

                -- Per customer and currency, as of the refresh: the customers pane's MRR and overdue columns.
                CREATE TABLE metrics_customer (
                    source_id INTEGER NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    mrr_minor INTEGER NOT NULL,
                    usage_minor INTEGER NOT NULL,
                    overdue_minor INTEGER NOT NULL,
                    oldest_overdue_day INTEGER,
                    PRIMARY KEY (source_id, customer_remote_id, currency)
                ) WITHOUT ROWID;
                CREATE INDEX metrics_customer_by_mrr ON metrics_customer (source_id, currency, mrr_minor DESC);
                CREATE INDEX metrics_customer_by_overdue ON metrics_customer (source_id, overdue_minor DESC);

                -- Aging buckets per currency as of the refresh day.
                CREATE TABLE metrics_aging (
                    source_id INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    bucket TEXT NOT NULL,
                    amount_minor INTEGER NOT NULL,
                    invoices INTEGER NOT NULL,
                    PRIMARY KEY (source_id, currency, bucket)
                ) WITHOUT ROWID;

                -- Dunning alerts in display order (rank), each as JSON of BillingCore's DunningAlert.
                CREATE TABLE metrics_alert (
                    source_id INTEGER NOT NULL,
                    rank INTEGER NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    money_at_risk_minor INTEGER NOT NULL,
                    alert TEXT NOT NULL,
                    PRIMARY KEY (source_id, rank)
                ) WITHOUT ROWID;

                -- Per-currency figures shown beside MRR, and what the figures were computed from.
                CREATE TABLE metrics_currency (
                    source_id INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    usage_minor INTEGER NOT NULL,
                    scheduled_churn_minor INTEGER NOT NULL,
                    open_receivable_minor INTEGER NOT NULL,
                    mrr_at_risk_minor INTEGER NOT NULL,
                    PRIMARY KEY (source_id, currency)
                ) WITHOUT ROWID;
                CREATE TABLE metrics_refresh (
                    source_id INTEGER PRIMARY KEY,
                    as_of INTEGER NOT NULL,          -- days since epoch
                    history_from INTEGER NOT NULL,
                    basis TEXT NOT NULL,
                    refreshed_at INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL
                );
                """)
    }
}
