import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// A seat change known only from a subscription's allocation history (issue 21) reaches the incremental
/// refresh (issue 22): the allocation's subscription's customer is marked changed in the page's transaction.
struct AllocationDirtyTests {
    @Test func anAllocationAloneMarksItsSubscriptionsCustomerChanged() throws {
        let store = try BillingStore.open(path: StoreFixtures.temporaryPath())
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let pages = IncrementalRefreshTests()
        for n in 1...3 { try store.apply(pages.subscriptionPage(source, customer: n, seats: 3)) }
        try AggregateRefresher(store: store).refreshAggregates(sourceID: source.id, asOf: IncrementalRefreshTests.day)
        #expect(try pages.changed(store, source).isEmpty)
        let subscription = StoreFixtures.subscription(2, customer: 2, state: .active).value
        let allocation = ComponentAllocation(
            subscriptionID: subscription.id, componentID: "11", allocationID: 7, quantity: ExactDecimal(5),
            previousQuantity: ExactDecimal(3), at: Timestamp(iso: "2026-06-10T00:00:00Z")!)
        try store.apply(PageWrite(sourceID: source.id, stream: "allocations", allocations: [allocation]))
        #expect(try pages.changed(store, source) == ["2"])
        let report = try AggregateRefresher(store: store).refreshAggregates(
            sourceID: source.id, asOf: IncrementalRefreshTests.day)
        #expect(report.changedCustomers == 1)
    }
}
