import GRDB

/// The invoices pane's sorts at any size (owned by the search area), appended after the dashboard's steps.
/// Append only; every name carries `search` so parallel additions merge cleanly.
public enum SearchMigrations {
    static var steps: [StoreMigrations.Step] {
        [StoreMigrations.Step("v3-search-invoice-sorts", createInvoiceSorts)]
    }

    /// `RowOrder.faceValue` of an amount column in plain SQL (an index cannot call an app function): minor
    /// units times 1000 / 10^exponent, so amounts of different exponents compare by face value. The codes are
    /// BillingCore's zero- and three-decimal lists as of this step, frozen with the indexes built on the
    /// expression (a test checks it against `RowOrder.faceValue` for every known code and an unknown one).
    public static func faceValue(_ column: String) -> String {
        "(\(column) * CASE WHEN currency IN (\(list(zeroDecimal))) THEN 1000 WHEN currency IN (\(list(threeDecimal))) THEN 1 ELSE 10 END)"
    }

    /// The sort keys of the invoices pane's date columns (a missing date sorts as the far future).
    public static let issueKey = "coalesce(issue_date, '9999-12-31')"
    public static let dueKey = "coalesce(due_date, '9999-12-31')"

    static let zeroDecimal = [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    ]
    static let threeDecimal = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]

    static func list(_ codes: [String]) -> String { codes.map { "'\($0)'" }.joined(separator: ", ") }

    /// One partial index per sortable invoice column over live invoices, in the pane's direction with the
    /// remote id as tie-break, so a window in any of these orders (ascending or descending) is an index walk,
    /// not a sort of every invoice. The customer-name sort is not among them (its key lives in another table).
    static func createInvoiceSorts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX invoice_search_by_number ON invoice (number, remote_id) WHERE deleted_at IS NULL;
            CREATE INDEX invoice_search_by_issue ON invoice (\(issueKey) DESC, remote_id) WHERE deleted_at IS NULL;
            CREATE INDEX invoice_search_by_due_date ON invoice (\(dueKey) DESC, remote_id) WHERE deleted_at IS NULL;
            CREATE INDEX invoice_search_by_total ON invoice (\(faceValue("total_minor")) DESC, remote_id) WHERE deleted_at IS NULL;
            CREATE INDEX invoice_search_by_due ON invoice (\(faceValue("due_minor")) DESC, remote_id) WHERE deleted_at IS NULL;
            """)
    }
}
