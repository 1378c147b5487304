import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// A store written by the first release (only the `v1-` migrations, rows as that release's writer stored
/// them) upgrades through every later step to today's schema and reads through today's API; a store that
/// holds a step this billtop does not know is refused with its one line.
@Suite struct OldestStoreUpgradeTests {
    /// The steps of the first release.
    static let firstRelease = StoreMigrations.all.prefix { $0.name.hasPrefix("v1-") }.count

    /// A store at the first release's schema holding one source, two customers (one deleted), one
    /// subscription and two invoices of the live customer, written with that schema's columns only.
    static func oldestStore() throws -> String {
        let path = StoreFixtures.temporaryPath()
        let old = try BillingStore.open(path: path, migrationCount: firstRelease)
        try old.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO source (id, name, kind, base_url, created_at)
                    VALUES (1, 'acme', 'chargify', 'http://127.0.0.1:1', 0);
                    INSERT INTO customer (source_id, remote_id, first_name, last_name, email, organization, reference,
                        phone, city, country, sort_name, updated_at, deleted_at, raw)
                    VALUES (1, '7', 'Ada', 'Lovelace', 'ada@example.com', 'Engines', 'ref-7', '', '', '', 'ada lovelace',
                            1700000000, NULL, '{}'),
                        (1, '8', 'Gone', 'Away', 'gone@example.com', '', 'ref-8', '', '', '', 'gone away', 1700000000,
                            1700000100, '{}');
                    INSERT INTO subscription (source_id, remote_id, customer_remote_id, state, product_id, product_name,
                        product_family, currency, product_price_minor, balance_minor, interval_count, interval_unit,
                        collection_method, cancel_at_end_of_period, raw)
                    VALUES (1, 's7', '7', 'past_due', 'p1', 'Pro', 'SaaS', 'USD', 4900, 0, 1, 'month', 'automatic', 0,
                        '{}');
                    INSERT INTO invoice (source_id, remote_id, number, customer_remote_id, status, currency, issue_date,
                        due_date, subtotal_minor, discount_minor, tax_minor, total_minor, credit_minor, paid_minor,
                        refund_minor, due_minor, product_name, memo, open_rank, due_sort, issue_sort, raw)
                    VALUES (1, 'inv_1', 'INV-1', '7', 'open', 'USD', '2026-01-01', '2026-01-31', 10000, 0, 0, 10000, 0,
                            2500, 0, 7500, 'Pro', '', 0, '2026-01-31', '2026-01-01', '{}'),
                        (1, 'inv_2', 'INV-2', '7', 'paid', 'USD', '2025-12-01', '2025-12-31', 10000, 0, 0, 10000, 0,
                            10000, 0, 0, 'Pro', '', 1, '2025-12-31', '2025-12-01', '{}');
                    """)
        }
        return path
    }

    /// The identifiers released stores hold in `grdb_migrations`, in the order they ran: renaming or
    /// reordering one would make GRDB run a step twice or refuse every existing store as newer.
    static let released = [
        "v1-core", "v1-search", "v1-metrics", "v2-dashperf-customer-rows", "v2-dashperf-invoice-sums",
        "v3-truto-sync-log-record-issue", "v3-search-invoice-sorts", "v3-write-fts-batch", "v4-store-seen-floor",
        "v4-store-drop-unread-indexes", "v4-deferred-indexes", "v4-read-invoice-day-sums", "v4-read-owed-issue-date",
        "v5-invoice-raw-apart", "v5-source-data-generation", "v5-subscription-content-digest",
        "v5-refresh-completion-mark", "v6-invoice-sums-per-page", "v7-subscription-expires-at",
        "v7-subscription-mrr-gaps", "v7-invoice-unreadable-amounts",
    ]

    @Test func theReleasedIdentifiersStayAsTheyWereInTheirOrder() {
        // New steps may follow; the released ones are a prefix, word for word.
        #expect(Array(StoreMigrations.all.map(\.name).prefix(Self.released.count)) == Self.released)
    }

    @Test func theFirstReleasesStoreUpgradesToTodaysAndReads() throws {
        #expect(Self.firstRelease == 3, "v1-core, v1-search and v1-metrics were the first release")
        let path = try Self.oldestStore()
        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == StoreMigrations.all.map(\.name), "every step, in the list's order")

        // The record reads of today's API.
        let source = try #require(try store.source(named: "acme"))
        let detail = try #require(try store.customer(RecordKey(sourceID: source.id, remoteID: "7")))
        #expect(detail.customer.value.displayName == "Ada Lovelace")
        #expect(detail.subscriptions.map(\.value.state) == [.pastDue])
        #expect(detail.invoices.map(\.value.number).sorted() == ["INV-1", "INV-2"])

        // The dashboard's read model, filled from the rows the upgrade found (`dash_*` did not exist then).
        let rows = CustomerRows(store: store)
        try rows.refreshStale()
        let all = try rows.page(CustomerListQuery(), offset: 0, limit: 10, cap: CustomerRows.cap, known: nil)
        #expect(all.total == 1, "the deleted customer is not listed")
        #expect(all.rows.map(\.customer.id) == ["7"])
        #expect(all.rows.first?.state == .pastDue)
        let found = try rows.page(CustomerListQuery(text: "lovel"), offset: 0, limit: 10, cap: 10, known: nil)
        #expect(found.rows.map(\.sourceName) == ["acme"], "the first release's search index still answers")

        let asOf = LocalDate(iso: "2026-02-15")!
        let list = InvoiceList(store: store)
        let invoices = try list.page(InvoiceListQuery(asOf: asOf), offset: 0, limit: 10, known: nil)
        #expect(invoices.sums.count == 2)
        #expect(invoices.sums.dueTotals == MoneyTotals([Money(minorUnits: 7_500, currency: .usd)]))
        #expect(invoices.rows.map(\.number) == ["INV-1", "INV-2"], "owed first, then the rest")
        let overdue = try list.page(
            InvoiceListQuery(status: .overdue, asOf: asOf), offset: 0, limit: 10, known: nil)
        #expect(overdue.rows.map(\.id) == ["inv_1"])
    }

    @Test func aStoreFromANewerBilltopIsRefusedWithItsLine() throws {
        let path = StoreFixtures.temporaryPath()
        let store = try BillingStore.open(path: path)
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect {
            _ = try BillingStore.open(path: path)
        } throws: { error in
            let message = (error as? StoreOpenError)?.message ?? ""
            return message.contains("newer billtop") && message.contains(path)
        }
    }
}
