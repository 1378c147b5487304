import BillingCore
import Testing

/// Issue 21: each kind of change moves MRR in the month it happened, with hand-computed movements.
@Suite struct MovementHistoryTests {
    static let june = Fx.day("2026-06-01")
    static let juneEnd = Fx.day("2026-06-30")
    static let first = Fx.day("2026-01-01")
    static let prices = ProductPriceBook(prices: [
        ("basic", Fx.usd("100"), .monthly), ("pro", Fx.usd("150"), .monthly), ("team", Fx.usd("20"), .monthly),
    ])

    static func event(_ id: Int64, _ key: String, sub: String, on day: String, _ data: String) -> SubscriptionChange {
        SubscriptionChange.parse(
            BillingEvent(id: id, key: key, subscriptionID: sub, createdAt: Fx.at(day), eventSpecificData: data))!
    }

    static func sub(_ id: String, customer: String, product: String, price: String, updated: String) -> Subscription {
        var s = Fx.sub(id, customer: customer, price: Fx.usd(price), updated: updated)
        s.productID = product
        return s
    }

    /// Bridges of `month` from the timelines (movements of the first history day are never counted).
    static func bridge(
        _ timelines: [SubscriptionTimeline], from: LocalDate = june, through: LocalDate = juneEnd
    ) -> MRRBridge {
        let series = MRRHistory.fromTimelines(timelines, from: first, through: juneEnd)
        return series.bridges(from: from, through: through).first { $0.currency == .usd }!
    }

    static func expect(
        _ b: MRRBridge, start: Int64, new: Int64 = 0, reactivation: Int64 = 0, expansion: Int64 = 0,
        contraction: Int64 = 0, churn: Int64 = 0, end: Int64
    ) {
        #expect(
            [b.start, b.new, b.reactivation, b.expansion, b.contraction, b.churn, b.end] == [
                start, new, reactivation, expansion, contraction, churn, end,
            ])
        #expect(b.reconciles)
    }

    @Test func theIssuesUpgradeAndSeatChangeAreFiftyFiveDollarsOfExpansion() {
        // $100 -> $150 plan, and 10 -> 15 seats at $1 on a $20 plan, both on the 10th.
        let a = Self.sub("a", customer: "c1", product: "pro", price: "150", updated: "2026-06-10")
        var b = Self.sub("b", customer: "c2", product: "team", price: "20", updated: "2026-06-10")
        b.components = [Fx.seats(15, of: Fx.usd("1"))]
        let timelines = [
            SubscriptionTimeline.build(
                current: a,
                changes: [
                    Self.event(
                        1, "subscription_product_change", sub: "a", on: "2026-06-10",
                        #"{"previous_product_id":"basic","new_product_id":"pro"}"#)
                ], prices: Self.prices, eventsSince: Fx.at("2025-12-01")),
            SubscriptionTimeline.build(
                current: b,
                changes: [
                    Self.event(
                        2, "component_allocation_change", sub: "b", on: "2026-06-10",
                        #"{"component_id":"seats","previous_allocation":10,"new_allocation":15}"#)
                ], prices: Self.prices, eventsSince: Fx.at("2025-12-01")),
        ]
        // start 100 + 20 + 10 = 130; expansion 50 + 5 = 55; end 150 + 20 + 15 = 185.
        Self.expect(Self.bridge(timelines), start: 13_000, expansion: 5_500, end: 18_500)
        // May is untouched, and the back-fill (today's prices painted back) would have shown no expansion.
        Self.expect(
            Self.bridge(timelines, from: Fx.day("2026-05-01"), through: Fx.day("2026-05-31")), start: 13_000,
            end: 13_000)
        let backFilled = MRRHistory.fromSubscriptions([a, b], from: Self.first, through: Self.juneEnd)
            .bridges(from: Self.june, through: Self.juneEnd)[0]
        #expect(backFilled.expansion == 0 && backFilled.start == 18_500)
        // Labels: events reach back before the subscriptions started, so every month is from events.
        let bases = MRRHistory.monthBases(timelines, from: Self.first, through: Self.juneEnd)
        #expect(bases[Self.june] == .events && bases[Fx.day("2026-02-01")] == .events)
    }

    @Test func aDowngradeIsContraction() {
        let a = Self.sub("a", customer: "c1", product: "basic", price: "100", updated: "2026-06-15")
        let change = Self.event(
            1, "subscription_product_change", sub: "a", on: "2026-06-15",
            #"{"previous_product_id":"pro","new_product_id":"basic"}"#)
        let timeline = SubscriptionTimeline.build(current: a, changes: [change], prices: Self.prices)
        Self.expect(Self.bridge([timeline]), start: 15_000, contraction: 5_000, end: 10_000)
    }

    @Test func removingSeatsIsContraction() {
        var b = Self.sub("b", customer: "c2", product: "team", price: "20", updated: "2026-06-03")
        b.components = [Fx.seats(4, of: Fx.usd("7.50"))]
        let change = Self.event(
            1, "component_allocation_change", sub: "b", on: "2026-06-03",
            #"{"component_id":"seats","previous_allocation":"9","new_allocation":"4"}"#)
        let timeline = SubscriptionTimeline.build(current: b, changes: [change], prices: Self.prices)
        // 20 + 9 x 7.50 = 87.50 -> 20 + 4 x 7.50 = 50.00.
        Self.expect(Self.bridge([timeline]), start: 8_750, contraction: 3_750, end: 5_000)
    }

    @Test func aPauseIsChurnAndItsResumeIsReactivation() {
        let a = Self.sub("a", customer: "c1", product: "basic", price: "100", updated: "2026-06-05")
        let changes = [
            Self.event(
                1, "subscription_state_change", sub: "a", on: "2026-04-10",
                #"{"previous_subscription_state":"active","new_subscription_state":"on_hold"}"#),
            Self.event(
                2, "subscription_state_change", sub: "a", on: "2026-06-05",
                #"{"previous_subscription_state":"on_hold","new_subscription_state":"active"}"#),
        ]
        let timeline = SubscriptionTimeline.build(current: a, changes: changes, prices: Self.prices)
        Self.expect(
            Self.bridge([timeline], from: Fx.day("2026-04-01"), through: Fx.day("2026-04-30")), start: 10_000,
            churn: 10_000, end: 0)
        let may = MRRHistory.fromTimelines([timeline], from: Self.first, through: Self.juneEnd)
        #expect(may.totals(on: Fx.day("2026-05-15"))[.usd].minorUnits == 0)
        Self.expect(Self.bridge([timeline]), start: 0, reactivation: 10_000, end: 10_000)
    }

    @Test func aCancellationIsChurnAndASignUpIsNew() {
        var gone = Self.sub("a", customer: "c1", product: "basic", price: "100", updated: "2026-06-20")
        gone.state = .canceled
        gone.canceledAt = Fx.at("2026-06-20")
        var fresh = Self.sub("n", customer: "c2", product: "pro", price: "150", updated: "2026-06-03")
        fresh.activatedAt = Fx.at("2026-06-03")
        let cancel = Self.event(
            1, "subscription_state_change", sub: "a", on: "2026-06-20",
            #"{"previous_subscription_state":"active","new_subscription_state":"canceled"}"#)
        let timelines = [
            SubscriptionTimeline.build(current: gone, changes: [cancel], prices: Self.prices),
            SubscriptionTimeline.build(current: fresh, prices: Self.prices),
        ]
        Self.expect(Self.bridge(timelines), start: 10_000, new: 15_000, churn: 10_000, end: 15_000)
    }

    @Test func aCouponRemovedBetweenTwoSyncsIsObservedExpansion() {
        // Coupons have no events: only a kept observation tells that a 20% coupon was in force until the 12th.
        var before = Self.sub("a", customer: "c1", product: "basic", price: "100", updated: "2026-03-01")
        before.coupons = [Coupon(code: "TWENTY", discount: .percentage(ExactDecimal(20)), recurring: true)]
        let now = Self.sub("a", customer: "c1", product: "basic", price: "100", updated: "2026-06-12")
        let timeline = SubscriptionTimeline.build(
            current: now, observed: [ObservedSubscription(at: Fx.at("2026-03-01"), subscription: before)],
            prices: Self.prices)
        Self.expect(Self.bridge([timeline]), start: 8_000, expansion: 2_000, end: 10_000)
        let bases = MRRHistory.monthBases([timeline], from: Self.first, through: Self.juneEnd)
        #expect(bases[Self.june] == .observed && bases[Fx.day("2026-04-01")] == .observed)
        // Before the first observation nothing tells (no events reach back): labelled, never passed off as fact.
        #expect(bases[Fx.day("2026-02-01")] == .backFilled)
    }

    @Test func aPreviousProductNoOneIsOnKeepsTodaysPriceAndSaysSo() {
        let a = Self.sub("a", customer: "c1", product: "pro", price: "150", updated: "2026-06-10")
        let change = Self.event(
            1, "subscription_product_change", sub: "a", on: "2026-06-10",
            #"{"previous_product_id":"legacy","new_product_id":"pro"}"#)
        let timeline = SubscriptionTimeline.build(
            current: a, changes: [change], prices: Self.prices, eventsSince: Fx.at("2025-01-01"))
        // No invented movement: the price before cannot be told, so it stays today's...
        Self.expect(Self.bridge([timeline]), start: 15_000, end: 15_000)
        // ...and every month before the change is labelled back-filled.
        let bases = MRRHistory.monthBases([timeline], from: Self.first, through: Self.juneEnd)
        #expect(bases[Fx.day("2026-05-01")] == .backFilled && bases[Self.june] == .backFilled)
    }

    @Test func hostileOrIncompleteEventDataIsNoChange() {
        let bad = [
            ("subscription_product_change", #"{"previous_product_id":"a"}"#),
            ("component_allocation_change", #"{"component_id":"s","previous_allocation":"ten","new_allocation":3}"#),
            ("subscription_state_change", "not json"),
            ("payment_success", #"{"previous_product_id":"a","new_product_id":"b"}"#),
        ]
        for (key, data) in bad {
            let event = BillingEvent(
                id: 1, key: key, subscriptionID: "s", createdAt: Fx.at("2026-06-01"), eventSpecificData: data)
            #expect(SubscriptionChange.parse(event) == nil, "\(key) \(data)")
        }
        let numeric = BillingEvent(
            id: 1, key: "subscription_product_change", subscriptionID: "s", createdAt: Fx.at("2026-06-01"),
            eventSpecificData: #"{"previous_product_id":5200001,"new_product_id":5200002}"#)
        #expect(SubscriptionChange.parse(numeric)?.kind == .product(previousID: "5200001", newID: "5200002"))
    }
}
