import ArgumentParser
import BillingCore
import BillingStore
import Foundation

/// `billtop-bench history`: what issue 21's history costs on the sync's write path at scale. Commits synthetic
/// subscription pages (one subscription per customer, a seat component each) as a first sync, then re-lists every
/// subscription with a new price twice: once keeping each replaced version (the per-write observation lookup
/// and insert, as a sync does) and once without; then times the change-event parse over as many events as
/// there are customers. Prints microseconds per record; asserts nothing.
struct BenchHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Benchmark: observation lookup and change-event parse per record.")

    @Option(help: "Customers (one subscription each).") var customers = 100_000
    @Option(help: "Records per page (one transaction each).") var pageSize = 200
    @Option(help: "Where to put the store (default: a temporary directory, removed at the end).") var db: String?

    func validate() throws {
        guard customers > 0, pageSize > 0 else { throw ValidationError("--customers and --page-size must be positive") }
    }

    func run() async throws {
        let bench = try BenchScratchStore(db: db)
        defer { bench.removeIfTemporary() }
        let (store, source) = (bench.store, bench.source)
        store.beginSyncWrites()
        defer { store.endSyncWrites() }

        let first = try await pass(store, source: source, price: 10_000, keeping: true)
        print(String(format: "first listing (nothing stored yet): %.1f us per subscription", first))
        let keeping = try await pass(store, source: source, price: 12_000, keeping: true)
        print(String(format: "every subscription re-priced, versions kept: %.1f us per subscription", keeping))
        let plain = try await pass(store, source: source, price: 14_000, keeping: false)
        print(String(format: "every subscription re-priced, no lookup: %.1f us per subscription", plain))
        let same = try await pass(store, source: source, price: 14_000, keeping: true)
        print(String(format: "unchanged re-listing, lookup on: %.1f us per subscription", same))
        print(String(format: "observation lookup and insert: %.1f us per changed subscription", keeping - plain))
        print("subscription_observation rows: \(try store.observationRows())")

        let events = Self.events(customers)
        let started = Date()
        var parsed = 0
        for event in events where SubscriptionChange.parse(event) != nil { parsed += 1 }
        let parse = Date().timeIntervalSince(started) / Double(events.count) * 1_000_000
        print(String(format: "change-event parse: %.2f us per event (%d of %d parsed)", parse, parsed, events.count))
        var commits: [Double] = []
        for start in stride(from: 0, to: events.count, by: pageSize) {
            let page = events[start..<min(events.count, start + pageSize)].map { Incoming(value: $0, raw: "{}") }
            let t = Date()
            try await store.commit(PageWrite(sourceID: source.id, stream: "events", events: page))
            commits.append(Date().timeIntervalSince(t))
        }
        let commit = commits.reduce(0, +) / Double(events.count) * 1_000_000
        print(String(format: "events page commit: %.1f us per event; with the parse: %.1f us", commit, commit + parse))
    }

    /// Commits every subscription at `price`, page by page; returns the mean commit time per subscription (us).
    func pass(_ store: BillingStore, source: SourceInfo, price: Int64, keeping: Bool) async throws -> Double {
        var seconds = 0.0
        for start in stride(from: 0, to: customers, by: pageSize) {
            let rows = (start..<min(customers, start + pageSize)).map { Self.subscription($0, price: price) }
            var write = PageWrite(sourceID: source.id, stream: "subscriptions", subscriptions: rows)
            write.keepsReplacedVersions = keeping
            let t = Date()
            try await store.commit(write)
            seconds += Date().timeIntervalSince(t)
        }
        return seconds / Double(customers) * 1_000_000
    }

    /// One subscription as a sync maps it; each price is a new version (its `updated_at` moves on).
    static func subscription(_ n: Int, price: Int64) -> Incoming<Subscription> {
        let value = Subscription(
            id: String(70_000_000 + n), customerID: String(40_000_000 + n), state: .active, productID: "pro",
            productName: "Pro", productPrice: Money(minorUnits: price, currency: .usd),
            components: [
                SubscriptionComponent(
                    componentID: "seats", name: "Seats", kind: .quantityBased,
                    quantity: ExactDecimal(Int64(n % 20 + 1)),
                    unitPrice: Money(minorUnits: 500, currency: .usd))
            ], activatedAt: Timestamp(secondsSinceEpoch: 1_700_000_000 + Int64(n)),
            createdAt: Timestamp(secondsSinceEpoch: 1_700_000_000 + Int64(n)),
            updatedAt: Timestamp(secondsSinceEpoch: 1_750_000_000 + price))
        return Incoming(value: value, raw: "{\"id\":\(70_000_000 + n),\"product_price_in_cents\":\(price)}")
    }

    /// As many change events as customers, the four kinds in turn, shaped as Chargify sends them.
    static func events(_ count: Int) -> [BillingEvent] {
        (0..<count).map { n in
            let (key, data): (String, String) =
                switch n % 4 {
                case 0: ("subscription_product_change", #"{"previous_product_id":1001,"new_product_id":1002}"#)
                case 1:
                    (
                        "item_price_point_changed",
                        #"{"item_id":1002,"item_type":"Product","previous_price_point":{"id":2001,"handle":"a"},"current_price_point":{"id":2002,"handle":"b"}}"#
                    )
                case 2:
                    (
                        "component_allocation_change",
                        #"{"component_id":3001,"previous_allocation":10,"new_allocation":15,"memo":"seats"}"#
                    )
                default:
                    (
                        "subscription_state_change",
                        #"{"previous_subscription_state":"active","new_subscription_state":"on_hold"}"#
                    )
                }
            return BillingEvent(
                id: Int64(5_000_000 + n), key: key, subscriptionID: String(70_000_000 + n % 100_000),
                createdAt: Timestamp(secondsSinceEpoch: 1_760_000_000 + Int64(n)), eventSpecificData: data)
        }
    }
}
