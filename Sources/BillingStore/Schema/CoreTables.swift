import GRDB

/// The first release's tables (migration `v1-core`): customers, subscriptions, invoices with their lines and
/// payments, events, and the fetcher's bookkeeping (`sync_state`, `sync_seen`, `sync_log`).
enum CoreTables {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE source (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL,
                    base_url TEXT NOT NULL,
                    account TEXT NOT NULL DEFAULT '',
                    created_at INTEGER NOT NULL
                );
                CREATE TABLE customer (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    remote_id TEXT NOT NULL,
                    first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL,
                    organization TEXT NOT NULL, reference TEXT NOT NULL, phone TEXT NOT NULL,
                    city TEXT NOT NULL, country TEXT NOT NULL,
                    sort_name TEXT NOT NULL,
                    created_at INTEGER, updated_at INTEGER,
                    deleted_at INTEGER,
                    flags TEXT NOT NULL DEFAULT '',
                    raw TEXT NOT NULL,
                    UNIQUE (source_id, remote_id)
                );
                CREATE INDEX customer_by_name ON customer (sort_name, id);
                CREATE INDEX customer_by_updated ON customer (source_id, updated_at);

                CREATE TABLE subscription (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    remote_id TEXT NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    state TEXT NOT NULL, previous_state TEXT,
                    product_id TEXT NOT NULL, product_name TEXT NOT NULL, product_family TEXT NOT NULL,
                    currency TEXT NOT NULL, product_price_minor INTEGER NOT NULL, balance_minor INTEGER NOT NULL,
                    interval_count INTEGER NOT NULL, interval_unit TEXT NOT NULL,
                    collection_method TEXT NOT NULL,
                    card_type TEXT, card_masked TEXT, card_exp_month INTEGER, card_exp_year INTEGER,
                    current_period_started_at INTEGER, current_period_ends_at INTEGER, next_assessment_at INTEGER,
                    trial_ended_at INTEGER, activated_at INTEGER, canceled_at INTEGER,
                    cancel_at_end_of_period INTEGER NOT NULL, scheduled_cancellation_at INTEGER, on_hold_at INTEGER,
                    created_at INTEGER, updated_at INTEGER,
                    deleted_at INTEGER,
                    flags TEXT NOT NULL DEFAULT '',
                    raw TEXT NOT NULL,
                    UNIQUE (source_id, remote_id)
                );
                CREATE INDEX subscription_by_state ON subscription (source_id, state);
                CREATE INDEX subscription_by_customer ON subscription (source_id, customer_remote_id);

                CREATE TABLE subscription_component (
                    subscription_id INTEGER NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    component_id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
                    quantity TEXT NOT NULL, currency TEXT NOT NULL, unit_price_minor INTEGER NOT NULL,
                    enabled INTEGER NOT NULL,
                    PRIMARY KEY (subscription_id, position)
                ) WITHOUT ROWID;

                CREATE TABLE subscription_coupon (
                    subscription_id INTEGER NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    percentage TEXT, currency TEXT, amount_minor INTEGER,
                    recurring INTEGER NOT NULL, duration_periods INTEGER,
                    applied_at INTEGER, ends_at INTEGER,
                    PRIMARY KEY (subscription_id, position)
                ) WITHOUT ROWID;

                CREATE TABLE invoice (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    remote_id TEXT NOT NULL,
                    number TEXT NOT NULL,
                    customer_remote_id TEXT NOT NULL, subscription_remote_id TEXT,
                    status TEXT NOT NULL, currency TEXT NOT NULL,
                    issue_date TEXT, due_date TEXT, paid_date TEXT,
                    subtotal_minor INTEGER NOT NULL, discount_minor INTEGER NOT NULL, tax_minor INTEGER NOT NULL,
                    total_minor INTEGER NOT NULL, credit_minor INTEGER NOT NULL, paid_minor INTEGER NOT NULL,
                    refund_minor INTEGER NOT NULL, due_minor INTEGER NOT NULL,
                    product_name TEXT NOT NULL, memo TEXT NOT NULL,
                    -- 0 when money is still collectible (open first in lists), 1 otherwise.
                    open_rank INTEGER NOT NULL,
                    -- due_date, or '9999-12-31' when absent, so keyset comparisons never meet NULL.
                    due_sort TEXT NOT NULL,
                    issue_sort TEXT NOT NULL,
                    created_at INTEGER, updated_at INTEGER,
                    deleted_at INTEGER,
                    flags TEXT NOT NULL DEFAULT '',
                    raw TEXT NOT NULL,
                    UNIQUE (source_id, remote_id)
                );
                CREATE INDEX invoice_open_by_due ON invoice (open_rank, due_sort, id);
                CREATE INDEX invoice_by_customer ON invoice (source_id, customer_remote_id, issue_sort, id);
                CREATE INDEX invoice_by_issue ON invoice (issue_sort, id);
                CREATE INDEX invoice_by_subscription ON invoice (source_id, subscription_remote_id);

                CREATE TABLE invoice_line (
                    invoice_id INTEGER NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    remote_id TEXT NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
                    quantity TEXT NOT NULL, currency TEXT NOT NULL,
                    unit_price_minor INTEGER NOT NULL, subtotal_minor INTEGER NOT NULL, discount_minor INTEGER NOT NULL,
                    tax_minor INTEGER NOT NULL, total_minor INTEGER NOT NULL,
                    period_start TEXT, period_end TEXT, product_id TEXT, component_id TEXT,
                    kind TEXT NOT NULL, is_recurring INTEGER NOT NULL,
                    PRIMARY KEY (invoice_id, position)
                ) WITHOUT ROWID;

                CREATE TABLE invoice_payment (
                    invoice_id INTEGER NOT NULL REFERENCES invoice(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    remote_id TEXT NOT NULL, transaction_time INTEGER, memo TEXT NOT NULL, currency TEXT NOT NULL,
                    original_minor INTEGER NOT NULL, applied_minor INTEGER NOT NULL,
                    method TEXT NOT NULL, method_detail TEXT NOT NULL,
                    PRIMARY KEY (invoice_id, position)
                ) WITHOUT ROWID;

                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    remote_id INTEGER NOT NULL,
                    key TEXT NOT NULL, message TEXT NOT NULL,
                    subscription_remote_id TEXT, customer_remote_id TEXT,
                    created_at INTEGER,
                    data TEXT NOT NULL,
                    raw TEXT NOT NULL,
                    UNIQUE (source_id, remote_id)
                );
                CREATE INDEX event_by_subscription ON event (source_id, subscription_remote_id, remote_id);

                CREATE TABLE sync_state (
                    source_id INTEGER NOT NULL REFERENCES source(id),
                    stream TEXT NOT NULL,
                    phase TEXT NOT NULL,
                    run_started_at INTEGER,
                    window_start INTEGER, window_end INTEGER,
                    cursor TEXT, page INTEGER NOT NULL DEFAULT 0,
                    full_listing INTEGER NOT NULL DEFAULT 0,
                    high_water INTEGER,
                    last_completed_at INTEGER, last_full_at INTEGER,
                    records_this_run INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    updated_at INTEGER NOT NULL,
                    PRIMARY KEY (source_id, stream)
                ) WITHOUT ROWID;

                CREATE TABLE sync_seen (
                    source_id INTEGER NOT NULL,
                    stream TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    PRIMARY KEY (source_id, stream, remote_id)
                ) WITHOUT ROWID;

                CREATE TABLE sync_log (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER,
                    stream TEXT,
                    at INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    status INTEGER,
                    duration_ms INTEGER,
                    records INTEGER,
                    message TEXT NOT NULL
                );
                CREATE INDEX sync_log_by_time ON sync_log (at, id);
                """)
    }

    /// Indexes no query reads (session 4 audit, DECISIONS.md "Sync write path"): nothing filters or sorts
    /// customers by `updated_at`, subscriptions by `state` or invoices by subscription, so these only cost
    /// every sync write a B-tree insert on a random key. A later query that needs one adds it back.
    static func dropUnreadIndexes(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX IF EXISTS customer_by_updated;
                DROP INDEX IF EXISTS subscription_by_state;
                DROP INDEX IF EXISTS invoice_by_subscription;
                """)
    }
}
