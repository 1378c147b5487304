import BillingCore
import BillingStore
import BillingSync
import BilltopApp
import Foundation
import Sandbox
import Testing

/// `StoreDashboardData` (indexed queries + metrics aggregates) answers exactly what the old whole-store
/// snapshot (`StoreSnapshotBuilder` -> `InMemoryDashboardData`) answers on the same synced store.
@Suite(.serialized) struct StoreDashboardDataTests {
    struct Pair {
        let store: StoreDashboardData
        let memory: InMemoryDashboardData
        let asOf: LocalDate
    }

    static func synced(customers: Int = 50, seed: UInt64 = 5) async throws -> (SandboxHarness, Pair) {
        let h = try await SandboxHarness.start(customers: customers, seed: seed)
        let result = try await h.runner([h.source(.chargify)]).runOnce()
        #expect(result.ok, "\(result.failures)")
        let asOf = await h.server.world.company.now.utcDate
        try AggregateRefresher(store: h.store).refreshAggregates(asOf: asOf)
        let memory = try StoreSnapshotBuilder.build(store: h.store, asOf: asOf)
        return (h, Pair(store: StoreDashboardData(store: h.store), memory: memory, asOf: asOf))
    }

    /// A row with empty per-currency entries dropped (a zero entry and no entry mean the same).
    static func normal(_ row: CustomerRow) -> CustomerRow {
        var row = row
        row.mrr = MoneyTotals(row.mrr.nonZeroAmounts)
        row.overdue = MoneyTotals(row.overdue.nonZeroAmounts)
        return row
    }

    @Test func customersInvoicesAndProfilesMatchTheSnapshot() async throws {
        let (h, p) = try await Self.synced()
        defer { Task { await h.stop() } }

        for sort in CustomerQuery.Sort.allCases {
            for descending in [false, true] {
                let query = CustomerQuery(sort: sort, descending: descending)
                let mine = try p.store.customers(query, offset: 0, limit: 10_000)
                let theirs = try p.memory.customers(query, offset: 0, limit: 10_000)
                #expect(mine.total == theirs.total && mine.total > 0)
                #expect(
                    mine.rows.map(Self.normal) == theirs.rows.map(Self.normal),
                    "customers by \(sort) desc \(descending)")
                let window = try p.store.customers(query, offset: 7, limit: 5)
                #expect(window.offset == 7 && window.rows.map(\.key) == Array(theirs.rows[7..<12]).map(\.key))
            }
        }
        let all = try p.memory.customers(CustomerQuery(), offset: 0, limit: 10_000).rows
        let someone = try #require(all.first { $0.name.contains(" ") })
        let word = String(someone.name.split(separator: " ")[0])
        let found = try p.store.customers(CustomerQuery(text: word), offset: 0, limit: 100).rows.map(\.key)
        let contained = Set(try p.memory.customers(CustomerQuery(text: word), offset: 0, limit: 100).rows.map(\.key))
        #expect(found.contains(someone.key) && Set(found).isSubset(of: contained), "type-ahead '\(word)'")

        for status in InvoiceQuery.StatusFilter.allCases {
            for sort in InvoiceQuery.Sort.allCases {
                for descending in [false, true] {
                    let query = InvoiceQuery(status: status, sort: sort, descending: descending, asOf: p.asOf)
                    let mine = try p.store.invoices(query, offset: 0, limit: 100_000)
                    let theirs = try p.memory.invoices(query, offset: 0, limit: 100_000)
                    #expect(mine == theirs, "invoices \(status) by \(sort) desc \(descending)")
                }
            }
        }
        for range in InvoiceQuery.DateRange.allCases {
            let query = InvoiceQuery(dateRange: range, customer: all[3].key, asOf: p.asOf)
            #expect(
                try p.store.invoices(query, offset: 0, limit: 1000) == p.memory.invoices(query, offset: 0, limit: 1000))
            let window = InvoiceQuery(dateRange: range, asOf: p.asOf)
            #expect(
                try p.store.invoices(window, offset: 5, limit: 10) == p.memory.invoices(window, offset: 5, limit: 10))
        }

        for row in all {
            let mine = try #require(try p.store.customer(row.key, asOf: p.asOf))
            let theirs = try #require(try p.memory.customer(row.key, asOf: p.asOf))
            #expect(mine.subscriptions.map(\.mrr) == theirs.subscriptions.map(\.mrr), "\(row.key)")
            #expect(mine.subscriptions.map(\.subscription.id) == theirs.subscriptions.map(\.subscription.id))
            #expect(mine.invoices.map(\.id) == theirs.invoices.map(\.id), "\(row.key)")
            #expect(mine.mrr == theirs.mrr && mine.overdue == theirs.overdue && mine.openDue == theirs.openDue)
        }
        #expect(try p.store.customer(CustomerKey(source: "acme", id: "no-such"), asOf: p.asOf) == nil)
        #expect(try p.store.customer(CustomerKey(source: "nowhere", id: all[0].key.id), asOf: p.asOf) == nil)
        // The health's staleness counts seconds on the wall clock: the two reads may be a second apart.
        let (mine, theirs) = (try p.store.syncStatus(), try p.memory.syncStatus())
        #expect(mine.sources == theirs.sources && mine.log == theirs.log)
        #expect(
            mine.health.map { [$0.name, $0.level.rawValue] } == theirs.health.map { [$0.name, $0.level.rawValue] })
    }

    @Test func dunningAndMRRMatchTheSnapshot() async throws {
        let (h, p) = try await Self.synced(customers: 60, seed: 11)
        defer { Task { await h.stop() } }

        let mine = try p.store.dunning(asOf: p.asOf, limit: 1000)
        let theirs = try p.memory.dunning(asOf: p.asOf, limit: 1000)
        #expect(!theirs.alerts.isEmpty, "the generated company should have accounts in dunning")
        #expect(mine.buckets.mapValues(\.nonZeroAmounts) == theirs.buckets.mapValues(\.nonZeroAmounts))
        #expect(mine.openReceivable.nonZeroAmounts == theirs.openReceivable.nonZeroAmounts)
        #expect(mine.mrrAtRisk.nonZeroAmounts == theirs.mrrAtRisk.nonZeroAmounts)
        #expect(mine.alerts.map(\.customer) == theirs.alerts.map(\.customer))
        for (a, b) in zip(mine.alerts, theirs.alerts) {
            var a = a, b = b
            a.customerMRR = MoneyTotals(a.customerMRR.nonZeroAmounts)
            b.customerMRR = MoneyTotals(b.customerMRR.nonZeroAmounts)
            // The aggregates also report the dunning steps of subscriptions dunning already ended
            // (suspended, canceled); the snapshot read events of problem subscriptions only.
            if !(b.subscriptionState?.isProblem ?? false) {
                (a.dunningStage, a.retries, a.lastFailureReason) = (nil, nil, nil)
                (b.dunningStage, b.retries, b.lastFailureReason) = (nil, nil, nil)
            }
            #expect(a == b)
        }
        let few = try p.store.dunning(asOf: p.asOf, limit: 3).alerts
        #expect(few == Array(mine.alerts.prefix(3)))

        let mrr = try p.store.mrr(asOf: p.asOf)
        let expected = try p.memory.mrr(asOf: p.asOf)
        #expect(!expected.currencies.isEmpty)
        #expect(mrr.currencies == expected.currencies)
        #expect(mrr.scheduledChurn.nonZeroAmounts == expected.scheduledChurn.nonZeroAmounts)
    }

    @Test func beforeTheFirstRefreshDunningAndMRRSayComputingInsteadOfComputingLive() async throws {
        let h = try await SandboxHarness.start(customers: 40, seed: 11)
        defer { Task { await h.stop() } }
        #expect(try await h.runner([h.source(.chargify)]).runOnce().ok)
        let asOf = await h.server.world.company.now.utcDate
        let data = StoreDashboardData(store: h.store)
        let dunning = try data.dunning(asOf: asOf, limit: 100)
        #expect(dunning.computing, "no aggregates yet: the pane must say so, not 'nothing owed'")
        #expect(
            dunning.buckets.isEmpty && dunning.alerts.isEmpty, "nothing computed from invoices on the caller's thread")
        let mrr = try data.mrr(asOf: asOf)
        #expect(mrr.computing && mrr.currencies.isEmpty)

        #expect(try data.refresh(asOf: asOf))
        let after = try data.dunning(asOf: asOf, limit: 100)
        #expect(!after.computing && !after.buckets.isEmpty, "the generated company owes money")
        #expect(!(try data.mrr(asOf: asOf)).computing)
    }

    @Test func refreshRecomputesOnlyAfterASync() async throws {
        let (h, p) = try await Self.synced(customers: 20, seed: 3)
        defer { Task { await h.stop() } }
        #expect(try p.store.refresh(asOf: p.asOf) == false, "aggregates newer than the last sync are kept")
        // A sync that changes nothing leaves them (it used to recompute every source after every run).
        let runner = try h.runner([h.source(.chargify)])
        await h.idle(seconds: 900)
        #expect(await runner.runOnce().ok)
        await h.idle(seconds: 900)
        #expect(await runner.runOnce().ok)
        #expect(try p.store.refresh(asOf: p.asOf) == false, "a quiet sync keeps the aggregates")
        // A sync that brings changes makes them stale.
        await h.advance(seconds: 3 * 86_400)
        #expect(await runner.runOnce().ok)
        #expect(try p.store.refresh(asOf: p.asOf), "changed records make them stale")
        #expect(try p.store.refresh(asOf: p.asOf.adding(days: 1)), "a new day makes them stale")
    }
}
