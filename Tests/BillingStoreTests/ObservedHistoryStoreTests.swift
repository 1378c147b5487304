import BillingCore
import BillingStore
import Testing

/// Issue 21 in the store: a sync keeps the version it replaces, dated at the provider's time; a late change
/// restates its month; a full re-sync, or a fresh store rebuilt from events, gives the same history.
@Suite struct ObservedHistoryStoreTests {
    static func at(_ day: String) -> Timestamp { Timestamp(startOf: LocalDate(iso: day)!) }
    static let asOf = LocalDate(iso: "2026-06-20")!
    static let april = LocalDate(iso: "2026-04-01")!

    static func sub(_ id: String, product: String, price: Int64, updated: String) -> Incoming<Subscription> {
        Incoming(
            value: Subscription(
                id: id, customerID: "c\(id)", state: .active, productID: product, productName: product,
                productPrice: Money(minorUnits: price, currency: .usd), activatedAt: at("2026-01-01"),
                updatedAt: at(updated)),
            raw: "{\"id\":\(id),\"product\":\"\(product)\",\"updated\":\"\(updated)\"}")
    }

    static let upgrade = Incoming(
        value: BillingEvent(
            id: 900, key: "subscription_product_change", subscriptionID: "1", createdAt: at("2026-04-10"),
            eventSpecificData: #"{"previous_product_id":"basic","new_product_id":"pro"}"#), raw: "{}")
    static let signup = Incoming(
        value: BillingEvent(id: 100, key: "signup_success", subscriptionID: "1", createdAt: at("2025-12-01")),
        raw: "{}")

    static func write(
        _ store: BillingStore, _ source: Int64, _ subs: [Incoming<Subscription>], events: [Incoming<BillingEvent>] = []
    )
        throws
    {
        try store.apply(PageWrite(sourceID: source, stream: "subscriptions", subscriptions: subs, events: events))
    }

    static func months(_ store: BillingStore, _ source: Int64) throws -> [MonthMovements] {
        try AggregateRefresher(store: store).refreshAggregates(asOf: asOf)
        return try MetricsStore(store: store).monthlyMovements(
            sourceID: source, from: LocalDate(iso: "2026-01-01")!, through: asOf)
    }

    static func april(_ months: [MonthMovements]) -> MRRBridge? {
        months.first { $0.month == april }?.bridges.first
    }

    @Test func aChangeSeenLateIsKeptAtTheProvidersTimeAndRestatesItsMonth() throws {
        let (store, source) = try StoreFixtures.openStore()
        // First sync (say in March): basic at $100, as updated on 5 March; a second customer on basic too.
        try Self.write(
            store, source.id,
            [
                Self.sub("1", product: "basic", price: 10_000, updated: "2026-03-05"),
                Self.sub("2", product: "basic", price: 10_000, updated: "2026-01-01"),
            ])
        let before = try Self.months(store, source.id)
        #expect(Self.april(before)?.expansion == 0)
        // A later sync brings the upgrade, dated 10 April by the provider: April is restated.
        try Self.write(store, source.id, [Self.sub("1", product: "pro", price: 15_000, updated: "2026-04-10")])
        let after = try Self.months(store, source.id)
        let bridge = try #require(Self.april(after))
        #expect(bridge.expansion == 5_000 && bridge.start == 20_000 && bridge.end == 25_000 && bridge.reconciles)
        #expect(after.first { $0.month == Self.april }?.basis == .observed)
        // A full re-sync sees the same records again: nothing is added and the history does not move.
        try Self.write(
            store, source.id,
            [
                Self.sub("1", product: "pro", price: 15_000, updated: "2026-04-10"),
                Self.sub("2", product: "basic", price: 10_000, updated: "2026-01-01"),
            ])
        #expect(try Self.months(store, source.id) == after)
        // The customer screen's view of the same history.
        let customer = try MetricsStore(store: store).customerHistory(sourceID: source.id, customerID: "c1")
        #expect(customer.movements.map(\.kind) == [.new, .expansion])
        #expect(customer.movements.map(\.date) == [LocalDate(iso: "2026-01-01")!, LocalDate(iso: "2026-04-10")!])
        #expect(customer.points.map(\.mrr.minorUnits).suffix(2) == [10_000, 15_000])
    }

    @Test func aFreshStoreRebuiltFromEventsGivesTheIncrementalHistory() throws {
        let (incremental, a) = try StoreFixtures.openStore()
        try Self.write(
            incremental, a.id,
            [
                Self.sub("1", product: "basic", price: 10_000, updated: "2026-03-05"),
                Self.sub("2", product: "basic", price: 10_000, updated: "2026-01-01"),
            ], events: [Self.signup])
        try Self.write(
            incremental, a.id, [Self.sub("1", product: "pro", price: 15_000, updated: "2026-04-10")],
            events: [Self.upgrade])
        let (fresh, b) = try StoreFixtures.openStore()
        try Self.write(
            fresh, b.id,
            [
                Self.sub("1", product: "pro", price: 15_000, updated: "2026-04-10"),
                Self.sub("2", product: "basic", price: 10_000, updated: "2026-01-01"),
            ],
            events: [Self.signup, Self.upgrade])
        let seen = try Self.months(incremental, a.id)
        let rebuilt = try Self.months(fresh, b.id)
        #expect(seen.map(\.bridges) == rebuilt.map(\.bridges))
        #expect(Self.april(rebuilt)?.expansion == 5_000)
        // Same figures, honest labels: the fresh store knows April from events, the incremental one saw it.
        #expect(rebuilt.first { $0.month == Self.april }?.basis == .events)
    }

    @Test func aProductNoOneIsOnNowIsPricedFromItsLastInvoiceAndLabelledSo() throws {
        let (store, source) = try StoreFixtures.openStore()
        let usd = { (minor: Int64) in Money(minorUnits: minor, currency: .usd) }
        // Billed $120 for "legacy" in May (and $999 for it long before: only the last line before counts).
        let invoices = [("i1", "2025-11-10", Int64(99_900)), ("i2", "2026-05-10", Int64(12_000))].map {
            id, start, unit in
            Incoming(
                value: Invoice(
                    id: id, number: id, customerID: "c1", subscriptionID: "1", status: .paid, currency: .usd,
                    total: usd(unit), due: usd(0),
                    lineItems: [
                        InvoiceLineItem(
                            id: "\(id)-l", title: "Legacy", unitPrice: usd(unit), subtotal: usd(unit), total: usd(unit),
                            periodStart: LocalDate(iso: start), periodEnd: LocalDate(iso: start)!.adding(months: 1),
                            productID: "legacy", kind: "baseline", isRecurring: true)
                    ]), raw: "{\"id\":\"\(id)\"}")
        }
        let change = Incoming(
            value: BillingEvent(
                id: 901, key: "subscription_product_change", subscriptionID: "1", createdAt: Self.at("2026-06-10"),
                eventSpecificData: #"{"previous_product_id":"legacy","new_product_id":"pro"}"#), raw: "{}")
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "all",
                subscriptions: [Self.sub("1", product: "pro", price: 15_000, updated: "2026-06-10")],
                invoices: invoices, events: [Self.signup, change]))
        let months = try Self.months(store, source.id)
        let june = try #require(months.first { $0.month == LocalDate(iso: "2026-06-01") })
        #expect(june.bridges.first?.expansion == 3_000 && june.bridges.first?.start == 12_000)
        #expect(june.basis == .invoices && months.first { $0.month == Self.april }?.basis == .invoices)
    }
}
