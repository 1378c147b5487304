import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

/// A store billtop cannot write: what decides that an error means "read-only", and the metrics computed
/// without saving them. (Opening such a store is proven with the real binary: `ReliabilityOddStoreTests`.)
struct ReadOnlyStoreTests {
    @Test func readOnlyCausesAreToldFromOtherFailures() {
        #expect(StoreOpenError.isReadOnly(DatabaseError(resultCode: .SQLITE_READONLY)))
        #expect(!StoreOpenError.isReadOnly(DatabaseError(resultCode: .SQLITE_FULL)))
        #expect(!StoreOpenError.isReadOnly(DatabaseError(resultCode: .SQLITE_CORRUPT)))
        #expect(
            StoreOpenError.isReadOnly(StoreOpenError.explain(DatabaseError(resultCode: .SQLITE_CANTOPEN), path: "/x")))
        #expect(!StoreOpenError.isReadOnly(StoreOpenError.explain(DatabaseError(resultCode: .SQLITE_BUSY), path: "/x")))
    }

    /// What `billtop mrr` and `dunning` show from a store they cannot write equals what a refresh saves,
    /// and computing it writes nothing to the store.
    @Test func metricsComputedInMemoryEqualTheSavedOnesAndWriteNothing() throws {
        let (store, source) = try MetricsStoreTests.store()
        let asOf = MetricsStoreTests.day("2026-06-20")
        let refresher = AggregateRefresher(store: store)
        let memory = try refresher.computeInMemory(sourceIDs: [source], asOf: asOf)
        let saved = try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM metrics_refresh") }
        #expect(saved == 0, "computing in memory wrote the store's aggregates")
        let inMemory = MetricsStore(store: store, aggregates: memory)

        try refresher.refreshAggregates(sourceID: source, asOf: asOf)
        let stored = MetricsStore(store: store)
        let summary = try #require(try inMemory.mrrSummary(sourceID: source, asOf: asOf))
        #expect(!summary.currencies.isEmpty, "the fixture has MRR; an empty summary would prove nothing")
        #expect(summary == (try stored.mrrSummary(sourceID: source, asOf: asOf)))
        #expect(try inMemory.aging(sourceID: source, asOf: asOf) == (try stored.aging(sourceID: source, asOf: asOf)))
        let alerts = try inMemory.dunningAlerts(sourceID: source, offset: 0, limit: 100)
        #expect(!alerts.isEmpty, "the fixture has a customer in dunning")
        #expect(alerts == (try stored.dunningAlerts(sourceID: source, offset: 0, limit: 100)))
        #expect(try inMemory.refreshInfo(sourceID: source)?.asOf == asOf)
    }
}
