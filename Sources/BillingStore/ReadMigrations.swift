import GRDB

/// The dashboard's read-model additions of session 4 (reads at 100k customers), appended at the end of
/// `StoreMigrations.extra`. Append only; every name carries `v4-read` or `dash_invoice_day` so parallel
/// additions merge cleanly.
enum ReadMigrations {
    static var steps: [StoreMigrations.Step] {
        [
            StoreMigrations.Step("v4-read-invoice-day-sums", createInvoiceDaySums),
            StoreMigrations.Step("v4-read-owed-issue-date", addIssueDateToOwedIndex),
        ]
    }

    /// `invoice_dash_owed` (owed invoices by due date) also carries the issue date, so a date range in the
    /// attention order filters owed invoices in the index instead of reading each one's ~2.5 KB row: the owed
    /// invoices issued this month sat behind ~22k older owed ones (51-57 ms per keypress at 100k, 43-65 ms in
    /// sqlite3 -> 4 ms). Same name and order, so every `INDEXED BY invoice_dash_owed` reads it as before; it
    /// holds owed invoices only, so a synced invoice rarely touches it.
    static func addIssueDateToOwedIndex(_ db: Database) throws {
        try db.execute(sql: """
            DROP INDEX IF EXISTS invoice_dash_owed;
            CREATE INDEX invoice_dash_owed ON invoice (due_sort, remote_id, issue_date) WHERE open_rank = 0 AND deleted_at IS NULL;
            """)
    }

    /// Count, total and due of live invoices of live customers per issue day (and source, currency, status,
    /// open rank), kept exact by triggers as `dash_invoice_sums` is: the invoices pane's totals of a date range
    /// add at most a few hundred days of rows instead of every invoice in the range (0.6-1.9 s at 936k).
    ///
    /// The key starts with the issue day, which a first listing mostly follows, and the table is small (a row
    /// per day and combination, not per invoice), so each synced invoice adds one upsert into a hot page.
    /// Invoices without an issue date have no row: no date range passes them.
    static func createInvoiceDaySums(_ db: Database) throws {
        let liveNew = "EXISTS (SELECT 1 FROM customer c WHERE c.source_id = new.source_id AND c.remote_id = new.customer_remote_id AND c.deleted_at IS NULL)"
        let liveOld = "EXISTS (SELECT 1 FROM customer c WHERE c.source_id = old.source_id AND c.remote_id = old.customer_remote_id AND c.deleted_at IS NULL)"
        let add = """
            INSERT INTO dash_invoice_day_sums (issue_date, source_id, currency, status, open_rank, n, total_minor, due_minor)
            SELECT new.issue_date, new.source_id, new.currency, new.status, new.open_rank, 1, new.total_minor, new.due_minor
            WHERE new.deleted_at IS NULL AND new.issue_date IS NOT NULL AND \(liveNew)
            ON CONFLICT (issue_date, source_id, currency, status, open_rank) DO UPDATE SET n = n + 1,
                total_minor = total_minor + excluded.total_minor, due_minor = due_minor + excluded.due_minor;
            """
        let subtract = """
            UPDATE dash_invoice_day_sums SET n = n - 1, total_minor = total_minor - old.total_minor,
                due_minor = due_minor - old.due_minor
            WHERE issue_date = old.issue_date AND source_id = old.source_id AND currency = old.currency
                AND status = old.status AND open_rank = old.open_rank
                AND old.deleted_at IS NULL AND old.issue_date IS NOT NULL AND \(liveOld);
            """
        // A customer becoming live (or dead) brings all of its live invoices into (or out of) the sums.
        func customerInvoices(_ row: String, sign: String) -> String {
            """
            INSERT INTO dash_invoice_day_sums (issue_date, source_id, currency, status, open_rank, n, total_minor, due_minor)
            SELECT i.issue_date, i.source_id, i.currency, i.status, i.open_rank, \(sign) * count(*),
                \(sign) * sum(i.total_minor), \(sign) * sum(i.due_minor)
            FROM invoice i WHERE i.source_id = \(row).source_id AND i.customer_remote_id = \(row).remote_id
                AND i.deleted_at IS NULL AND i.issue_date IS NOT NULL
            GROUP BY i.issue_date, i.currency, i.status, i.open_rank
            ON CONFLICT (issue_date, source_id, currency, status, open_rank) DO UPDATE SET n = n + excluded.n,
                total_minor = total_minor + excluded.total_minor, due_minor = due_minor + excluded.due_minor;
            """
        }
        try db.execute(sql: """
            CREATE TABLE dash_invoice_day_sums (
                issue_date TEXT NOT NULL,
                source_id INTEGER NOT NULL,
                currency TEXT NOT NULL,
                status TEXT NOT NULL,
                open_rank INTEGER NOT NULL,
                n INTEGER NOT NULL,
                total_minor INTEGER NOT NULL,
                due_minor INTEGER NOT NULL,
                PRIMARY KEY (issue_date, source_id, currency, status, open_rank)
            ) WITHOUT ROWID;
            INSERT INTO dash_invoice_day_sums
            SELECT i.issue_date, i.source_id, i.currency, i.status, i.open_rank, count(*), sum(i.total_minor), sum(i.due_minor)
            FROM invoice i JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id
            WHERE i.deleted_at IS NULL AND c.deleted_at IS NULL AND i.issue_date IS NOT NULL
            GROUP BY i.issue_date, i.source_id, i.currency, i.status, i.open_rank;

            CREATE TRIGGER dash_invoice_day_sums_insert AFTER INSERT ON invoice BEGIN \(add) END;
            CREATE TRIGGER dash_invoice_day_sums_update
            AFTER UPDATE OF deleted_at, status, currency, open_rank, total_minor, due_minor, customer_remote_id, source_id, issue_date
            ON invoice BEGIN \(subtract) \(add) END;
            CREATE TRIGGER dash_invoice_day_sums_delete AFTER DELETE ON invoice BEGIN \(subtract) END;

            CREATE TRIGGER dash_invoice_day_sums_customer_insert AFTER INSERT ON customer WHEN new.deleted_at IS NULL BEGIN
                \(customerInvoices("new", sign: "1"))
            END;
            CREATE TRIGGER dash_invoice_day_sums_customer_update AFTER UPDATE OF deleted_at ON customer
            WHEN (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN
                \(customerInvoices("new", sign: "(CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)"))
            END;
            CREATE TRIGGER dash_invoice_day_sums_customer_delete AFTER DELETE ON customer WHEN old.deleted_at IS NULL BEGIN
                \(customerInvoices("old", sign: "-1"))
            END;
            """)
    }
}
