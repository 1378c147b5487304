import GRDB

/// Migration `v14-customer-initials`: `dash_customer_initial`, one row per live customer and initial of its words
/// (`CustomerInitials`: a word's first character, and its first two), keyed in the customers pane's name order,
/// so a broad type-ahead window by name walks only the customers listed under a word's initial
/// (`CustomerSearch.initialWalk`).
///
/// Why: at 100k customers a one-character word such as "7" matches 20,893 customers, most of them late in the
/// name order; reaching the first of them walked about 70,000 index rows, and sorting them all read 20,893 rows,
/// each about 8 ms in `sqlite3`. Under its initial the window is the list's first rows (0.3 ms).
///
/// The page writer keeps the rows and their count per initial (`CustomerInitialRows.rewrite`, with the search
/// index); a deleted customer's rows go with it (the trigger). A tombstoned customer's rows stay until it is
/// written again: the walk joins the pane's rows, which leave it out. The aggregates stay current.
enum CustomerInitialTables {
    static let name = "v14-customer-initials"

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE dash_customer_initial (
                    initial TEXT NOT NULL,          -- CustomerInitials: one character or two, or '*' (not decided)
                    sort_name TEXT NOT NULL,        -- the name order's keys, as dash_customer_row holds them
                    source_name TEXT NOT NULL,
                    remote_id TEXT NOT NULL,
                    customer_id INTEGER NOT NULL,   -- customer.id (the last tie, as in the name index)
                    PRIMARY KEY (initial, sort_name, source_name, remote_id, customer_id)
                ) WITHOUT ROWID;
                -- How many rows each initial lists: the walk reads the list of the query's rarest initial.
                CREATE TABLE dash_customer_initial_count (
                    initial TEXT PRIMARY KEY,
                    rows INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TRIGGER dash_customer_initial_delete AFTER DELETE ON customer BEGIN
                    UPDATE dash_customer_initial_count SET rows = rows - 1
                    WHERE initial IN (SELECT initial FROM dash_customer_initial WHERE customer_id = old.id);
                    DELETE FROM dash_customer_initial WHERE customer_id = old.id;
                END;
                """)
        // The index exists before the rows: built after them, its sort held every entry in memory (the writer's
        // temp store), 141 MB resident at 100k against 55, and it was no quicker.
        try db.execute(sql: "CREATE INDEX dash_customer_initial_by_customer ON dash_customer_initial (customer_id)")
        try CustomerInitialRows.rewrite(db, customers: nil)
        try MetricsStillCurrent.carry(db, through: name)
    }
}
