import BillingCore
import BillingStore
import BillingSync
import Foundation
import Sandbox
import Testing

/// Issue 21's allocations history through sandbox -> sync -> store -> metrics: a seat change the event log no
/// longer holds, known only from `GET /subscriptions/{id}/components/{cid}/allocations.json`, is expansion on
/// its day, Chargify direct and through Truto's proxy alike.
@Suite(.serialized) struct AllocationHistoryEndToEndTests {
    @Test func aSeatChangeKnownOnlyFromAllocationsIsExpansionInItsMonthOnBothPaths() async throws {
        let h = try await SandboxHarness.start(customers: 40, seed: 7)
        defer { Task { await h.stop() } }
        let company = await h.server.world.company
        let now = company.now.secondsSinceEpoch
        let planKeys: Set<String> = [
            "component_allocation_change", "subscription_product_change", "subscription_state_change",
        ]
        // A monthly subscription with per-unit seats whose log names no plan change: its history is flat but
        // for the allocation added below.
        let pick = company.subscriptions.lazy.compactMap { s -> (SandboxSubscription, SandboxAllocation, Int64)? in
            guard s.state == "active", let activated = s.activatedAt, activated < now - 200 * 86_400,
                s.couponCodes.isEmpty,
                let product = company.product(id: s.productID), product.interval == 1, product.intervalUnit == .month,
                let seat = s.components.first(where: {
                    company.component(id: $0.componentID)?.kind == "quantity_based_component"
                        && $0.allocatedQuantity >= 5
                }),
                let point = company.pricePoint(id: seat.pricePointID), point.pricingScheme == "per_unit",
                !company.events.contains(where: { $0.subscriptionID == s.id && planKeys.contains($0.key) })
            else { return nil }
            return (s, seat, point.unitPriceInCents)
        }.first
        let (subscription, seat, unitPrice) = try #require(pick, "the seeded company should have such a subscription")
        // Three months ago, mid-month: 3 seats added, with no event.
        let month = company.now.utcDate.startOfMonth.adding(months: -3)
        let at = Timestamp(startOf: month.adding(days: 11)).secondsSinceEpoch + 13 * 3_600
        await h.server.world.edit {
            $0.allocationsWithoutEvents.append(
                SandboxAllocationRecord(
                    id: 9_000_001, subscriptionID: subscription.id, componentID: seat.componentID,
                    quantity: seat.allocatedQuantity, previousQuantity: seat.allocatedQuantity - 3, at: at))
        }
        let runner = try h.runner([h.source(.chargify), h.source(.truto)])
        let result = await runner.runOnce()
        #expect(result.ok, "\(result.failures)")
        let today = company.now.utcDate
        try AggregateRefresher(store: h.store).refreshAggregates(asOf: today)
        let metrics = MetricsStore(store: h.store)
        let expected = MRRMovement(
            date: Timestamp(secondsSinceEpoch: at).utcDate, customerID: String(subscription.customerID),
            kind: .expansion,
            amount: Money(minorUnits: 3 * unitPrice, currency: company.component(id: seat.componentID)!.currency))
        for name in ["acme", "acme-truto"] {
            let source = try #require(try h.store.source(named: name))
            let history = try metrics.customerHistory(sourceID: source.id, customerID: String(subscription.customerID))
            let inMonth = history.movements.filter { $0.date.startOfMonth == month }
            #expect(inMonth == [expected], "\(name): \(history.movements)")
            let months = try metrics.monthlyMovements(sourceID: source.id, from: month, through: month.endOfMonth)
            let bridge = try #require(months.first?.bridges.first { $0.currency == expected.amount.currency })
            #expect(bridge.expansion >= 3 * unitPrice && bridge.reconciles, "\(name)")
        }
    }
}

extension AllocationHistoryEndToEndTests {
    /// A component's allocation history is read once per process: a second listing of the same subscriptions (a
    /// dashboard's next sync) costs no allocation request, though the subscriptions are listed again.
    @Test func anAllocationHistoryIsReadOncePerProcess() async throws {
        let h = try await SandboxHarness.start(customers: 30, seed: 7)
        defer { Task { await h.stop() } }
        let runner = try h.runner([h.source(.chargify)])
        func allocationRequests() async -> Int {
            await h.server.requestLog().filter { $0.path.hasSuffix("/allocations.json") }.count
        }
        _ = await runner.runOnce(full: true, sourceName: nil)
        let first = await allocationRequests()
        #expect(first > 0, "the first listing reads the histories")
        _ = await runner.runOnce(full: true, sourceName: nil)
        let subscriptionsListed = await h.server.requestLog().filter { $0.path == "/subscriptions.json" }.count
        #expect(subscriptionsListed >= 2, "the subscriptions were listed again")
        #expect(await allocationRequests() == first, "no history read twice")
    }
}
