import GRDB

/// What an incremental aggregate refresh needs (issue 22, migration `v10-metrics-incremental`): which customers
/// changed since the aggregates were computed, and each customer's share of the company totals, so a sync that
/// changed 100 customers refreshes those 100 and moves the totals by difference instead of recomputing all.
///
/// The changed customers are recorded by triggers inside the transaction that changes their records (a page,
/// a tombstone, a reconcile, an action's write), so a crash between a page's commit and the refresh loses none:
/// the next refresh still finds them. The triggers record nothing before a source's first refresh (a first sync
/// is computed whole anyway), which keeps them to one primary-key probe per row there.
enum IncrementalMetricsTables {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                -- Customers whose records changed since the aggregates last saw them. `generation` is the source's
                -- data_generation when the change was written: a full recompute that read the records at a later
                -- generation removes the row, one that read before it leaves it for the next refresh.
                CREATE TABLE metrics_dirty_customer (
                    source_id INTEGER NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    generation INTEGER NOT NULL,
                    PRIMARY KEY (source_id, customer_remote_id)
                ) WITHOUT ROWID;

                -- One customer's part of a company figure: usage, scheduled churn, aging per bucket, MRR at risk,
                -- month bases (a bit per month) and product prices (for the price book), per currency.
                CREATE TABLE metrics_customer_share (
                    source_id INTEGER NOT NULL,
                    customer_remote_id TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    amount_minor INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    PRIMARY KEY (source_id, customer_remote_id, currency, kind, key)
                ) WITHOUT ROWID;
                CREATE INDEX metrics_customer_share_prices ON metrics_customer_share (source_id, key, currency)
                    WHERE kind = 'price';

                -- Per month and basis, how many customers had a version of that basis counting in the month.
                CREATE TABLE metrics_month_basis_count (
                    source_id INTEGER NOT NULL,
                    month INTEGER NOT NULL,
                    basis TEXT NOT NULL,
                    customers INTEGER NOT NULL,
                    PRIMARY KEY (source_id, month, basis)
                ) WITHOUT ROWID;

                -- How many customer parts make a currency's row (it exists while any does, as in a recompute).
                ALTER TABLE metrics_currency ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
                -- The alert order's tie-break, so alerts are re-ranked without decoding their JSON.
                ALTER TABLE metrics_alert ADD COLUMN days_overdue INTEGER NOT NULL DEFAULT -1;
                CREATE INDEX metrics_alert_by_customer ON metrics_alert (source_id, customer_remote_id);
                -- What a refresh's figures depend on besides the customers' own records (settings, history range,
                -- basis, the oldest event), and the schema they were written under: either moving means recompute.
                ALTER TABLE metrics_refresh ADD COLUMN inputs TEXT;
                ALTER TABLE metrics_refresh ADD COLUMN schema_steps INTEGER;
                """)
        for statement in triggers() { try db.execute(sql: statement) }
    }

    /// Marks `customer` (an SQL expression over NEW or OLD) of `source` changed, once a refresh has run. Two
    /// statements, not `INSERT OR REPLACE`: the conflict rule of the statement that fired a trigger (a page's
    /// upsert) overrides the trigger's own.
    static func mark(_ customer: String, source: String) -> String {
        """
        UPDATE metrics_dirty_customer SET generation = (SELECT data_generation FROM source WHERE id = \(source))
            WHERE source_id = \(source) AND customer_remote_id = \(customer);
        INSERT INTO metrics_dirty_customer (source_id, customer_remote_id, generation)
            SELECT \(source), \(customer), data_generation FROM source
            WHERE id = \(source) AND \(customer) IS NOT NULL
                AND EXISTS (SELECT 1 FROM metrics_refresh WHERE source_id = \(source))
                AND NOT EXISTS (SELECT 1 FROM metrics_dirty_customer
                    WHERE source_id = \(source) AND customer_remote_id = \(customer));
        """
    }

    /// The triggers on every table a customer's aggregates are computed from.
    static func triggers() -> [String] {
        var out: [String] = []
        // The subscription's customer: an event often names only its subscription.
        let owner = { (row: String) in
            "(SELECT customer_remote_id FROM subscription WHERE source_id = \(row).source_id AND remote_id = \(row).subscription_remote_id)"
        }
        let columns: [(table: String, customer: String)] = [
            ("customer", "remote_id"), ("subscription", "customer_remote_id"), ("invoice", "customer_remote_id"),
            ("event", "customer_remote_id"),
        ]
        for (table, customer) in columns {
            var onInsert = mark("NEW.\(customer)", source: "NEW.source_id")
            var onUpdate = onInsert + "\n" + mark("OLD.\(customer)", source: "OLD.source_id")
            let onDelete = mark("OLD.\(customer)", source: "OLD.source_id")
            if table == "event" {
                onInsert += "\n" + mark(owner("NEW"), source: "NEW.source_id")
                onUpdate += "\n" + mark(owner("NEW"), source: "NEW.source_id")
            }
            out.append("CREATE TRIGGER dirty_on_\(table)_insert AFTER INSERT ON \(table) BEGIN \(onInsert) END")
            out.append("CREATE TRIGGER dirty_on_\(table)_update AFTER UPDATE ON \(table) BEGIN \(onUpdate) END")
            out.append("CREATE TRIGGER dirty_on_\(table)_delete AFTER DELETE ON \(table) BEGIN \(onDelete) END")
        }
        return out
    }
}
