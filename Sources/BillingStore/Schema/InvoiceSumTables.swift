import GRDB

/// The invoices pane's sums, kept exact by triggers so its totals never sum a million rows: count, total and
/// due of live invoices of live customers per (source, currency, status, open rank) in `dash_invoice_sums`
/// (migration `v2-dashperf-invoice-sums`) and, per issue day too, in `dash_invoice_day_sums`
/// (`v4-read-invoice-day-sums`); plus the two index orders of the pane's default "attention" sort.
/// `InvoiceSumsBatch` later guards the insert triggers (`v6-invoice-sums-per-page`).
enum InvoiceSumTables {
    /// `dash_invoice_sums`, and the attention order's indexes: money still owed by due date, then the rest
    /// newest issue first.
    static func createSums(_ db: Database) throws {
        try db.execute(
            sql: sumsTable("dash_invoice_sums", byDay: false) + """

                CREATE INDEX invoice_dash_owed ON invoice (due_sort, remote_id) WHERE open_rank = 0 AND deleted_at IS NULL;
                CREATE INDEX invoice_dash_settled ON invoice (coalesce(issue_date, '9999-12-31') DESC, remote_id)
                    WHERE open_rank = 1 AND deleted_at IS NULL;
                """)
    }

    /// `dash_invoice_day_sums`: a date range's totals add at most a few hundred days of rows instead of every
    /// invoice in the range (0.6-1.9 s at 936k).
    ///
    /// The key starts with the issue day, which a first listing mostly follows, and the table is small (a row
    /// per day and combination, not per invoice), so each synced invoice adds one upsert into a hot page.
    /// Invoices without an issue date have no row: no date range passes them.
    static func createDaySums(_ db: Database) throws {
        try db.execute(sql: sumsTable("dash_invoice_day_sums", byDay: true))
    }

    /// `invoice_dash_owed` (owed invoices by due date) also carries the issue date, so a date range in the
    /// attention order filters owed invoices in the index instead of reading each one's ~2.5 KB row: the owed
    /// invoices issued this month sat behind ~22k older owed ones (51-57 ms per keypress at 100k, 43-65 ms in
    /// sqlite3 -> 4 ms). Same name and order, so every `INDEXED BY invoice_dash_owed` reads it as before; it
    /// holds owed invoices only, so a synced invoice rarely touches it.
    static func addIssueDateToOwedIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP INDEX IF EXISTS invoice_dash_owed;
                CREATE INDEX invoice_dash_owed ON invoice (due_sort, remote_id, issue_date) WHERE open_rank = 0 AND deleted_at IS NULL;
                """)
    }

    /// A sums table keyed by source, currency, status and open rank (and the issue day first, `byDay`), filled
    /// from the invoices there are, and the triggers that keep it exact. The insert triggers' header must stay
    /// `AFTER INSERT ON invoice BEGIN`: `InvoiceSumsBatch` rewrites it in the stored SQL.
    static func sumsTable(_ name: String, byDay: Bool) -> String {
        let keys = (byDay ? ["issue_date"] : []) + ["source_id", "currency", "status", "open_rank"]
        let types = [
            "issue_date": "TEXT", "source_id": "INTEGER", "currency": "TEXT", "status": "TEXT",
            "open_rank": "INTEGER",
        ]
        let keyList = keys.joined(separator: ", ")
        let columns = "\(keyList), n, total_minor, due_minor"
        func of(_ row: String) -> String { keys.map { "\(row).\($0)" }.joined(separator: ", ") }
        // The day sums hold only invoices with an issue date.
        func dated(_ row: String) -> String { byDay ? " AND \(row).issue_date IS NOT NULL" : "" }
        func live(_ row: String) -> String {
            """
            EXISTS (SELECT 1 FROM customer c WHERE c.source_id = \(row).source_id
                AND c.remote_id = \(row).customer_remote_id AND c.deleted_at IS NULL)
            """
        }
        let add = """
            INSERT INTO \(name) (\(columns))
            SELECT \(of("new")), 1, new.total_minor, new.due_minor
            WHERE new.deleted_at IS NULL\(dated("new")) AND \(live("new"))
            ON CONFLICT (\(keyList)) DO UPDATE SET n = n + 1,
                total_minor = total_minor + excluded.total_minor, due_minor = due_minor + excluded.due_minor;
            """
        let subtract = """
            UPDATE \(name) SET n = n - 1, total_minor = total_minor - old.total_minor,
                due_minor = due_minor - old.due_minor
            WHERE \(keys.map { "\($0) = old.\($0)" }.joined(separator: " AND "))
                AND old.deleted_at IS NULL\(dated("old")) AND \(live("old"));
            """
        // A customer becoming live (or dead) brings all of its live invoices into (or out of) the sums.
        func customerInvoices(_ row: String, sign: String) -> String {
            """
            INSERT INTO \(name) (\(columns))
            SELECT \(of("i")), \(sign) * count(*),
                \(sign) * sum(i.total_minor), \(sign) * sum(i.due_minor)
            FROM invoice i WHERE i.source_id = \(row).source_id AND i.customer_remote_id = \(row).remote_id
                AND i.deleted_at IS NULL\(dated("i"))
            GROUP BY \(keys.filter { $0 != "source_id" }.map { "i.\($0)" }.joined(separator: ", "))
            ON CONFLICT (\(keyList)) DO UPDATE SET n = n + excluded.n,
                total_minor = total_minor + excluded.total_minor, due_minor = due_minor + excluded.due_minor;
            """
        }
        let updated =
            "deleted_at, status, currency, open_rank, total_minor, due_minor, customer_remote_id, source_id"
            + (byDay ? ", issue_date" : "")
        return """
            CREATE TABLE \(name) (
                \(keys.map { "\($0) \(types[$0]!) NOT NULL," }.joined(separator: "\n    "))
                n INTEGER NOT NULL,
                total_minor INTEGER NOT NULL,
                due_minor INTEGER NOT NULL,
                PRIMARY KEY (\(keyList))
            ) WITHOUT ROWID;
            INSERT INTO \(name)
            SELECT \(of("i")), count(*), sum(i.total_minor), sum(i.due_minor)
            FROM invoice i JOIN customer c ON c.source_id = i.source_id AND c.remote_id = i.customer_remote_id
            WHERE i.deleted_at IS NULL AND c.deleted_at IS NULL\(dated("i"))
            GROUP BY \(of("i"));

            CREATE TRIGGER \(name)_insert AFTER INSERT ON invoice BEGIN \(add) END;
            CREATE TRIGGER \(name)_update
            AFTER UPDATE OF \(updated)
            ON invoice BEGIN \(subtract) \(add) END;
            CREATE TRIGGER \(name)_delete AFTER DELETE ON invoice BEGIN \(subtract) END;

            CREATE TRIGGER \(name)_customer_insert AFTER INSERT ON customer WHEN new.deleted_at IS NULL BEGIN
                \(customerInvoices("new", sign: "1"))
            END;
            CREATE TRIGGER \(name)_customer_update AFTER UPDATE OF deleted_at ON customer
            WHEN (old.deleted_at IS NULL) != (new.deleted_at IS NULL) BEGIN
                \(customerInvoices("new", sign: "(CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END)"))
            END;
            CREATE TRIGGER \(name)_customer_delete AFTER DELETE ON customer WHEN old.deleted_at IS NULL BEGIN
                \(customerInvoices("old", sign: "-1"))
            END;
            """
    }
}
