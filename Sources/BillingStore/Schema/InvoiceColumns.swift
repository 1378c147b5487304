import GRDB

/// Changes to the `invoice` table after the first release: its raw JSON moved to a table of its own
/// (`invoice_raw`), and the bit set of amounts the source sent unreadable.
enum InvoiceColumns {
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
    static func moveRawApart(_ db: Database) throws {
        try db.execute(
            sql: """
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

    /// Which of an invoice's amounts the source sent in a form billtop could not read (`InvoiceAmounts`).
    ///
    /// Why a column and not NULL amounts: the amount columns are NOT NULL and summed by the dashboard's
    /// triggers; an unreadable amount stays 0 there (so no sum overflows or turns NULL), and this bit set
    /// tells every reader to show it as unreadable instead of 0.00 and to count it apart in totals.
    static func addUnreadableAmounts(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE invoice ADD COLUMN unreadable_amounts INTEGER NOT NULL DEFAULT 0;
                -- Almost always empty: the totals' count of unreadable amounts reads it instead of the table.
                CREATE INDEX invoice_unreadable ON invoice (source_id) WHERE unreadable_amounts <> 0;
                """)
    }
}
