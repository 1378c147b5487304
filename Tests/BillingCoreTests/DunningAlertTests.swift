import BillingCore
import Testing

@Suite struct DunningAlertTests {
    let customer = Customer(id: "c1", firstName: "Ev\u{1B}[2Jil", lastName: "Corp")

    @Test func alertNamesEverythingKnown() throws {
        let card = CreditCard(cardType: "visa", maskedNumber: "XXXX-1111", expirationMonth: 6, expirationYear: 2026)
        let sub = Fx.sub(
            "s1", price: Fx.usd("100"), state: .pastDue, cancelAtEndOfPeriod: true, periodEnds: "2026-07-01", card: card
        )
        let invoices = [
            Fx.invoice("new", due: Fx.usd("100"), dueOn: "2026-06-15"),
            Fx.invoice("old", due: Fx.usd("100"), dueOn: "2026-05-15"),
            Fx.invoice("future", due: Fx.usd("100"), dueOn: "2026-07-15"),
        ]
        let events = [
            BillingEvent(
                id: 1, key: "payment_failure", subscriptionID: "s1",
                eventSpecificData: #"{"failure_reason":"card declined"}"#),
            BillingEvent(
                id: 2, key: "dunning_step_reached", subscriptionID: "s1",
                eventSpecificData: #"{"current_step":{"action":"email customer"}}"#),
            BillingEvent(
                id: 3, key: "payment_failure", subscriptionID: "s1",
                eventSpecificData: #"{"failure_reason":"insufficient\u001b[31m funds"}"#),
            BillingEvent(id: 4, key: "payment_failure", subscriptionID: "other"),
        ]
        let alert = try #require(
            DunningAlerts.alert(
                customer: customer, subscriptions: [sub], invoices: invoices, events: events, asOf: Fx.today))
        #expect(!alert.customerName.contains("\u{1B}"))
        #expect(alert.customerMRR[.usd] == Fx.usd("100"))
        #expect(alert.oldestOverdue?.invoiceID == "old")
        #expect(alert.oldestOverdue?.daysOverdue == 36)
        #expect(alert.totalDue[.usd] == Fx.usd("200"))
        #expect(alert.subscriptionState == .pastDue)
        #expect(alert.dunning.stage == "email customer")
        #expect(alert.dunning.retries == 2)
        #expect(alert.dunning.lastFailureReason?.contains("insufficient") == true)
        #expect(alert.dunning.lastFailureReason?.contains("\u{1B}") == false)
        #expect(alert.cardExpiringOn == Fx.day("2026-06-30"))
        #expect(alert.scheduledCancellationOn == Fx.day("2026-07-01"))
        #expect(alert.moneyAtRisk == Fx.usd("300"))
    }

    @Test func healthyCustomerHasNoAlert() {
        let sub = Fx.sub("s1", price: Fx.usd("100"))
        let paid = Fx.invoice("p", status: .paid, due: Fx.usd("0"), total: Fx.usd("100"), dueOn: "2026-05-01")
        #expect(
            DunningAlerts.alert(customer: customer, subscriptions: [sub], invoices: [paid], events: [], asOf: Fx.today)
                == nil)
    }

    @Test func unpaidWithoutOverdueInvoiceStillAlertsAndUnknownsStayNil() throws {
        let sub = Fx.sub("s1", price: Fx.usd("100"), state: .unpaid, updated: "2026-06-01")
        let alert = try #require(
            DunningAlerts.alert(customer: customer, subscriptions: [sub], invoices: [], events: [], asOf: Fx.today))
        #expect(alert.subscriptionState == .unpaid)
        #expect(alert.customerMRR.isEmpty)  // unpaid does not count by default
        #expect(alert.dunning.retries == nil && alert.dunning.stage == nil && alert.dunning.lastFailureReason == nil)
        #expect(alert.oldestOverdue == nil)
    }

    func alert(_ id: String, _ amount: Money, days: Int = 5) -> DunningAlert {
        DunningAlert(
            customerID: id, customerName: id, customerMRR: MoneyTotals(),
            oldestOverdue:
                .init(invoiceID: id, number: id, dueDate: Fx.today.adding(days: -days), daysOverdue: days, due: amount),
            totalDue: MoneyTotals([amount]), subscriptionState: .pastDue, dunning: DunningEventSummary(),
            cardExpiringOn: nil, scheduledCancellationOn: nil, riskCurrency: amount.currency, moneyAtRisk: amount)
    }

    @Test func orderingNeverComparesRawAmountsAcrossCurrencies() {
        let alerts = [
            alert("yen", Fx.money("50000", "JPY")), alert("usd-small", Fx.usd("10")), alert("usd-big", Fx.usd("900")),
            alert("usd-tie", Fx.usd("10"), days: 40),
        ]
        let grouped = DunningAlerts.ordered(alerts).map(\.customerID)
        #expect(grouped == ["usd-big", "usd-tie", "usd-small", "yen"])
        let rates = ConversionRateTable(
            target: .usd, rateDate: Fx.day("2026-06-01"), rates: [.jpy: ExactDecimal(parsing: "0.0065")!])
        let converted = DunningAlerts.ordered(alerts, rates: rates).map(\.customerID)
        #expect(converted == ["usd-big", "yen", "usd-tie", "usd-small"])  // ¥50,000 = $325.00
    }

    @Test func amountAtRiskSumsPerCurrency() {
        let (receivable, mrr) = DunningAlerts.amountAtRisk([alert("a", Fx.usd("10")), alert("b", Fx.money("5", "EUR"))])
        #expect(receivable.currencies == [.eur, .usd])
        #expect(mrr.isEmpty)
    }
}
