import GRDB

/// Session 5: invoices keep their raw JSON in a table of its own, appended at the end of
/// `StoreMigrations.extra`. Append only.
enum RawMigrations {
    static var steps: [StoreMigrations.Step] {
        [StoreMigrations.Step("v5-invoice-raw-apart", moveInvoiceRawApart)]
    }

    /// `invoice_raw` holds each invoice's raw JSON (~2.2 KB); the invoice row keeps only its digest.
    ///
    /// Why: with the text inline an invoice row was ~2.5 KB, one row per 4 KB page, so every scan of the
    /// table read ~10x the pages its columns need: the end of a first listing builds five sort indexes, each
    /// one scan (26 s at 100k customers, 1.16M invoices), and every read of invoice rows for a pane window
    /// or a filter touched a page per row. Appended in id order, the raw rows cost the writer what the
    /// inline text did (DECISIONS.md "Raw JSON apart").
    ///
    /// Rows written before keep their inline `raw` (and a NULL digest) until they next change, when the
    /// upsert moves the text here: no rewrite of a large store at upgrade. A reader takes `coalesce(invoice_raw.raw, invoice.raw)`.
    static func moveInvoiceRawApart(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE invoice_raw (
                invoice_id INTEGER PRIMARY KEY,
                raw TEXT NOT NULL
            );
            ALTER TABLE invoice ADD COLUMN raw_digest INTEGER;
            CREATE TRIGGER invoice_raw_delete AFTER DELETE ON invoice BEGIN
                DELETE FROM invoice_raw WHERE invoice_id = old.id;
            END;
            """)
    }
}
