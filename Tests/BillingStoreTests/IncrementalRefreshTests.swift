import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// When a refresh takes only the changed customers and when it recomputes the whole source: the changed
/// customers are recorded in the page's own transaction (a crash before the refresh loses none), nothing is
/// recorded before the first refresh, and a new day, an upgrade or other settings recompute everything.
struct IncrementalRefreshTests {
    typealias F = StoreFixtures
    static let day = LocalDate(iso: "2026-06-20")!

    func subscriptionPage(_ source: SourceInfo, customer: Int, seats: Int) -> PageWrite {
        var item = F.subscription(customer, customer: customer, state: .active)
        item.value.components[0].quantity = ExactDecimal(Int64(seats))
        item.raw = "{\"seats\":\(seats)}"
        return PageWrite(sourceID: source.id, stream: "subscriptions", subscriptions: [item])
    }

    func changed(_ store: BillingStore, _ source: SourceInfo) throws -> [String] {
        try store.pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT customer_remote_id FROM metrics_dirty_customer WHERE source_id = ? ORDER BY 1",
                arguments: [source.id])
        }
    }

    func mrr(_ store: BillingStore, _ source: SourceInfo, customer: String) throws -> Int64? {
        try store.pool.read { db in
            try Int64.fetchOne(
                db,
                sql: "SELECT mrr_minor FROM metrics_customer WHERE source_id = ? AND customer_remote_id = ?",
                arguments: [source.id, customer])
        }
    }

    @Test func changedCustomersSurviveACrashBeforeTheRefresh() throws {
        let path = F.temporaryPath()
        var store: BillingStore? = try BillingStore.open(path: path)
        let source = try store!.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        for n in 1...3 { try store!.apply(subscriptionPage(source, customer: n, seats: 3)) }
        #expect(try changed(store!, source).isEmpty, "nothing is recorded before the first refresh")
        try AggregateRefresher(store: store!).refreshAggregates(sourceID: source.id, asOf: Self.day)
        let before = try mrr(store!, source, customer: "2")

        // A page commits, then the process dies before any refresh: the store is opened again from the file.
        try store!.apply(subscriptionPage(source, customer: 2, seats: 9))
        store = nil
        let reopened = try BillingStore.open(path: path)
        #expect(try changed(reopened, source) == ["2"])
        let report = try AggregateRefresher(store: reopened).refreshAggregates(sourceID: source.id, asOf: Self.day)
        #expect(report.changedCustomers == 1)
        #expect(try mrr(reopened, source, customer: "2") != before)
        #expect(try changed(reopened, source).isEmpty)
    }

    @Test func aNewDayAnUpgradeOrOtherSettingsRecomputeEverything() throws {
        let (store, source) = try F.openStore()
        for n in 1...3 { try store.apply(subscriptionPage(source, customer: n, seats: 3)) }
        var refresher = AggregateRefresher(store: store)
        #expect(try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day).changedCustomers == nil)
        try store.apply(subscriptionPage(source, customer: 1, seats: 4))
        #expect(try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day).changedCustomers == 1)

        try store.apply(subscriptionPage(source, customer: 1, seats: 5))
        let nextDay = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day.adding(days: 1))
        #expect(nextDay.changedCustomers == nil, "aging buckets and the as-of day moved")

        refresher.settings.unpaidCountsInMRR = true
        let settings = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day.adding(days: 1))
        #expect(settings.changedCustomers == nil)

        // Aggregates written before the last migration: stale, and recomputed whole.
        try store.pool.write { db in try db.execute(sql: "UPDATE metrics_refresh SET schema_steps = 1") }
        #expect(try refresher.isStale(sourceID: source.id, asOf: Self.day.adding(days: 1)))
        let upgraded = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day.adding(days: 1))
        #expect(upgraded.changedCustomers == nil)
        #expect(upgraded.recomputeReason == "the store was upgraded")
        #expect(try refresher.isStale(sourceID: source.id, asOf: Self.day.adding(days: 1)) == false)
    }

    @Test func aPageCommittedDuringARecomputeIsLeftForTheNextRefresh() throws {
        let (store, source) = try F.openStore()
        for n in 1...3 { try store.apply(subscriptionPage(source, customer: n, seats: 3)) }
        let refresher = AggregateRefresher(store: store)
        try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day)
        try store.apply(subscriptionPage(source, customer: 1, seats: 4))
        // A recompute reads (customer 1's change included), a page commits, then the recompute writes: what it
        // read is done with, the page written after its read is not (the steps of `recomputeAggregates`).
        let (computed, shares, freshness) = try refresher.compute(sourceID: source.id, asOf: Self.day)
        try store.apply(subscriptionPage(source, customer: 3, seats: 7))
        try store.pool.write { db in
            try MetricsWriter.replace(
                db, sourceID: source.id, with: computed, shares: shares, durationMs: 0, freshness: freshness)
        }
        #expect(try changed(store, source) == ["3"])
    }

    /// The price book's usual price per product is read from the kept counts (`metrics_price_count`): a change that
    /// leaves every product's most common price stays incremental, one that moves it recomputes the whole source
    /// (every customer's history may be priced by it), and the counts then match a recompute's.
    @Test func aProductsUsualPriceMovingRecomputesEverything() throws {
        let (store, source) = try F.openStore()
        func page(_ customer: Int, price: Int64) -> PageWrite {
            var item = F.subscription(customer, customer: customer, state: .active)
            item.value.productPrice = Money(minorUnits: price, currency: .usd)
            item.raw = "{\"price\":\(price)}"
            return PageWrite(sourceID: source.id, stream: "subscriptions", subscriptions: [item])
        }
        for n in 1...3 { try store.apply(page(n, price: 4_900)) }
        try store.apply(page(4, price: 5_900))
        let refresher = AggregateRefresher(store: store)
        #expect(try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day).changedCustomers == nil)

        try store.apply(page(4, price: 6_900))
        #expect(try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day).changedCustomers == 1)

        // 4,900 x1 against 6,900 x3: the usual price of product 7 moved.
        var two = page(1, price: 6_900)
        two.subscriptions += page(2, price: 6_900).subscriptions
        try store.apply(two)
        let moved = try refresher.refreshAggregates(sourceID: source.id, asOf: Self.day)
        #expect(moved.changedCustomers == nil)
        #expect(moved.recomputeReason == "the most common price of a product moved")
        let counts = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, subscriptions FROM metrics_price_count ORDER BY subscriptions")
                .map { row -> String in
                    let key: String = row["key"]
                    return "\(key.split(separator: "\u{1}")[1]) x\(row["subscriptions"] as Int)"
                }
        }
        #expect(counts == ["4900 x1", "6900 x3"])
    }
}
