import BillingCore
import Testing

/// Random change sequences played forward are the truth; the history rebuilt backwards from today's record and
/// the events must give the same MRR every day, and every bridge over it must reconcile to the minor unit.
@Suite struct HistoryPropertyTests {
    static let first = LocalDate(iso: "2025-01-01")!
    static let last = first.adding(days: 540)
    static let products: [Currency: [(String, Int64)]] = [
        .usd: [("u1", 2_900), ("u2", 9_900), ("u3", 14_950)], .jpy: [("j1", 3_000), ("j2", 11_000)],
    ]
    static let book = ProductPriceBook(
        prices: products.flatMap { currency, list in
            list.map { ($0.0, Money(minorUnits: $0.1, currency: currency), BillingInterval.monthly) }
        })

    struct Played {
        var current: Subscription
        var truth: [(from: LocalDate, version: Subscription)]
        var changes: [SubscriptionChange]
    }

    /// One subscription's life: a start, then up to six product, seat and pause/resume changes on distinct days.
    static func play(_ rng: inout SeededRandom, id: Int) -> Played {
        let currency: Currency = rng.chance(70) ? .usd : .jpy
        let plans = products[currency]!
        var plan = plans[rng.int(0...plans.count - 1)]
        let activated = first.adding(days: rng.int(-60...300))
        var version = Subscription(
            id: "s\(id)", customerID: "c\(rng.int(0...11))", state: .active, productID: plan.0,
            productPrice: Money(minorUnits: plan.1, currency: currency),
            components: [
                SubscriptionComponent(
                    componentID: "seats", name: "Seats", kind: .quantityBased,
                    quantity: ExactDecimal(Int64(rng.int(0...20))),
                    unitPrice: Money(minorUnits: Int64(rng.int(1...999)), currency: currency))
            ], activatedAt: Timestamp(startOf: activated), updatedAt: Timestamp(startOf: activated))
        var played = Played(current: version, truth: [(activated, version)], changes: [])
        var day = activated
        for n in 0..<rng.int(0...6) {
            day = day.adding(days: rng.int(1...70))
            guard day <= last else { break }
            let at = Timestamp(
                secondsSinceEpoch: Timestamp(startOf: day).secondsSinceEpoch + Int64(rng.int(0...86_399)))
            let kind: SubscriptionChange.Kind
            switch rng.int(0...2) {
            case 0:
                let next = plans.filter { $0.0 != plan.0 }[rng.int(0...plans.count - 2)]
                kind = .product(previousID: plan.0, newID: next.0)
                plan = next
                version.productID = next.0
                version.productPrice = Money(minorUnits: next.1, currency: currency)
            case 1:
                let old = version.components[0].quantity
                let new = ExactDecimal(Int64(rng.int(0...30)))
                kind = .allocation(componentID: "seats", previous: old, new: new)
                version.components[0].quantity = new
            default:
                let paused = version.state == .onHold
                kind = .state(previous: version.state, new: paused ? .active : .onHold)
                version.state = paused ? .active : .onHold
                version.onHoldAt = paused ? nil : at
            }
            version.updatedAt = at
            played.changes.append(SubscriptionChange(subscriptionID: version.id, at: at, eventID: Int64(n), kind: kind))
            played.truth.append((day, version))
        }
        played.current = version
        return played
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func rebuiltHistoryEqualsTheTruthAndEveryBridgeReconciles(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let lives = (0..<50).map { Self.play(&rng, id: $0) }
        let timelines = lives.map {
            SubscriptionTimeline.build(
                current: $0.current, changes: $0.changes.shuffled(using: &rng), prices: Self.book)
        }
        let rebuilt = MRRHistory.fromTimelines(timelines, from: Self.first, through: Self.last)
        // The truth, day by day, straight from the versions played forward.
        var truth: [CustomerCurrency: [LocalDate: Int64]] = [:]
        var day = Self.first
        while day <= Self.last {
            for life in lives {
                let version = life.truth.last { $0.from <= day }?.version ?? life.truth[0].version
                let key = CustomerCurrency(customerID: version.customerID, currency: version.currency)
                truth[key, default: [:]][day, default: 0] += SubscriptionMRR.mrr(of: version, on: day).minorUnits
            }
            day = day.adding(days: 1)
        }
        for (key, days) in truth {
            for (day, value) in days where rebuilt.value(key, on: day) != value {
                Issue.record(
                    "seed \(seed) \(key.customerID) \(key.currency) \(day): \(rebuilt.value(key, on: day)) != \(value)")
                return
            }
        }
        for _ in 0..<15 {
            let start = Self.first.adding(days: rng.int(1...500))
            let end = min(start.adding(days: rng.int(0...90)), Self.last)
            for bridge in rebuilt.bridges(from: start, through: end) {
                #expect(bridge.reconciles, "seed \(seed) \(bridge.currency) \(start)...\(end)")
                let sum = { (d: LocalDate) in
                    truth.filter { $0.key.currency == bridge.currency }.values.reduce(Int64(0)) { $0 + ($1[d] ?? 0) }
                }
                #expect(bridge.end == sum(end) && bridge.start == sum(start.adding(days: -1)))
            }
        }
    }
}
