import GRDB

/// The search-index work of one page: which customers and invoices it inserted or changed, indexed together
/// at the end of the page's transaction with one statement per table (see `SearchTables.moveIndexingToPages`
/// for why not per row). `INSERT OR REPLACE` replaces a changed row's entry (FTS5 deletes the old terms first), so the
/// batch never needs to know which rows were indexed before. The customers' initials (`CustomerInitialRows`), which
/// the pane's search walks, are rewritten here too.
struct SearchIndexBatch {
    private var customers: [Int64] = []
    private var invoices: [Int64] = []

    /// A customer row the page inserted or changed.
    mutating func customerWritten(_ id: Int64) { customers.append(id) }

    /// An invoice row the page inserted or changed.
    mutating func invoiceWritten(_ id: Int64) { invoices.append(id) }

    /// Indexes every row written, as it now is. Run last in the page's transaction: FTS5 then writes one
    /// segment per table for the whole page.
    func apply(_ db: Database) throws {
        if !customers.isEmpty {
            // Before the FTS statements: once a table of FTS5 is written, each later statement flushes it.
            try CustomerInitialRows.rewrite(db, customers: Self.json(customers))
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO customer_fts (rowid, name, email, organization, reference)
                    SELECT id, first_name || ' ' || last_name, email, organization, reference FROM customer
                    WHERE id IN (SELECT value FROM json_each(?))
                    """
            ).execute(arguments: [Self.json(customers)])
        }
        if !invoices.isEmpty {
            try db.cachedStatement(
                sql: """
                    INSERT OR REPLACE INTO invoice_fts (rowid, number)
                    SELECT id, number FROM invoice WHERE id IN (SELECT value FROM json_each(?))
                    """
            ).execute(arguments: [Self.json(invoices)])
        }
    }

    /// `[1,2,3]`: ids handed to `json_each` as one argument (SQLite has no array binding).
    static func json(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
