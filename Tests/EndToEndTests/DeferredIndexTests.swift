import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import GRDB
import Sandbox
import Testing

/// A first listing builds its random-key sort indexes after its rows (`DeferredIndexes`): the store must end
/// with every index, whether the listing ran through or was interrupted and resumed.
@Suite(.serialized) struct DeferredIndexTests {
    static let deferred = [
        "invoice_by_issue", "invoice_open_by_due", "invoice_search_by_due", "invoice_search_by_due_date",
        "invoice_search_by_issue", "invoice_search_by_number", "invoice_search_by_total",
    ]

    static func indexes(_ store: BillingStore) throws -> Set<String> {
        try store.pool.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoice'"))
        }
    }

    static func strings(_ store: BillingStore, _ sql: String) throws -> [String] {
        try store.pool.read { db in try String.fetchAll(db, sql: sql) }
    }

    @Test func aFirstListingBuildsItsSortIndexesWhenItEnds() async throws {
        let h = try await SandboxHarness.start()
        defer { Task { await h.stop() } }
        let before = try Self.indexes(h.store)
        #expect(before.isSuperset(of: Self.deferred), "a new store has them: \(before.sorted())")
        let result = try await h.runner([h.source(.chargify)]).runOnce()
        #expect(result.ok, "\(result.failures)")
        #expect(try Self.indexes(h.store) == before, "the same indexes after the listing")
        #expect(try h.store.deferredIndexes(of: .invoice).isEmpty)
        let log = try Self.strings(h.store, "SELECT message FROM sync_log WHERE stream = 'invoices'")
        #expect(log.contains { $0.contains("first listing: 7 sort indexes are built when it ends") }, "\(log)")
        #expect(log.contains { $0.hasPrefix("built 7 sort indexes in") }, "\(log)")
        // A second (incremental) run has nothing to build and drops nothing.
        await h.idle(seconds: 900)
        #expect(try await h.runner([h.source(.chargify)]).runOnce().ok)
        #expect(try Self.indexes(h.store) == before)
        #expect(try h.store.integrityCheck() == "ok")
    }

    @Test func anInterruptedFirstListingKeepsThemDeferredUntilItEnds() async throws {
        // The server hands back page 1 as page 2: the invoices stream stops after its first page.
        var faults = FaultPlan(seed: 7)
        faults.pagingTrap = .samePageForever
        let broken = try await SandboxHarness.start(faults: faults)
        defer { Task { await broken.stop() } }
        let before = try Self.indexes(broken.store)
        let failed = try await broken.runner([broken.source(.chargify)]).runOnce()
        #expect(!failed.ok)
        #expect(try broken.store.deferredIndexes(of: .invoice) == Self.deferred)
        #expect(
            try Self.indexes(broken.store).isDisjoint(with: Self.deferred),
            "still deferred while the listing is unfinished")
        // The dashboard sorts by each meanwhile (it names an index only when it exists).
        let data = StoreDashboardData(store: broken.store)
        for sort in [InvoiceQuery.Sort.total, .due, .number, .issueDate, .dueDate] {
            let page = try data.invoices(
                InvoiceQuery(sort: sort, asOf: try #require(LocalDate(year: 2026, month: 6, day: 20))), offset: 0,
                limit: 10)
            #expect(!page.page.rows.isEmpty, "sorted by \(sort) while its index is deferred")
        }
        #expect(try Self.strings(broken.store, "SELECT count(*) FROM invoice") != ["0"], "the first page was stored")
        // `billtop invoices` pages through every order meanwhile (its keyset orders had the two deferred since
        // issue 22): each live invoice once.
        let live = try Self.strings(broken.store, "SELECT remote_id FROM invoice WHERE deleted_at IS NULL").sorted()
        for sort in InvoiceFilter.Sort.allCases {
            var seen: [String] = []
            var cursor: PageCursor?
            repeat {
                let page = try broken.store.invoices(filter: InvoiceFilter(sort: sort), after: cursor, limit: 7)
                seen += page.items.map(\.value.id)
                cursor = page.next
            } while cursor != nil
            #expect(seen.sorted() == live, "every invoice once by \(sort) while its index is deferred")
        }

        // The same company served correctly: the resumed listing ends and builds them.
        let healthy = try await SandboxHarness.start()
        defer { Task { await healthy.stop() } }
        let source = SourceConfig(
            name: "acme", kind: .chargify, baseURL: healthy.server.baseURL, secret: healthy.config.chargifyAPIKey,
            pageSize: 25)
        let runner = try SyncRunner(
            store: broken.store, sources: [source], transport: URLSessionTransport(), clock: broken.clock, policy: .fast
        )
        let resumed = await runner.runOnce()
        #expect(resumed.ok, "\(resumed.failures)")
        #expect(try broken.store.deferredIndexes(of: .invoice).isEmpty)
        #expect(try Self.indexes(broken.store) == before)
        let stored = try #require(try broken.store.source(named: "acme"))
        let comparison = try StoreComparison(
            store: broken.store, sourceID: stored.id, company: await healthy.server.world.company)
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
        #expect(try broken.store.integrityCheck() == "ok")
    }
}
