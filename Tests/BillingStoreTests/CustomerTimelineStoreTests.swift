import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// Migration `v8-customer-timeline-index` and the reads behind `billtop open` and the customer screen's
/// timeline: a customer's events (its own and its subscriptions'), newest first, through indexes; which live
/// customers an id, email, reference, invoice number, invoice uid or subscription id names.
@Suite struct CustomerTimelineStoreTests {
    static func event(_ id: Int64, _ key: String, subscription: String?, customer: String?) -> Incoming<BillingEvent> {
        Incoming(
            value: BillingEvent(
                id: id, key: key, message: "m\(id)", subscriptionID: subscription, customerID: customer,
                createdAt: Timestamp(secondsSinceEpoch: 1_700_000_000 + id)),
            raw: "{\"id\":\(id)}")
    }

    /// Customers 1 (subscriptions 10 and 11) and 2 (subscription 20), events of both in every shape.
    static func filled() throws -> (BillingStore, SourceInfo) {
        let (store, source) = try StoreFixtures.openStore()
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "events",
                customers: [
                    StoreFixtures.customer(1, first: "Jane", last: "Doe", email: "Jane@Acme.io"),
                    StoreFixtures.customer(2, first: "John", last: "Roe", email: "john@globex.com"),
                ],
                subscriptions: [
                    StoreFixtures.subscription(10, customer: 1, state: .pastDue),
                    StoreFixtures.subscription(11, customer: 1, state: .canceled),
                    StoreFixtures.subscription(20, customer: 2, state: .active),
                ],
                invoices: [
                    StoreFixtures.invoice(
                        "inv_1", customer: 1, status: .open, due: 100, dueDate: "2026-05-01", issue: "2026-04-01"),
                    StoreFixtures.invoice(
                        "inv_2", customer: 2, status: .paid, due: 0, dueDate: "2026-05-01", issue: "2026-04-01"),
                ],
                events: [
                    event(1, "signup_success", subscription: "10", customer: "1"),
                    event(2, "payment_success", subscription: "20", customer: "2"),
                    // Only the subscription's id: still customer 1's (some Chargify events carry no customer id).
                    event(3, "payment_failure", subscription: "11", customer: nil),
                    // Only the customer's id.
                    event(4, "customer_update", subscription: nil, customer: "1"),
                    event(5, "dunning_step_reached", subscription: "10", customer: "1"),
                    event(6, "customer_update", subscription: nil, customer: "2"),
                ]))
        return (store, source)
    }

    @Test func aCustomersEventsAreItsOwnAndItsSubscriptionsNewestFirst() throws {
        let (store, source) = try Self.filled()
        let key = RecordKey(sourceID: source.id, remoteID: "1")
        #expect(try store.customerEvents(key).map(\.id) == [5, 4, 3, 1])
        #expect(try store.customerEvents(key, limit: 2).map(\.id) == [5, 4])
        #expect(try store.customerEvents(RecordKey(sourceID: source.id, remoteID: "2")).map(\.id) == [6, 2])
        #expect(try store.customerEvents(RecordKey(sourceID: source.id, remoteID: "9")).isEmpty)
    }

    @Test func theTimelineSeeksIndexesAndNeverScansTheEventTable() throws {
        let (store, _) = try Self.filled()
        let plan = try store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN SELECT id " + CustomerTimelineIndex.rest, arguments: [1, "1", 50]
            )
            .map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("event_by_customer (source_id=? AND customer_remote_id=?)"), "\(plan)")
        #expect(plan.contains("event_by_subscription (source_id=? AND subscription_remote_id=?)"), "\(plan)")
        #expect(plan.contains("subscription_by_customer (source_id=? AND customer_remote_id=?)"), "\(plan)")
        // Never a walk over every event of the source, in order or not.
        #expect(!plan.contains("SCAN event") && !plan.contains("(source_id=?)\n"), "\(plan)")
        #expect(!plan.hasSuffix("(source_id=?)"), "\(plan)")
    }

    @Test func plainTextFindsLiveCustomersByIdEmailAnyCaseAndReference() throws {
        let (store, source) = try Self.filled()
        let one = [RecordKey(sourceID: source.id, remoteID: "1")]
        #expect(try store.customers(matching: "1") == one)
        #expect(try store.customers(matching: "jane@acme.IO") == one)
        #expect(try store.customers(matching: "ref-1") == one)
        #expect(try store.customers(matching: "ref-").isEmpty)
        #expect(try store.customers(matching: "'; DROP TABLE customer; --").isEmpty)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                tombstones: [Tombstone(table: .customer, remoteID: "1", at: 1_800_000_000)]))
        #expect(try store.customers(matching: "1").isEmpty)
        #expect(try store.customers(ofInvoiceNumber: "INV-1").isEmpty)
    }

    @Test func invoicesAndSubscriptionsNameTheirCustomer() throws {
        let (store, source) = try Self.filled()
        let one = [RecordKey(sourceID: source.id, remoteID: "1")]
        #expect(try store.customers(ofInvoiceNumber: "INV-1") == one)
        #expect(try store.customers(ofInvoiceNumber: "INV-2") == [RecordKey(sourceID: source.id, remoteID: "2")])
        #expect(try store.customers(ofInvoiceNumber: "INV-").isEmpty)
        #expect(try store.customer(ofInvoiceUID: "inv_1", sourceID: source.id) == one)
        #expect(try store.customer(ofInvoiceUID: "inv_1", sourceID: source.id + 1).isEmpty)
        #expect(try store.customer(ofSubscription: "11", sourceID: source.id) == one)
        #expect(try store.customer(ofSubscription: "99", sourceID: source.id).isEmpty)
    }
}
