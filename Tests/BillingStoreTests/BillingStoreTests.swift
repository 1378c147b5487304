import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

@Suite struct BillingStoreTests {
    @Test func migratesFromEmptyAndFromEveryEarlierVersion() throws {
        let all = StoreMigrations.all.map(\.name)
        for count in 0...all.count {
            let path = StoreFixtures.temporaryPath()
            let old = try BillingStore.open(path: path, migrationCount: count)
            #expect(try old.appliedMigrations() == Array(all.prefix(count)))
            let upgraded = try BillingStore.open(path: path)
            #expect(try upgraded.appliedMigrations() == all)
            #expect(try upgraded.integrityCheck() == "ok")
        }
    }

    @Test func storeUsesWALAndNormalSync() throws {
        let (store, _) = try StoreFixtures.openStore()
        let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        let sync = try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(mode == "wal")
        #expect(sync == 1)
        // The writer keeps statement journals in memory (2 = MEMORY); readers keep SQLite's default.
        #expect(try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 2)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 0)
    }

    @Test func upsertKeepsOneRowPerIdentityAndRoundTripsValues() throws {
        let (store, source) = try StoreFixtures.openStore()
        let inv = StoreFixtures.invoice(
            "inv_1", customer: 1, status: .open, due: 2_500, dueDate: "2026-05-01", issue: "2026-04-01")
        let sub = StoreFixtures.subscription(10, customer: 1, state: .pastDue)
        let page = PageWrite(
            sourceID: source.id, stream: "invoices",
            customers: [StoreFixtures.customer(1, first: "Jane", last: "Doe", email: "jane@acme.io", org: "Acme")],
            subscriptions: [sub], invoices: [inv])
        try store.apply(page)
        try store.apply(page)
        let detail = try #require(try store.customer(RecordKey(sourceID: source.id, remoteID: "1")))
        #expect(detail.customer.value.email == "jane@acme.io")
        #expect(detail.subscriptions.map(\.value) == [sub.value])
        #expect(detail.invoices.map(\.value) == [inv.value])
        let count = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM invoice_line") }
        #expect(count == 1)
    }

    @Test func prefixSearchFindsByAnyFieldAndInvoiceNumber() throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    StoreFixtures.customer(1, first: "Jane", last: "Doe", email: "jane@acme.io", org: "Acme Corp"),
                    StoreFixtures.customer(2, first: "John", last: "Smith", email: "js@globex.com", org: "Globex"),
                    StoreFixtures.customer(3, first: "Zoë", last: "Jansen", email: "zoe@initech.com", org: "Initech"),
                ],
                invoices: [
                    StoreFixtures.invoice(
                        "inv_1042", customer: 2, status: .paid, due: 0, dueDate: "2026-01-01", issue: "2026-01-01")
                ]))
        #expect(try store.searchCustomers(query: "jan").map(\.value.id) == ["1", "3"])
        #expect(try store.searchCustomers(query: "acm").map(\.value.id) == ["1"])
        #expect(try store.searchCustomers(query: "jane@acme.i").map(\.value.id) == ["1"])
        #expect(try store.searchCustomers(query: "zoe").map(\.value.id) == ["3"])
        #expect(try store.searchCustomers(query: "1042").map(\.value.id) == ["2"])
        #expect(try store.searchCustomers(query: "ref-2").map(\.value.id) == ["2"])
        #expect(try store.searchCustomers(query: "\"*) OR (").isEmpty)
        #expect(try store.searchCustomers(query: "  ").isEmpty)
    }

    @Test func searchFollowsRenames() throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [StoreFixtures.customer(1, first: "Jane", last: "Doe", email: "jane@acme.io")]))
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [StoreFixtures.customer(1, first: "Janet", last: "Roe", email: "janet@acme.io")]))
        #expect(try store.searchCustomers(query: "doe").isEmpty)
        #expect(try store.searchCustomers(query: "roe").map(\.value.firstName) == ["Janet"])
    }

    @Test func customersPageByKeysetCoversEveryoneOnce() throws {
        let (store, source) = try StoreFixtures.openStore()
        let customers = (1...57).map {
            StoreFixtures.customer($0, first: "N\($0 % 10)", last: "L\($0)", email: "c\($0)@x.io")
        }
        try store.apply(PageWrite(sourceID: source.id, stream: "customers", customers: customers))
        var seen: [String] = []
        var cursor: PageCursor?
        repeat {
            let page = try store.customers(after: cursor, limit: 10)
            seen += page.items.map(\.value.id)
            cursor = page.next
        } while cursor != nil
        #expect(seen.count == 57)
        #expect(Set(seen).count == 57)
    }

    @Test func invoicesOpenFirstFilterAndTotals() throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices",
                invoices: [
                    StoreFixtures.invoice(
                        "inv_1", customer: 1, status: .paid, due: 0, dueDate: "2026-01-10", issue: "2026-01-01"),
                    StoreFixtures.invoice(
                        "inv_2", customer: 1, status: .open, due: 5_000, dueDate: "2026-03-10", issue: "2026-03-01"),
                    StoreFixtures.invoice(
                        "inv_3", customer: 2, status: .open, due: 10_000, dueDate: "2026-02-10", issue: "2026-02-01"),
                    StoreFixtures.invoice(
                        "inv_4", customer: 2, status: .open, due: 700, dueDate: "2026-07-10", issue: "2026-07-01",
                        currency: .eur),
                ]))
        let all = try store.invoices(filter: InvoiceFilter(), limit: 10).items.map(\.value.id)
        #expect(all == ["inv_3", "inv_2", "inv_4", "inv_1"])
        var paged: [String] = []
        var cursor: PageCursor?
        repeat {
            let page = try store.invoices(filter: InvoiceFilter(), after: cursor, limit: 1)
            paged += page.items.map(\.value.id)
            cursor = page.next
        } while cursor != nil
        #expect(paged == all)
        let overdue = InvoiceFilter(overdueOn: LocalDate(iso: "2026-06-20"))
        #expect(try store.invoices(filter: overdue).items.map(\.value.id) == ["inv_3", "inv_2"])
        let totals = try store.invoiceTotals(filter: InvoiceFilter(statuses: [.open]))
        #expect(totals[.usd].minorUnits == 15_000)
        #expect(totals[.eur].minorUnits == 700)
        let newest = try store.invoices(
            filter: InvoiceFilter(customer: RecordKey(sourceID: source.id, remoteID: "2"), sort: .newestIssued))
        #expect(newest.items.map(\.value.id) == ["inv_4", "inv_3"])
        let since = try store.invoices(filter: InvoiceFilter(issuedFrom: LocalDate(iso: "2026-03-01")))
        #expect(Set(since.items.map(\.value.id)) == ["inv_2", "inv_4"])
    }

    @Test func reconciliationTombstonesOnlyUnseenIds() throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: (1...3).map {
                    StoreFixtures.customer($0, first: "A", last: "\($0)", email: "\($0)@x.io")
                }))
        try store.resetSeen(sourceID: source.id, stream: "customers")
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [1, 3].map {
                    StoreFixtures.customer($0, first: "A", last: "\($0)", email: "\($0)@x.io")
                }, recordSeen: true))
        let removed = try store.reconcile(
            sourceID: source.id, stream: "customers", table: .customer, at: 5, state: StreamState())
        #expect(removed == 1)
        #expect(try store.allCustomers(sourceID: source.id).map(\.value.id) == ["1", "3"])
        #expect(try store.customer(RecordKey(sourceID: source.id, remoteID: "2"))?.customer.deletedAt == 5)
    }

    @Test func checkpointCommitsWithThePage() throws {
        let (store, source) = try StoreFixtures.openStore()
        let state = StreamState(phase: .running, runStartedAt: 10, page: 3, fullListing: true, updatedAt: 11)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [StoreFixtures.customer(1, first: "A", last: "B", email: "a@b.c")], checkpoint: state,
                log: [
                    SyncLogEntry(
                        sourceID: source.id, stream: "customers", at: 11, kind: .request, status: 200,
                        message: "GET /customers.json")
                ]))
        #expect(try store.streamState(sourceID: source.id, stream: "customers") == state)
        #expect(try store.syncStatus().map(\.stream) == ["customers"])
        #expect(try store.recentSyncLog().first?.status == 200)
    }

    @Test func changesStreamYieldsAfterAWrite() async throws {
        let (store, source) = try StoreFixtures.openStore()
        let changes = store.changes(pollInterval: .milliseconds(50))
        let writer = Task {
            try store.apply(
                PageWrite(
                    sourceID: source.id, stream: "customers",
                    customers: [StoreFixtures.customer(1, first: "A", last: "B", email: "a@b.c")]))
        }
        var iterator = changes.makeAsyncIterator()
        let got: Void? = await iterator.next()
        #expect(got != nil)
        try await writer.value
    }
}
