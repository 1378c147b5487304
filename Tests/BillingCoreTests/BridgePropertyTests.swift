import BillingCore
import Testing

/// The bridge identity over many seeded random histories, and change points against a plain daily walk.
@Suite struct BridgePropertyTests {
    static let currencies = [Currency.usd, .jpy, .kwd, .eur]
    static let first = LocalDate(iso: "2025-01-01")!

    /// A random subscription: random plan, interval, components, coupons, lifecycle and state.
    static func randomSubscription(_ rng: inout SeededRandom, id: Int, customers: Int) -> Subscription {
        let currency = currencies[rng.int(0...3)]
        let price = Money(minorUnits: Int64(rng.int(0...500_000)), currency: currency)
        let interval =
            rng.chance(20)
            ? BillingInterval(count: [7, 14, 30][rng.int(0...2)], unit: .day)
            : BillingInterval(count: [1, 1, 3, 12][rng.int(0...3)], unit: .month)
        let activated = first.adding(days: rng.int(-100...600))
        var components: [SubscriptionComponent] = []
        for c in 0..<rng.int(0...2) {
            let kind: SubscriptionComponent.Kind = [.quantityBased, .onOff, .metered][rng.int(0...2)]
            components.append(
                SubscriptionComponent(
                    componentID: "k\(c)", name: "k", kind: kind,
                    quantity: ExactDecimal(significand: Int64(rng.int(0...300)), scale: rng.int(0...1)),
                    unitPrice: Money(minorUnits: Int64(rng.int(1...9_999)), currency: currency)))
        }
        var coupons: [Coupon] = []
        if rng.chance(40) {
            let discount: Coupon.Discount =
                rng.chance(50)
                ? .percentage(ExactDecimal(significand: Int64(rng.int(1...1000)), scale: 1))
                : .amount(Money(minorUnits: Int64(rng.int(1...20_000)), currency: currency))
            coupons.append(
                Coupon(
                    code: "C", discount: discount, recurring: rng.chance(80),
                    durationPeriods: rng.chance(50) ? rng.int(1...6) : nil,
                    appliedAt: rng.chance(50) ? Timestamp(startOf: activated.adding(days: rng.int(0...90))) : nil,
                    endsAt: rng.chance(30) ? Timestamp(startOf: activated.adding(days: rng.int(1...400))) : nil))
        }
        let states: [SubscriptionState] = [
            .active, .active, .pastDue, .unpaid, .canceled, .onHold, .trialing, .softFailure,
        ]
        let state = states[rng.int(0...7)]
        let ended = Timestamp(startOf: activated.adding(days: rng.int(1...400)))
        return Subscription(
            id: "s\(id)", customerID: "c\(rng.int(0...customers - 1))", state: state, productID: "p",
            productPrice: price,
            interval: interval, components: components, coupons: coupons,
            currentPeriodEndsAt: rng.chance(30) ? Timestamp(startOf: activated.adding(days: rng.int(1...700))) : nil,
            activatedAt: state == .trialing ? nil : Timestamp(startOf: activated),
            canceledAt: state == .canceled ? ended : nil, cancelAtEndOfPeriod: state == .active && rng.chance(20),
            onHoldAt: state == .onHold ? ended : nil, updatedAt: ended)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func bridgeReconcilesForEveryCurrencyAndPeriod(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let subs = (0..<150).map { Self.randomSubscription(&rng, id: $0, customers: 40) }
        let last = Self.first.adding(days: 729)
        let settings = MetricsSettings(unpaidCountsInMRR: seed % 2 == 0)
        let series = MRRHistory.fromSubscriptions(subs, from: Self.first, through: last, settings: settings)
        for _ in 0..<12 {
            let start = Self.first.adding(days: rng.int(1...700))
            let end = start.adding(days: rng.int(0...120))
            let bridges = series.bridges(
                from: start, through: min(end, last), reactivationWindowDays: seed % 3 == 0 ? 60 : nil)
            for bridge in bridges {
                #expect(bridge.reconciles, "seed \(seed) \(bridge.currency) \(start)...\(end)")
                // Start and end are measured from the subscriptions themselves, not from the series.
                let direct = MRRRollup.companyMRR(subs, on: min(end, last), settings: settings).mrr[bridge.currency]
                #expect(bridge.end == direct.minorUnits)
                let before = MRRRollup.companyMRR(subs, on: start.adding(days: -1), settings: settings).mrr[
                    bridge.currency]
                #expect(bridge.start == before.minorUnits)
            }
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func changePointMovementsEqualADailyWalk(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let subs = (0..<60).map { Self.randomSubscription(&rng, id: $0, customers: 15) }
        let last = Self.first.adding(days: 400)
        let series = MRRHistory.fromSubscriptions(subs, from: Self.first, through: last)
        // A plain walk: every day's full snapshot straight from the subscriptions, diffed against the day before.
        var tracker = MRRMovementTracker()
        var previous: [CustomerCurrency: Int64] = [:]
        var daily: [MRRMovement] = []
        var day = Self.first
        while day <= last {
            var current: [CustomerCurrency: Int64] = [:]
            for (customer, totals) in MRRRollup.mrrByCustomer(subs, on: day) {
                for amount in totals.amounts where !amount.isZero {
                    current[CustomerCurrency(customerID: customer, currency: amount.currency)] = amount.minorUnits
                }
            }
            daily += tracker.step(on: day, from: previous, to: current)
            previous = current
            day = day.adding(days: 1)
        }
        let fromSeries = series.movements(through: last)
        let key: (MRRMovement) -> String = {
            "\($0.date) \($0.customerID) \($0.amount.currency) \($0.kind) \($0.amount.minorUnits)"
        }
        #expect(fromSeries.map(key).sorted() == daily.map(key).sorted())
    }

    @Test(arguments: [21, 22] as [UInt64])
    func randomSeriesOfRawValuesAlwaysReconcile(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        var series = MRRSeries()
        for c in 0..<200 {
            let key = CustomerCurrency(customerID: "c\(c)", currency: Self.currencies[rng.int(0...3)])
            var day = Self.first
            for _ in 0..<rng.int(0...8) {
                day = day.adding(days: rng.int(1...90))
                series.append(key, day: day, minorUnits: rng.chance(30) ? 0 : Int64(rng.int(1...1_000_000)))
            }
        }
        let bridges = series.bridges(from: Self.first.adding(days: 30), through: Self.first.adding(days: 400))
        #expect(!bridges.isEmpty)
        for bridge in bridges { #expect(bridge.reconciles) }
    }
}
