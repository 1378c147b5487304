import BillingCore
import BillingStore
import Foundation
import Testing

/// When `AggregateRefresher.refreshIfStale` recomputes: never yet computed, a new day, or changed records
/// once a stream has finished since the data was read; not for a sync that changed nothing, and not after
/// every page of a sync in progress (the dashboard asks after each commit).
struct AggregateStalenessTests {
    typealias F = StoreFixtures
    static let day = LocalDate(iso: "2026-06-20")!

    func page(_ store: BillingStore, _ source: SourceInfo, _ customer: Int) throws {
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [F.customer(customer, first: "C\(customer)", last: "L", email: "c\(customer)@x.io")]))
    }

    func finishStream(_ store: BillingStore, _ source: SourceInfo, _ stream: String = "customers", at seconds: Int64)
        throws
    {
        try store.saveStreamState(
            sourceID: source.id, stream: stream, state: StreamState(phase: .idle, lastCompletedAt: seconds))
    }

    @Test func pagesOfARunningSyncWaitForAStreamToFinish() throws {
        let (store, source) = try F.openStore()
        let refresher = AggregateRefresher(store: store)
        try page(store, source, 1)
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day), "never computed")
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day) == false)

        // A sync in progress: pages change records, no stream has finished since the refresh.
        try page(store, source, 2)
        try page(store, source, 3)
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day) == false, "not after every page")

        // The stream finishes (a second after the refresh read its data): now it is stale.
        let now = Int64(Date().timeIntervalSince1970)
        try finishStream(store, source, at: now + 1)
        // Asking (as `billtop dunning` does before saying it is computing) recomputes nothing.
        #expect(try refresher.isStale(sourceID: source.id, asOf: Self.day))
        #expect(try refresher.isStale(sourceID: source.id, asOf: Self.day))
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day))
        #expect(try refresher.isStale(sourceID: source.id, asOf: Self.day) == false)
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day) == false)

        // A later run that finishes without changing anything leaves the aggregates.
        try page(store, source, 3)  // the same record again
        try finishStream(store, source, at: now + 2)
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day) == false, "a quiet run")

        // A new day always recomputes.
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day.adding(days: 1)))
    }

    @Test func aSecondStreamFinishingInTheSameSecondStillCounts() throws {
        let (store, source) = try F.openStore()
        let refresher = AggregateRefresher(store: store)
        try page(store, source, 1)
        try finishStream(store, source, "customers", at: 1_000)
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day))
        // Another stream's pages land after that refresh read its data, and it finishes in the same second.
        try page(store, source, 2)
        try finishStream(store, source, "invoices", at: 1_000)
        #expect(try refresher.refreshIfStale(sourceID: source.id, asOf: Self.day), "the latest completion did not move")
    }
}
