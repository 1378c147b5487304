import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// The search index is written once per page (migration `v3-write-fts-batch`), and a page's new rows skip
/// the child-row deletes: what the per-row triggers and deletes guaranteed must still hold.
@Suite struct PageIndexingTests {
    /// Rows in each FTS table, and FTS5's own consistency check of both.
    func indexState(_ store: BillingStore) throws -> (customers: Int, invoices: Int) {
        try store.pool.write { db in
            try db.execute(sql: "INSERT INTO customer_fts (customer_fts) VALUES ('integrity-check')")
            try db.execute(sql: "INSERT INTO invoice_fts (invoice_fts) VALUES ('integrity-check')")
            return (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM customer_fts") ?? -1,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice_fts") ?? -1
            )
        }
    }

    func count(_ store: BillingStore, _ table: String) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? -1 }
    }

    @Test func aStoreIndexedByTheOldTriggersStaysRightAfterTheUpgrade() throws {
        let (path, old, source) = try StoreFixtures.olderStore(before: "v3-write-fts-batch")
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let all = StoreMigrations.all.map(\.name)
        try StoreFixtures.applyToOlderStore(
            old,
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    StoreFixtures.customer(1, first: "Jane", last: "Doe", email: "jane@acme.io"),
                    StoreFixtures.customer(2, first: "John", last: "Smith", email: "js@globex.com"),
                ],
                invoices: [
                    StoreFixtures.invoice(
                        "inv_1042", customer: 2, status: .paid, due: 0, dueDate: "2026-01-01", issue: "2026-01-01")
                ]))
        #expect(try indexState(old) == (2, 1))

        let store = try BillingStore.open(path: path)
        #expect(try store.appliedMigrations() == all)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    StoreFixtures.customer(1, first: "Janet", last: "Roe", email: "janet@acme.io"),  // renamed
                    StoreFixtures.customer(2, first: "John", last: "Smith", email: "js@globex.com"),  // unchanged
                    StoreFixtures.customer(3, first: "Zoë", last: "Jansen", email: "zoe@initech.com"),  // new
                ],
                invoices: [
                    StoreFixtures.invoice(
                        "inv_2077", customer: 3, status: .open, due: 500, dueDate: "2026-02-01", issue: "2026-01-01")
                ]))
        #expect(try indexState(store) == (3, 2))
        #expect(try store.searchCustomers(query: "doe").isEmpty)
        #expect(try store.searchCustomers(query: "roe").map(\.value.id) == ["1"])
        #expect(try store.searchCustomers(query: "smi").map(\.value.id) == ["2"])
        #expect(try store.searchCustomers(query: "jans").map(\.value.id) == ["3"])
        #expect(try store.searchCustomers(query: "1042").map(\.value.id) == ["2"])
        #expect(try store.searchCustomers(query: "2077").map(\.value.id) == ["3"])
    }

    @Test func aRenumberedInvoiceIsFoundByItsNewNumberOnly() throws {
        let (store, source) = try StoreFixtures.openStore()
        var invoice = StoreFixtures.invoice(
            "inv_1", customer: 1, status: .open, due: 500, dueDate: "2026-02-01", issue: "2026-01-01")
        let customer = StoreFixtures.customer(1, first: "Ada", last: "Byron", email: "ada@x.io")
        try store.apply(PageWrite(sourceID: source.id, stream: "invoices", customers: [customer], invoices: [invoice]))
        invoice.value.number = "CN-9931"
        try store.apply(PageWrite(sourceID: source.id, stream: "invoices", invoices: [invoice]))
        #expect(try store.searchCustomers(query: "9931").map(\.value.id) == ["1"])
        #expect(try store.searchCustomers(query: "INV").isEmpty)
        #expect(try indexState(store) == (1, 1))
    }

    @Test func unchangedPagesAddNoIndexEntriesAndNewRowsKeepOneSetOfChildren() throws {
        let (store, source) = try StoreFixtures.openStore()
        let page = PageWrite(
            sourceID: source.id, stream: "invoices",
            customers: (1...3).map { StoreFixtures.customer($0, first: "C\($0)", last: "L", email: "c\($0)@x.io") },
            subscriptions: [StoreFixtures.subscription(10, customer: 1, state: .active)],
            invoices: (1...3).map {
                StoreFixtures.invoice(
                    "inv_\($0)", customer: $0, status: .open, due: 100, dueDate: "2026-02-01", issue: "2026-01-01")
            })
        for _ in 0..<3 { try store.apply(page) }
        #expect(try indexState(store) == (3, 3))
        #expect(try count(store, "invoice_line") == 3)
        #expect(try count(store, "invoice_payment") == 3)
        #expect(try count(store, "subscription_component") == 1)
        #expect(try count(store, "subscription_coupon") == 1)
    }

    @Test func aRecordListedTwiceInOnePageIsStoredOnceWithItsLastChildren() throws {
        let (store, source) = try StoreFixtures.openStore()
        let first = StoreFixtures.invoice(
            "inv_7", customer: 1, status: .open, due: 100, dueDate: "2026-02-01", issue: "2026-01-01")
        var second = first
        second.value.number = "INV-77"
        second.value.lineItems += second.value.lineItems.map { line in
            var extra = line
            extra.id = "li_extra"
            return extra
        }
        second.raw = "{\"uid\":\"inv_7\",\"v\":2}"
        let subscription = StoreFixtures.subscription(10, customer: 1, state: .active)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices",
                customers: [
                    StoreFixtures.customer(1, first: "A", last: "B", email: "a@b.c"),
                    StoreFixtures.customer(1, first: "A", last: "Bee", email: "a@b.c"),
                ],
                subscriptions: [subscription, subscription], invoices: [first, second]))
        #expect(try count(store, "invoice") == 1)
        #expect(
            try store.pool.read { try String.fetchAll($0, sql: "SELECT remote_id FROM invoice_line ORDER BY position") }
                == ["li_inv_7", "li_extra"])
        #expect(try count(store, "invoice_payment") == 1)
        #expect(try count(store, "subscription_component") == 1)
        #expect(try indexState(store) == (1, 1))
        #expect(try store.searchCustomers(query: "bee").map(\.value.id) == ["1"])
        #expect(try store.searchCustomers(query: "77").map(\.value.id) == ["1"])
    }
}
