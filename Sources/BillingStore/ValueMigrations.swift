import GRDB

/// Which of an invoice's amounts the source sent in a form billtop could not read (`InvoiceAmounts`).
///
/// Why a column and not NULL amounts: the amount columns are NOT NULL and summed by the dashboard's
/// triggers; an unreadable amount stays 0 there (so no sum overflows or turns NULL), and this bit set
/// tells every reader to show it as unreadable instead of 0.00 and to count it apart in totals.
enum ValueMigrations {
    static var steps: [StoreMigrations.Step] {
        [StoreMigrations.Step("v7-invoice-unreadable-amounts", addUnreadableAmounts)]
    }

    static func addUnreadableAmounts(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE invoice ADD COLUMN unreadable_amounts INTEGER NOT NULL DEFAULT 0;
            -- Almost always empty: the totals' count of unreadable amounts reads it instead of the table.
            CREATE INDEX invoice_unreadable ON invoice (source_id) WHERE unreadable_amounts <> 0;
            """)
    }
}
