import GRDB

/// The dashboard's read-model tables (owned by the dashboard performance area), appended after the metrics
/// steps. Append only; every name carries `dashperf` so parallel additions merge cleanly.
enum DashperfMigrations {
    static var steps: [StoreMigrations.Step] {
        [
            StoreMigrations.Step("v2-dashperf-customer-rows", createCustomerRows),
            StoreMigrations.Step("v2-dashperf-invoice-sums", createInvoiceSums),
        ]
    }

    /// One row per live customer with every sort key of the customers pane, one index per sort, so each sort
    /// is an index walk at any size. Membership and the name are kept by triggers (a customer synced a moment
    /// ago is listed at once); state rank, MRR and overdue are written after each aggregate refresh.
    static func createCustomerRows(_ db: Database) throws {
        try db.execute(sql: """
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

    /// Count, total and due of live invoices of live customers per (source, currency, status, open rank), kept
    /// exact by triggers, so the invoices pane's totals never sum a million rows. Plus the two index orders of
    /// the pane's default "attention" sort: money still owed by due date, then the rest newest issue first.
    static func createInvoiceSums(_ db: Database) throws {
        let liveNew = "EXISTS (SELECT 1 FROM customer c WHERE c.source_id = new.source_id AND c.remote_id = new.customer_remote_id AND c.deleted_at IS NULL)"
        let liveOld = "EXISTS (SELECT 1 FROM customer c WHERE c.source_id = old.source_id AND c.remote_id = old.customer_remote_id AND c.deleted_at IS NULL)"
        let add = """
            INSERT INTO dash_invoice_sums (source_id, currency, status, open_rank, n, total_minor, due_minor)
            SELECT new.source_id, new.currency, new.status, new.open_rank, 1, new.total_minor, new.due_minor
            WHERE new.deleted_at IS NULL AND \(liveNew)
            ON CONFLICT (source_id, currency, status, open_rank) DO UPDATE SET n = n + 1, total_minor = total_minor + excluded.total_minor,
                due_minor = due_minor + excluded.due_minor;
            """
        let subtract = """
            UPDATE dash_invoice_sums SET n = n - 1, total_minor = total_minor - old.total_minor, due_minor = due_minor - old.due_minor
            WHERE source_id = old.source_id AND currency = old.currency AND status = old.status AND open_rank = old.open_rank
                AND old.deleted_at IS NULL AND \(liveOld);
            """
        // A customer becoming live (or dead) brings all of its live invoices into (or out of) the sums.
        func customerInvoices(_ row: String, sign: String) -> String {
            """
            INSERT INTO dash_invoice_sums (source_id, currency, status, open_rank, n, total_minor, due_minor)
            SELECT i.source_id, i.currency, i.status, i.open_rank, \(sign) * count(*), \(sign) * sum(i.total_minor),
                \(sign) * sum(i.due_minor)
            FROM invoice i WHERE i.source_id = \(row).source_id AND i.customer_remote_id = \(row).remote_id AND i.deleted_at IS NULL
            GROUP BY i.currency, i.status, i.open_rank
            ON CONFLICT (source_id, currency, status, open_rank) DO UPDATE SET n = n + excluded.n, total_minor = total_minor + excluded.total_minor,
                due_minor = due_minor + excluded.due_minor;
            """
        }
        try db.execute(sql: """
            CREATE TABLE dash_invoice_sums (
                source_id INTEGER NOT NULL,
                currency TEXT NOT NULL,
                status TEXT NOT NULL,
                open_rank INTEGER NOT NULL,
                n INTEGER NOT NULL,
                total_minor INTEGER NOT NULL,
                due_minor INTEGER NOT NULL,
                PRIMARY KEY (source_id, currency, status, open_rank)
            ) WITHOUT ROWID;
            INSERT INTO dash_invoice_sums
            SELECT i.source_id, i.currency, i.status, i.open_rank, count(*), sum(i.total_minor), sum(i.due_minor)
            FROM invoice i JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id
            WHERE i.deleted_at IS NULL AND c.deleted_at IS NULL
            GROUP BY i.source_id, i.currency, i.status, i.open_rank;

            CREATE TRIGGER dash_invoice_sums_insert AFTER INSERT ON invoice BEGIN \(add) END;
            CREATE TRIGGER dash_invoice_sums_update
            AFTER UPDATE OF deleted_at, status, currency, open_rank, total_minor, due_minor, customer_remote_id, source_id
            ON invoice BEGIN \(subtract) \(add) END;
            CREATE TRIGGER dash_invoice_sums_delete AFTER DELETE ON invoice BEGIN \(subtract) END;

            CREATE TRIGGER dash_invoice_sums_customer_insert AFTER INSERT ON customer WHEN new.deleted_at IS NULL BEGIN
                \(customerInvoices("new", sign: "1"))
            END;
            CREATE TRIGGER dash_invoice_sums_customer_update AFTER UPDATE OF deleted_at ON customer
            WHEN (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN
                \(customerInvoices("new", sign: "(CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)"))
            END;
            CREATE TRIGGER dash_invoice_sums_customer_delete AFTER DELETE ON customer WHEN old.deleted_at IS NULL BEGIN
                \(customerInvoices("old", sign: "-1"))
            END;

            CREATE INDEX invoice_dash_owed ON invoice (due_sort, remote_id) WHERE open_rank = 0 AND deleted_at IS NULL;
            CREATE INDEX invoice_dash_settled ON invoice (coalesce(issue_date, '9999-12-31') DESC, remote_id)
                WHERE open_rank = 1 AND deleted_at IS NULL;
            """)
    }
}
