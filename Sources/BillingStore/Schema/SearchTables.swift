import GRDB

/// The search tables (`customer_fts`, `invoice_fts`, migration `v1-search`) and the invoices pane's sort
/// indexes (`v3-search-invoice-sorts`), with the SQL expressions those indexes are built on.
package enum SearchTables {
    /// `RowOrder.faceValue` of an amount column in plain SQL (an index cannot call an app function): minor
    /// units times 1000 / 10^exponent, so amounts of different exponents compare by face value. The codes are
    /// BillingCore's zero- and three-decimal lists as of this step, frozen with the indexes built on the
    /// expression (a test checks it against `RowOrder.faceValue` for every known code and an unknown one).
    package static func faceValue(_ column: String) -> String {
        "(\(column) * CASE WHEN currency IN (\(list(zeroDecimal))) THEN 1000 WHEN currency IN (\(list(threeDecimal))) THEN 1 ELSE 10 END)"
    }

    /// The sort keys of the invoices pane's date columns (a missing date sorts as the far future).
    static let issueKey = "coalesce(issue_date, '9999-12-31')"
    static let dueKey = "coalesce(due_date, '9999-12-31')"

    static let zeroDecimal = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
        "XPF",
    ]
    static let threeDecimal = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    static func list(_ codes: [String]) -> String { codes.map { "'\($0)'" }.joined(separator: ", ") }

    /// One partial index per sortable invoice column over live invoices, in the pane's direction with the
    /// remote id as tie-break, so a window in any of these orders (ascending or descending) is an index walk,
    /// not a sort of every invoice. The customer-name sort is not among them (its key lives in another table).
    static func createInvoiceSorts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE INDEX invoice_search_by_number ON invoice (number, remote_id) WHERE deleted_at IS NULL;
                CREATE INDEX invoice_search_by_issue ON invoice (\(issueKey) DESC, remote_id) WHERE deleted_at IS NULL;
                CREATE INDEX invoice_search_by_due_date ON invoice (\(dueKey) DESC, remote_id) WHERE deleted_at IS NULL;
                CREATE INDEX invoice_search_by_total ON invoice (\(faceValue("total_minor")) DESC, remote_id) WHERE deleted_at IS NULL;
                CREATE INDEX invoice_search_by_due ON invoice (\(faceValue("due_minor")) DESC, remote_id) WHERE deleted_at IS NULL;
                """)
    }

    static func createFullText(_ db: Database) throws {
        // Regular (content-storing) FTS5 tables kept by triggers: rowid = the record's id. Prefix indexes
        // make type-ahead ("jan*") an index lookup instead of a scan over the term list.
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE customer_fts USING fts5(
                    name, email, organization, reference,
                    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
                );
                CREATE TRIGGER customer_fts_insert AFTER INSERT ON customer BEGIN
                    INSERT INTO customer_fts (rowid, name, email, organization, reference)
                    VALUES (new.id, new.first_name || ' ' || new.last_name, new.email, new.organization, new.reference);
                END;
                CREATE TRIGGER customer_fts_update AFTER UPDATE OF first_name, last_name, email, organization, reference
                ON customer BEGIN
                    DELETE FROM customer_fts WHERE rowid = old.id;
                    INSERT INTO customer_fts (rowid, name, email, organization, reference)
                    VALUES (new.id, new.first_name || ' ' || new.last_name, new.email, new.organization, new.reference);
                END;
                CREATE TRIGGER customer_fts_delete AFTER DELETE ON customer BEGIN
                    DELETE FROM customer_fts WHERE rowid = old.id;
                END;

                CREATE VIRTUAL TABLE invoice_fts USING fts5(
                    number, tokenize = 'unicode61', prefix = '1 2 3'
                );
                CREATE TRIGGER invoice_fts_insert AFTER INSERT ON invoice BEGIN
                    INSERT INTO invoice_fts (rowid, number) VALUES (new.id, new.number);
                END;
                CREATE TRIGGER invoice_fts_update AFTER UPDATE OF number ON invoice BEGIN
                    DELETE FROM invoice_fts WHERE rowid = old.id;
                    INSERT INTO invoice_fts (rowid, number) VALUES (new.id, new.number);
                END;
                CREATE TRIGGER invoice_fts_delete AFTER DELETE ON invoice BEGIN
                    DELETE FROM invoice_fts WHERE rowid = old.id;
                END;
                """)
    }

    /// The search tables are no longer kept by per-row triggers: `StoreWriter` indexes a page's new and changed
    /// customers and invoices with one statement per table at the end of the page's transaction
    /// (`SearchIndexBatch`). Why: SQLite (3.40 here) calls FTS5's xSavepoint before every statement that opens
    /// a statement journal once the FTS table has been written in the transaction, and FTS5 flushes its pending
    /// terms to a new on-disk segment each time; an upsert with triggers opens one per row, so every record
    /// wrote (and later merged) a segment of its own. The delete triggers stay (the fetcher never deletes rows,
    /// but anything that does keeps the index right). Table names and columns are unchanged.
    static func moveIndexingToPages(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER IF EXISTS customer_fts_insert;
                DROP TRIGGER IF EXISTS customer_fts_update;
                DROP TRIGGER IF EXISTS invoice_fts_insert;
                DROP TRIGGER IF EXISTS invoice_fts_update;
                """)
    }
}
