import BillingCore
import Testing

/// billing-math.md worked examples 2-6, 15 and 16: movements, the bridge and churn ratios.
@Suite struct WorkedExampleMovementTests {
    /// Rows 2-6 as one customer's subscription history in 2026.
    static let history: [Subscription] = [
        // Row 2: 4 seats of a $500/year plan, billed $2,000/year. Row 5: it ends (canceled at period end).
        Fx.sub(
            "yearly", price: Fx.usd("0"), interval: .annual, state: .canceled,
            components: [Fx.seats(4, of: Fx.usd("500"))], activated: "2026-01-10", canceled: "2026-04-10"),
        // Row 3: 2 seats of a $30/month plan. Row 4: it is cancelled.
        Fx.sub(
            "monthly", price: Fx.usd("0"), state: .canceled, components: [Fx.seats(2, of: Fx.usd("30"))],
            activated: "2026-02-10", canceled: "2026-03-10"),
        // Row 6: back on 3 seats of $50/month.
        Fx.sub("comeback", price: Fx.usd("0"), components: [Fx.seats(3, of: Fx.usd("50"))], activated: "2026-05-10"),
    ]

    func series() -> MRRSeries {
        MRRHistory.fromSubscriptions(Self.history, from: Fx.day("2025-12-01"), through: Fx.day("2026-12-31"))
    }

    @Test func rows2to6_eachMovementHasItsKindAndAmount() {
        let movements = series().movements(through: Fx.day("2026-12-31"))
        let summary = movements.map { "\($0.date) \($0.kind.rawValue) \($0.amount.decimalString)" }
        #expect(
            summary == [
                "2026-01-10 new 166.67",
                "2026-02-10 expansion 60.00",
                "2026-03-10 contraction 60.00",
                "2026-04-10 churn 166.67",
                "2026-05-10 reactivation 150.00",
            ])
    }

    @Test func row16_bridgeOverTheYearReconcilesTo150() throws {
        let bridges = series().bridges(from: Fx.day("2026-01-01"), through: Fx.day("2026-12-31"))
        #expect(bridges.count == 1)
        let usd = try #require(bridges.first)
        #expect(usd.start == 0)
        #expect(usd.amount(.new) == Fx.usd("166.67"))
        #expect(usd.amount(.expansion) == Fx.usd("60"))
        #expect(usd.amount(.contraction) == Fx.usd("60"))
        #expect(usd.amount(.churn) == Fx.usd("166.67"))
        #expect(usd.amount(.reactivation) == Fx.usd("150"))
        #expect(usd.end == 15000)
        #expect(usd.reconciles)
    }

    @Test func reactivationWindowTurnsALateReturnIntoNew() {
        let movements = series().movements(through: Fx.day("2026-12-31"), reactivationWindowDays: 14)
        #expect(movements.last?.kind == .new)
        let within = series().movements(through: Fx.day("2026-12-31"), reactivationWindowDays: 31)
        #expect(within.last?.kind == .reactivation)
    }

    @Test func classifyCoversTheTable() {
        #expect(MRRMovement.Kind.classify(before: 0, after: 100, hadMRRBefore: false) == .new)
        #expect(MRRMovement.Kind.classify(before: 0, after: 100, hadMRRBefore: true) == .reactivation)
        #expect(MRRMovement.Kind.classify(before: 100, after: 150, hadMRRBefore: true) == .expansion)
        #expect(MRRMovement.Kind.classify(before: 100, after: 50, hadMRRBefore: true) == .contraction)
        #expect(MRRMovement.Kind.classify(before: 100, after: 0, hadMRRBefore: true) == .churn)
        #expect(MRRMovement.Kind.classify(before: 100, after: 100, hadMRRBefore: true) == nil)
        #expect(MRRMovement.Kind.classify(before: 0, after: 0, hadMRRBefore: true) == nil)
    }

    @Test func row15_grossAndNetChurnAndNRR() throws {
        var bridge = MRRBridge(currency: .usd, start: 10000, end: 9000)
        bridge.churn = 1000
        bridge.contraction = 1000
        bridge.expansion = 1000
        #expect(bridge.reconciles)
        let gross = try #require(MRRRatios.grossChurn(bridge))
        let net = try #require(MRRRatios.netChurn(bridge))
        let nrr = try #require(MRRRatios.nrr(bridge))
        #expect(gross.isEqual(to: ExactRatio(20, over: 100)!))
        #expect(net.isEqual(to: ExactRatio(10, over: 100)!))
        #expect(nrr.isEqual(to: ExactRatio(90, over: 100)!))
        #expect(gross.percentString() == "20.0%")
        #expect(net.percentString(decimals: 0) == "10%")
        #expect(nrr.percentString(decimals: 2) == "90.00%")
    }

    @Test func ratiosOverAnEmptyStartAreUndefinedNotZero() {
        let bridge = MRRBridge(currency: .usd, start: 0, end: 500)
        #expect(MRRRatios.grossChurn(bridge) == nil)
        #expect(MRRRatios.nrr(bridge) == nil)
    }

    @Test func percentFormattingRoundsHalfEvenOnlyAtTheEnd() {
        #expect(ExactRatio(1, over: 3)!.percentString(decimals: 1) == "33.3%")
        #expect(ExactRatio(1, over: 8)!.percentString(decimals: 1) == "12.5%")
        #expect(ExactRatio(1, over: 16)!.percentString(decimals: 2) == "6.25%")
        #expect(ExactRatio(1, over: 16)!.percentString(decimals: 1) == "6.2%")  // 6.25 -> 6.2 (half-even)
        #expect(ExactRatio(-1, over: 4)!.percentString(decimals: 0) == "-25%")
    }

    @Test func aCustomerInTwoCurrenciesMovesInEach() {
        let subs = [
            Fx.sub("u", price: Fx.usd("10"), activated: "2026-03-01"),
            Fx.sub(
                "e", price: Fx.money("20", "EUR"), state: .canceled, activated: "2026-01-01", canceled: "2026-03-15"),
        ]
        let bridges = MRRHistory.fromSubscriptions(subs, from: Fx.day("2026-01-01"), through: Fx.day("2026-06-30"))
            .bridges(from: Fx.day("2026-03-01"), through: Fx.day("2026-03-31"))
        #expect(bridges.map(\.currency) == [.eur, .usd])
        #expect(bridges[0].churn == 2000 && bridges[0].start == 2000 && bridges[0].end == 0)
        #expect(bridges[1].new == 1000 && bridges[1].end == 1000)
        #expect(bridges.allSatisfy { $0.reconciles })
    }
}
