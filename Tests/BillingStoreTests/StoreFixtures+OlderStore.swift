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
        try withDataGeneration(store) { try store.apply(rest) }
        try store.pool.write { db in
            for item in page.invoices {
                let i = item.value
                let issue = i.issueDate?.description, due = i.dueDate?.description
                try db.execute(sql: """
                    INSERT INTO invoice (source_id, remote_id, number, customer_remote_id, subscription_remote_id, status,
                        currency, issue_date, due_date, paid_date, subtotal_minor, discount_minor, tax_minor, total_minor,
                        credit_minor, paid_minor, refund_minor, due_minor, product_name, memo, open_rank, due_sort,
                        issue_sort, created_at, updated_at, raw)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [
                        page.sourceID, i.id, i.number, i.customerID, i.subscriptionID, i.status.apiValue, i.currency.code,
                        issue, due, i.paidDate?.description, i.subtotal.minorUnits, i.discount.minorUnits,
                        i.tax.minorUnits, i.total.minorUnits, i.credit.minorUnits, i.paid.minorUnits, i.refund.minorUnits,
                        i.due.minorUnits, i.productName, i.memo, i.status.isCollectible && i.due.isPositive ? 0 : 1,
                        due ?? "9999-12-31", issue ?? "0000-00-00", i.createdAt?.secondsSinceEpoch,
                        i.updatedAt?.secondsSinceEpoch, item.raw,
                    ])
            }
        }
    }

    /// Runs `body` (today's writer) on a store older than `v5-source-data-generation`: the writer counts changes
    /// in `source.data_generation`, so the store is lent the column for the write and has it taken back after,
    /// leaving the schema the migration expects.
    static func withDataGeneration(_ store: BillingStore, _ body: () throws -> Void) throws {
        let has = try store.pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT count(*) FROM pragma_table_info('source') WHERE name = 'data_generation'") ?? false
        }
        if !has {
            try store.pool.write { try $0.execute(sql: "ALTER TABLE source ADD COLUMN data_generation INTEGER NOT NULL DEFAULT 0") }
        }
        defer {
            if !has { try? store.pool.write { try $0.execute(sql: "ALTER TABLE source DROP COLUMN data_generation") } }
        }
        try body()
    }
}
