import BillingCore
import Testing

/// billing-math.md worked examples 1 and 7-14, 17: MRR of subscriptions.
@Suite struct WorkedExampleMRRTests {
    let today = Fx.today

    @Test func example1_monthlyAndAnnualPlansTotal12500() {
        var subs: [Subscription] = []
        for i in 0..<100 { subs.append(Fx.sub("m\(i)", customer: "m\(i)", price: Fx.usd("100"))) }
        for i in 0..<50 { subs.append(Fx.sub("y\(i)", customer: "y\(i)", price: Fx.usd("600"), interval: .annual)) }
        let company = MRRRollup.companyMRR(subs, on: today)
        #expect(company.mrr[.usd] == Fx.usd("12500.00"))
        #expect(company.payingCustomers[.usd] == 150)
        #expect(company.arr(.usd) == Fx.usd("150000.00"))
        #expect(company.arpa(.usd) == Fx.usd("83.33"))
    }

    @Test func example7_quarterly90Is30() {
        #expect(
            SubscriptionMRR.mrr(of: Fx.sub("q", price: Fx.usd("90"), interval: .quarterly), on: today) == Fx.usd("30"))
    }

    @Test func example8_baseAndQuantityComponent() {
        let sub = Fx.sub("s", price: Fx.usd("10"), components: [Fx.seats(10, of: Fx.usd("1"))])
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.usd("20"))
        #expect(SubscriptionMRR.lines(of: sub, on: today).map(\.monthly) == [Fx.usd("10"), Fx.usd("10")])
    }

    @Test func example9_meteredUsageIsARunRateNotMRR() {
        let sub = Fx.sub(
            "s", price: Fx.usd("10"), components: [Fx.seats(20, of: Fx.usd("1"), kind: .metered, id: "api")])
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.usd("10"))
        #expect(SubscriptionMRR.usageRunRate(of: sub, on: today) == Fx.usd("20"))
        let company = MRRRollup.companyMRR([sub], on: today)
        #expect(company.mrr[.usd] == Fx.usd("10"))
        #expect(company.usageRunRate[.usd] == Fx.usd("20"))
    }

    @Test func example10_fiftyPercentForeverCoupon() {
        let coupon = Coupon(code: "HALF", discount: .percentage(ExactDecimal(50)))
        #expect(SubscriptionMRR.mrr(of: Fx.sub("s", price: Fx.usd("10"), coupons: [coupon]), on: today) == Fx.usd("5"))
    }

    @Test func example11_annual120WithTenPercentOff() {
        let coupon = Coupon(code: "TEN", discount: .percentage(ExactDecimal(10)))
        let sub = Fx.sub("s", price: Fx.usd("120"), interval: .annual, coupons: [coupon])
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.usd("9"))
    }

    @Test func example12_weeklyTenDollarsIs4345() {
        #expect(
            SubscriptionMRR.mrr(of: Fx.sub("s", price: Fx.usd("10"), interval: .weekly), on: today) == Fx.usd("43.45"))
    }

    @Test func example13_taxOnInvoicesIsNotMRR() {
        let sub = Fx.sub("s", price: Fx.usd("100"))
        #expect(SubscriptionMRR.mrr(of: sub, on: today) == Fx.usd("100"))
        // The invoice estimate also leaves tax out: it normalises subtotal - discount.
        let line = InvoiceLineItem(
            id: "l", title: "Plan", unitPrice: Fx.usd("100"), subtotal: Fx.usd("100"), tax: Fx.usd("20"),
            total: Fx.usd("120"), periodStart: Fx.day("2026-06-01"), periodEnd: Fx.day("2026-07-01"),
            kind: "baseline", isRecurring: true)
        let invoice = Fx.invoice(
            "i", status: .paid, due: Fx.usd("0"), total: Fx.usd("120"), dueOn: "2026-06-01", lines: [line])
        #expect(InvoiceMRREstimator.companyMRR([invoice], on: today)[.usd] == Fx.usd("100"))
    }

    @Test func example14_trialingPastDueUnpaid() {
        let trialing = Fx.sub("t", price: Fx.usd("100"), state: .trialing, activated: nil)
        let pastDue = Fx.sub("p", price: Fx.usd("100"), state: .pastDue)
        let unpaid = Fx.sub("u", price: Fx.usd("100"), state: .unpaid, updated: "2026-06-10")
        #expect(SubscriptionMRR.mrr(of: trialing, on: today) == Fx.usd("0"))
        #expect(SubscriptionMRR.mrr(of: pastDue, on: today) == Fx.usd("100"))
        #expect(SubscriptionMRR.mrr(of: unpaid, on: today) == Fx.usd("0"))
        let chargifyStyle = MetricsSettings(unpaidCountsInMRR: true)
        #expect(SubscriptionMRR.mrr(of: unpaid, on: today, settings: chargifyStyle) == Fx.usd("100"))
        #expect(SubscriptionMRR.mrr(of: trialing, on: today, settings: chargifyStyle) == Fx.usd("0"))
        // Before it became unpaid it was live and counted.
        #expect(SubscriptionMRR.mrr(of: unpaid, on: Fx.day("2026-06-01")) == Fx.usd("100"))
    }

    @Test func example17_currenciesAreNeverAdded() {
        let yen = Fx.sub("j", price: Fx.money("5000", "JPY"))
        let euro = Fx.sub("e", price: Fx.money("50", "EUR"))
        let totals = MRRRollup.customerMRR([yen, euro], on: today)
        #expect(totals.currencies == [.eur, .jpy])
        #expect(totals[.jpy] == Fx.money("5000", "JPY"))
        #expect(totals[.eur] == Fx.money("50.00", "EUR"))
        #expect(totals[.jpy].minorUnits == 5000 && totals[.eur].minorUnits == 5000)
        let company = MRRRollup.companyMRR([yen, euro], on: today)
        #expect(company.mrr.amounts == [Fx.money("50", "EUR"), Fx.money("5000", "JPY")])
    }
}
