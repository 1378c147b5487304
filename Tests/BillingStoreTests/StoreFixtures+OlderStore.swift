import BillingCore
import BillingStore
import GRDB

/// Filling a store opened at an older migration (upgrade tests).
extension StoreFixtures {
    /// A new store file with every migration before `migration` applied, and source "acme" registered. The caller
    /// removes `path`'s folder when done.
    static func olderStore(before migration: String) throws -> (path: String, store: BillingStore, source: SourceInfo) {
        let path = temporaryPath()
        guard let step = StoreMigrations.all.firstIndex(where: { $0.name == migration }) else {
            throw StoreFixtureError.noSuchMigration(migration)
        }
        let store = try BillingStore.open(path: path, migrationCount: step)
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        return (path, store, source)
    }

    enum StoreFixtureError: Error { case noSuchMigration(String) }

    /// Writes `page` into a store opened at an older migration, as that version's writer would have: everything
    /// but invoices through today's writer (their SQL has not changed), invoices as rows with the columns every
    /// version has. Today's invoice upsert also sets `raw_digest` and `invoice_raw` (v5-invoice-raw-apart),
    /// which older stores lack.
    static func applyToOlderStore(_ store: BillingStore, _ page: PageWrite) throws {
        var rest = page
        rest.invoices = []
        try withTodaysColumns(store) { try store.apply(rest) }
        try store.pool.write { db in
            for item in page.invoices {
                let i = item.value
                let issue = i.issueDate?.description, due = i.dueDate?.description
                try db.execute(
                    sql: """
                        INSERT INTO invoice (source_id, remote_id, number, customer_remote_id, subscription_remote_id, status,
                            currency, issue_date, due_date, paid_date, subtotal_minor, discount_minor, tax_minor, total_minor,
                            credit_minor, paid_minor, refund_minor, due_minor, product_name, memo, open_rank, due_sort,
                            issue_sort, created_at, updated_at, raw)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        page.sourceID, i.id, i.number, i.customerID, i.subscriptionID, i.status.apiValue,
                        i.currency.code,
                        issue, due, i.paidDate?.description, i.subtotal.minorUnits, i.discount.minorUnits,
                        i.tax.minorUnits, i.total.minorUnits, i.credit.minorUnits, i.paid.minorUnits,
                        i.refund.minorUnits,
                        i.due.minorUnits, i.productName, i.memo, i.status.isCollectible && i.due.isPositive ? 0 : 1,
                        due ?? "9999-12-31", issue ?? "0000-00-00", i.createdAt?.secondsSinceEpoch,
                        i.updatedAt?.secondsSinceEpoch, item.raw,
                    ])
            }
        }
    }

    /// Columns today's writer sets that older stores lack (table, column, definition).
    static let lentColumns = [
        ("source", "data_generation", "INTEGER NOT NULL DEFAULT 0"),  // v5-source-data-generation
        ("subscription", "content_digest", "INTEGER"),  // v5-subscription-content-digest
        ("subscription", "expires_at", "INTEGER"),  // v7-subscription-expires-at
    ]

    /// Tables today's writer fills that older stores lack (name, a definition with the columns it writes).
    static let lentTables = [
        (
            "dash_customer_initial",  // v14-customer-initials
            "(initial TEXT, sort_name TEXT, source_name TEXT, remote_id TEXT, customer_id INTEGER)"
        ),
        ("dash_customer_initial_count", "(initial TEXT PRIMARY KEY, rows INTEGER)"),
    ]

    /// Runs `body` (today's writer) on an older store: the columns and tables it lacks of `lentColumns` and
    /// `lentTables` are lent for the write and taken back after, leaving the schema the migrations expect.
    static func withTodaysColumns(_ store: BillingStore, _ body: () throws -> Void) throws {
        var lentTableNames: [String] = []
        for (table, definition) in lentTables {
            let has = try store.pool.read { db in try db.tableExists(table) }
            guard !has else { continue }
            try store.pool.write { try $0.execute(sql: "CREATE TABLE \(table) \(definition)") }
            lentTableNames.append(table)
        }
        defer {
            for table in lentTableNames { try? store.pool.write { try $0.execute(sql: "DROP TABLE \(table)") } }
        }
        var lent: [(String, String)] = []
        for (table, column, definition) in lentColumns {
            let has = try store.pool.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", arguments: [table, column])
                    ?? false
            }
            guard !has else { continue }
            try store.pool.write { try $0.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(column) \(definition)") }
            lent.append((table, column))
        }
        defer {
            for (table, column) in lent {
                try? store.pool.write { try $0.execute(sql: "ALTER TABLE \(table) DROP COLUMN \(column)") }
            }
        }
        try body()
    }
}
