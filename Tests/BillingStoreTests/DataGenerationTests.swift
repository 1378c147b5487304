import BillingCore
import BillingStore
import GRDB
import Testing

/// `source.data_generation` (`DataGeneration`) moves once per transaction that inserted, changed or tombstoned
/// a record, and never for a page that re-lists records as they are stored.
struct DataGenerationTests {
    typealias F = StoreFixtures

    static func generation(_ store: BillingStore, _ source: SourceInfo) throws -> Int64 {
        try store.pool.read {
            try Int64.fetchOne($0, sql: "SELECT data_generation FROM source WHERE id = ?", arguments: [source.id]) ?? -1
        }
    }

    func event(_ id: Int64, raw: String = "{}") -> Incoming<BillingEvent> {
        Incoming(value: BillingEvent(id: id, key: "payment_success", message: "paid", customerID: "1"), raw: raw)
    }

    /// A team copy keeps no event's JSON (`PostgresStore.copyColumns`): an event whose fields change with the
    /// same (empty) text is still rewritten, and one re-listed as it is still is not.
    @Test func anEventWithoutItsJSONIsRewrittenWhenAFieldChanges() throws {
        let (store, source) = try F.openStore()
        var copied = event(1, raw: "")
        try store.apply(PageWrite(sourceID: source.id, stream: "team", events: [copied]))
        try store.apply(PageWrite(sourceID: source.id, stream: "team", events: [copied]))
        #expect(try Self.generation(store, source) == 1)
        copied.value.eventSpecificData =
            #"{"previous_subscription_state":"active","new_subscription_state":"past_due"}"#
        try store.apply(PageWrite(sourceID: source.id, stream: "team", events: [copied]))
        #expect(try Self.generation(store, source) == 2)
        #expect(try store.events(sourceID: source.id).first?.eventSpecificData == copied.value.eventSpecificData)
        copied.value.message = "paid, re-described"
        try store.apply(PageWrite(sourceID: source.id, stream: "team", events: [copied]))
        #expect(try store.events(sourceID: source.id).first?.message == "paid, re-described")
    }

    @Test func onlyPagesThatChangeSomethingCount() throws {
        let (store, source) = try F.openStore()
        #expect(try Self.generation(store, source) == 0)
        let ada = F.customer(1, first: "Ada", last: "Lovelace", email: "ada@x.io")
        let invoice = F.invoice(
            "inv_0001", customer: 1, status: .open, due: 500, dueDate: "2026-07-01", issue: "2026-06-01")
        let page = PageWrite(
            sourceID: source.id, stream: "customers", customers: [ada], invoices: [invoice], events: [event(1)])
        try store.apply(page)
        #expect(try Self.generation(store, source) == 1, "one transaction, one step, however many records")

        try store.apply(page)
        #expect(try Self.generation(store, source) == 1, "the same records again change nothing")

        var renamed = ada
        renamed.value.lastName = "Byron"
        try store.apply(PageWrite(sourceID: source.id, stream: "customers", customers: [renamed]))
        #expect(try Self.generation(store, source) == 2)
        try store.apply(PageWrite(sourceID: source.id, stream: "events", events: [event(1, raw: #"{"v":2}"#)]))
        #expect(try Self.generation(store, source) == 3, "an event whose text changed")

        let gone = Tombstone(table: .invoice, remoteID: "inv_0001", at: 9)
        try store.apply(PageWrite(sourceID: source.id, stream: "events", tombstones: [gone]))
        #expect(try Self.generation(store, source) == 4)
        try store.apply(PageWrite(sourceID: source.id, stream: "events", tombstones: [gone]))
        #expect(try Self.generation(store, source) == 4, "tombstoning a tombstoned row changes nothing")

        var subscription = F.subscription(10, customer: 1, state: .active)
        try store.apply(PageWrite(sourceID: source.id, stream: "subscriptions", subscriptions: [subscription]))
        #expect(try Self.generation(store, source) == 5)
        try store.apply(PageWrite(sourceID: source.id, stream: "subscriptions", subscriptions: [subscription]))
        #expect(try Self.generation(store, source) == 5, "a subscription re-listed as it is changes nothing")
        // Components come from another request than the raw JSON: a change there alone is still a change.
        subscription.value.components = [
            SubscriptionComponent(
                componentID: "77", name: "Seats", kind: .quantityBased, quantity: ExactDecimal(3),
                unitPrice: Money(minorUnits: 1_000, currency: .usd))
        ]
        try store.apply(PageWrite(sourceID: source.id, stream: "subscriptions", subscriptions: [subscription]))
        #expect(try Self.generation(store, source) == 6)
        let stored = try store.allSubscriptions(sourceID: source.id)
        #expect(
            stored.flatMap { $0.value.components.map(\.componentID) } == ["77"], "and its components were rewritten")
    }

    @Test func aReconcileThatTombstonesCounts() throws {
        let (store, source) = try F.openStore()
        let floor = try store.beginCompleteListing(sourceID: source.id, stream: "customers", table: .customer)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [
                    F.customer(1, first: "A", last: "A", email: "a@x.io"),
                    F.customer(2, first: "B", last: "B", email: "b@x.io"),
                ], seenFloor: floor))
        let state = StreamState(phase: .idle, runStartedAt: 1, fullListing: true, seenFloor: floor)
        #expect(
            try store.reconcile(sourceID: source.id, stream: "customers", table: .customer, at: 5, state: state) == 0)
        #expect(try Self.generation(store, source) == 1, "a reconcile that removed nothing")

        // A second complete listing that no longer sees customer 2.
        let second = try store.beginCompleteListing(sourceID: source.id, stream: "customers", table: .customer)
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "customers",
                customers: [F.customer(1, first: "A", last: "A", email: "a@x.io")],
                recordSeen: true, seenFloor: second))
        let done = StreamState(phase: .idle, runStartedAt: 2, fullListing: true, seenFloor: second)
        #expect(
            try store.reconcile(sourceID: source.id, stream: "customers", table: .customer, at: 6, state: done) == 1)
        #expect(try Self.generation(store, source) == 2)
    }
}
