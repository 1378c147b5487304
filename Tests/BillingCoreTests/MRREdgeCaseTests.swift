import BillingCore
import Testing

/// The edges the issue lists: 0- and 3-decimal currencies, per-line rounding, coupons ending mid-period,
/// scheduled cancellations, fixed coupons, on/off components, conversion and the invoice estimate.
@Suite struct MRREdgeCaseTests {
    let today = Fx.today

    @Test func zeroDecimalYenRoundsToWholeYen() {
        // ¥1,000 every 3 months = ¥333.33 -> ¥333.
        let sub = Fx.sub("j", price: Fx.money("1000", "JPY"), interval: .quarterly)
        #expect(SubscriptionMRR.mrr(of: sub, on: today).minorUnits == 333)
    }

    @Test func threeDecimalDinarKeepsFils() {
        // 10.000 KWD every 7 days = 43.452380... -> 43.452 KWD.
        let sub = Fx.sub("k", price: Fx.money("10", "KWD"), interval: .weekly)
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.money("43.452", "KWD"))
    }

    @Test func eachLineIsRoundedHalfEvenBeforeSumming() {
        // Two lines of 1 cent every 2 months: 0.5 cents each rounds to 0 (half-even), so MRR is 0, not 1.
        let sub = Fx.sub(
            "r", price: Fx.usd("0.01"), interval: BillingInterval(count: 2, unit: .month),
            components: [Fx.seats(1, of: Fx.usd("0.01"), kind: .onOff, id: "addon")])
        #expect(SubscriptionMRR.lines(of: sub, on: today).map(\.monthly.minorUnits) == [0, 0])
        #expect(SubscriptionMRR.mrr(of: sub, on: today).minorUnits == 0)
        // 3 cents every 2 months = 1.5 -> 2 (half to even).
        #expect(
            SubscriptionMRR.mrr(
                of: Fx.sub("t", price: Fx.usd("0.03"), interval: BillingInterval(count: 2, unit: .month)), on: today
            ).minorUnits == 2)
    }

    @Test func couponForThreePeriodsExpiresMidYear() {
        let coupon = Coupon(
            code: "Q", discount: .percentage(ExactDecimal(50)), durationPeriods: 3, appliedAt: Fx.at("2026-01-15"))
        let sub = Fx.sub("s", price: Fx.usd("100"), coupons: [coupon], activated: "2026-01-15")
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-04-14")) == Fx.usd("50"))
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-04-15")) == Fx.usd("100"))
        // The history sees the step as an expansion on the day it expires.
        let moves = MRRHistory.fromSubscriptions([sub], from: Fx.day("2026-01-01"), through: Fx.day("2026-06-30"))
            .movements(through: today)
        #expect(moves.map(\.kind) == [.new, .expansion])
        #expect(moves.last?.date == Fx.day("2026-04-15"))
    }

    @Test func couponWithAnEndDateAndOneTimeCoupons() {
        let ending = Coupon(code: "E", discount: .amount(Fx.usd("20")), endsAt: Fx.at("2026-06-10"))
        let oneTime = Coupon(code: "FIRST", discount: .percentage(ExactDecimal(100)), recurring: false)
        let sub = Fx.sub("s", price: Fx.usd("100"), coupons: [ending, oneTime])
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-06-09")) == Fx.usd("80"))
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-06-10")) == Fx.usd("100"))
    }

    @Test func fixedCouponComesOffTheProductFirstAndNeverGoesNegative() {
        let coupon = Coupon(code: "BIG", discount: .amount(Fx.usd("15")))
        let sub = Fx.sub("s", price: Fx.usd("10"), components: [Fx.seats(2, of: Fx.usd("5"))], coupons: [coupon])
        let lines = SubscriptionMRR.lines(of: sub, on: today)
        #expect(lines.map(\.monthly) == [Fx.usd("0"), Fx.usd("5")])
        #expect(lines.map(\.monthlyDiscount) == [Fx.usd("10"), Fx.usd("5")])
        let huge = Fx.sub("h", price: Fx.usd("10"), coupons: [Coupon(code: "X", discount: .amount(Fx.usd("99")))])
        #expect(SubscriptionMRR.mrr(of: huge, on: today) == Fx.usd("0"))
    }

    @Test func annualFixedCouponIsNormalisedWithItsLine() {
        // $1,200/year with $120 off each year = $90.00/month.
        let sub = Fx.sub(
            "s", price: Fx.usd("1200"), interval: .annual,
            coupons: [Coupon(code: "Y", discount: .amount(Fx.usd("120")))])
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.usd("90"))
    }

    @Test func disabledOnOffAndUnknownComponentsAreNotMRR() {
        var off = Fx.seats(1, of: Fx.usd("7"), kind: .onOff, id: "sso")
        off.enabled = false
        let unknown = Fx.seats(1, of: Fx.usd("9"), kind: .unknown, id: "mystery")
        let sub = Fx.sub("s", price: Fx.usd("10"), components: [off, unknown])
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.usd("10"))
    }

    @Test func scheduledCancellationCountsUntilItEndsAndIsShownAsScheduledChurn() {
        let sub = Fx.sub("s", price: Fx.usd("100"), cancelAtEndOfPeriod: true, periodEnds: "2026-07-01")
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.usd("100"))
        #expect(SubscriptionMRR.scheduledChurn(of: sub, on: today) == Fx.usd("100"))
        #expect(SubscriptionMRR.mrr(of: sub, on: Fx.day("2026-07-01")) == Fx.usd("0"))
        let company = MRRRollup.companyMRR([sub], on: today)
        #expect(company.scheduledChurn[.usd] == Fx.usd("100"))
        let delayed = Fx.sub("d", price: Fx.usd("40"), scheduled: "2026-08-01")
        #expect(SubscriptionMRR.scheduledEnd(of: delayed) == Fx.day("2026-08-01"))
    }

    @Test func statesThatNeverCountAndPausesThatStop() {
        for state in [SubscriptionState.trialing, .trialEnded, .awaitingSignup, .failedToCreate] {
            #expect(
                SubscriptionMRR.mrr(of: Fx.sub("s", price: Fx.usd("10"), state: state, activated: nil), on: today)
                    .isZero)
        }
        var paused = Fx.sub("p", price: Fx.usd("10"), state: .onHold)
        paused.onHoldAt = Fx.at("2026-05-01")
        #expect(SubscriptionMRR.mrr(of: paused, on: Fx.day("2026-04-30")) == Fx.usd("10"))
        #expect(SubscriptionMRR.mrr(of: paused, on: today).isZero)
        let canceled = Fx.sub("c", price: Fx.usd("10"), state: .canceled, canceled: "2026-03-01")
        #expect(SubscriptionMRR.mrr(of: canceled, on: Fx.day("2026-02-28")) == Fx.usd("10"))
        #expect(SubscriptionMRR.mrr(of: canceled, on: Fx.day("2026-03-01")).isZero)
        #expect(SubscriptionMRR.mrr(of: canceled, on: Fx.day("2025-12-31")).isZero)  // before activation
    }

    @Test func conversionIsLabelledAndRefusesMissingRates() throws {
        let totals = MoneyTotals([Fx.money("5000", "JPY"), Fx.money("50", "EUR")])
        let partial = ConversionRateTable(
            target: .usd, rateDate: Fx.day("2026-06-01"), rates: [.eur: ExactDecimal(parsing: "1.0842")!])
        #expect(partial.convertedTotal(totals) == nil)
        var full = partial
        full.rates[.jpy] = ExactDecimal(parsing: "0.0065")!
        let converted = try #require(full.convertedTotal(totals))
        #expect(converted.amount == Fx.usd("86.71"))  // 54.21 + 32.50
        #expect(converted.label.contains("2026-06-01"))
        #expect(full.convert(Fx.money("1", "KWD")) == nil)
    }

    @Test func invoiceEstimateNormalisesByServicePeriodAndIgnoresUsage() {
        func line(_ id: String, _ amount: String, _ start: String, _ end: String, kind: String = "baseline")
            -> InvoiceLineItem
        {
            InvoiceLineItem(
                id: id, title: id, unitPrice: Fx.usd(amount), subtotal: Fx.usd(amount), total: Fx.usd(amount),
                periodStart: Fx.day(start), periodEnd: Fx.day(end), kind: kind, isRecurring: kind != "usage")
        }
        let annual = Fx.invoice(
            "a", status: .paid, due: Fx.usd("0"), dueOn: "2026-01-01",
            lines: [
                line("y", "1200", "2026-01-01", "2027-01-01"),
                line("u", "77", "2026-06-01", "2026-07-01", kind: "usage"),
            ])
        let inclusive = Fx.invoice(
            "b", customer: "c2", status: .open, due: Fx.usd("30"), dueOn: "2026-06-05",
            lines: [
                line("m", "30", "2026-06-01", "2026-06-30")
            ])
        let weekly = Fx.invoice(
            "c", customer: "c3", status: .paid, due: Fx.usd("0"), dueOn: "2026-06-15",
            lines: [
                line("w", "10", "2026-06-15", "2026-06-22")
            ])
        let voided = Fx.invoice(
            "v", customer: "c4", status: .voided, due: Fx.usd("0"), dueOn: "2026-06-01",
            lines: [
                line("x", "500", "2026-06-01", "2026-07-01")
            ])
        let byCustomer = InvoiceMRREstimator.mrrByCustomer([annual, inclusive, weekly, voided], on: Fx.today)
        #expect(byCustomer["c1"]?[.usd] == Fx.usd("100"))
        #expect(byCustomer["c2"]?[.usd] == Fx.usd("30"))
        #expect(byCustomer["c3"]?[.usd] == Fx.usd("43.45"))
        #expect(byCustomer["c4"] == nil)
        #expect(MRRBasis.invoiceLineEstimate.isEstimate && MRRBasis.invoiceLineEstimate.label.contains("ESTIMATE"))
        // After its period ends the inclusive monthly line no longer counts.
        #expect(InvoiceMRREstimator.mrrByCustomer([inclusive], on: Fx.day("2026-07-01"))["c2"] == nil)
    }
}
