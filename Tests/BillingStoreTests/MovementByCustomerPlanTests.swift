import BillingCore
import GRDB
import Testing

@testable import BillingStore

/// The customer screen reads one customer's MRR movements on every open: by index, never a walk over every
/// movement of the source (that walk took 214 ms at the median on the 100k-customer store).
struct MovementByCustomerPlanTests {
    @Test func oneCustomersMovementsSeekTheirIndexInDayOrder() throws {
        let (store, _) = try StoreFixtures.openStore()
        let plan = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + MovementByCustomerIndex.customerMovements, arguments: [1, "42"]
            ).map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("metrics_movement_by_customer (source_id=? AND customer_remote_id=?)"), "\(plan)")
        #expect(!plan.contains("TEMP B-TREE"), "the index gives day order without a sort: \(plan)")
    }
}
