import BillingCore
import BillingStore
import Foundation
import TestSupport
import Testing

/// The aggregates the panes read equal BillingCore's direct computation over the same data.
@Suite struct MetricsStoreTests {
    static func day(_ s: String) -> LocalDate { LocalDate(iso: s)! }
    static func at(_ s: String) -> Timestamp { Timestamp(startOf: day(s)) }
    static func usd(_ s: String) -> Money { try! Money.parse(s, currency: .usd) }

    /// Worked examples 2-6 for customer 1, a euro customer in dunning, an invoice-only history nowhere.
    static let subscriptions: [Subscription] = [
        Subscription(
            id: "yearly", customerID: "1", state: .canceled, productPrice: usd("0"), interval: .annual,
            components: [
                SubscriptionComponent(
                    componentID: "seat", name: "Seats", kind: .quantityBased, quantity: ExactDecimal(4),
                    unitPrice: usd("500"))
            ],
            activatedAt: at("2026-01-10"), canceledAt: at("2026-04-10")),
        Subscription(
            id: "monthly", customerID: "1", state: .canceled, productPrice: usd("0"),
            components: [
                SubscriptionComponent(
                    componentID: "seat", name: "Seats", kind: .quantityBased, quantity: ExactDecimal(2),
                    unitPrice: usd("30"))
            ],
            activatedAt: at("2026-02-10"), canceledAt: at("2026-03-10")),
        Subscription(
            id: "comeback", customerID: "1", state: .active, productPrice: usd("0"),
            components: [
                SubscriptionComponent(
                    componentID: "seat", name: "Seats", kind: .quantityBased, quantity: ExactDecimal(3),
                    unitPrice: usd("50"))
            ],
            activatedAt: at("2026-05-10")),
        Subscription(
            id: "euro", customerID: "2", state: .pastDue, productPrice: Money(minorUnits: 4900, currency: .eur),
            creditCard: CreditCard(
                cardType: "visa", maskedNumber: "XXXX-4242", expirationMonth: 6, expirationYear: 2026),
            activatedAt: at("2025-03-01")),
    ]

    static let invoices: [Invoice] = [
        Invoice(
            id: "inv-1", number: "1001", customerID: "2", subscriptionID: "euro", status: .open, currency: .eur,
            issueDate: day("2026-05-01"), dueDate: day("2026-05-15"), total: Money(minorUnits: 4900, currency: .eur),
            due: Money(minorUnits: 4900, currency: .eur)),
        Invoice(
            id: "inv-2", number: "1002", customerID: "1", status: .paid, currency: .usd, issueDate: day("2026-05-10"),
            dueDate: day("2026-05-20"), paidDate: day("2026-06-10"), total: usd("150"), paid: usd("150"), due: usd("0"),
            payments: [
                Payment(
                    id: "p", transactionTime: at("2026-06-10"), originalAmount: usd("150"), appliedAmount: usd("150"))
            ]),
        Invoice(
            id: "inv-3", number: "1003", customerID: "1", status: .open, currency: .usd, issueDate: day("2026-06-10"),
            dueDate: day("2026-06-25"), total: usd("150"), due: usd("150")),
    ]

    static func store(subscriptions: [Subscription] = subscriptions, invoices: [Invoice] = invoices) throws -> (
        BillingStore, Int64
    ) {
        let path = TestScratch.root.appendingPathComponent("metrics-\(UUID().uuidString).sqlite").path
        let store = try BillingStore.open(path: path)
        let source = try store.registerSource(name: "acme", kind: "chargify", baseURL: "http://127.0.0.1:1")
        let customers = [
            Customer(id: "1", organization: "Acme"),
            Customer(id: "2", firstName: "Eve", lastName: "\u{1B}]0;pwned\u{07}Euro"),
        ]
        let events = [
            BillingEvent(
                id: 7, key: "payment_failure", subscriptionID: "euro",
                eventSpecificData: #"{"failure_reason":"Card declined"}"#)
        ]
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "all", customers: customers.map { Incoming(value: $0, raw: "{}") },
                subscriptions: subscriptions.map { Incoming(value: $0, raw: "{}") },
                invoices: invoices.map { Incoming(value: $0, raw: "{}") },
                events: events.map { Incoming(value: $0, raw: "{}") }))
        return (store, source.id)
    }

    @Test func summaryBridgeAndTrendMatchTheDirectComputation() throws {
        let (store, source) = try Self.store()
        let asOf = Self.day("2026-06-20")
        try AggregateRefresher(store: store).refreshAggregates(asOf: asOf)
        let metrics = MetricsStore(store: store)
        let summary = try #require(try metrics.mrrSummary(sourceID: source))
        #expect(summary.basis == .subscriptions)
        #expect(summary.mrr == MRRRollup.companyMRR(Self.subscriptions, on: asOf).mrr)
        let usd = try #require(summary.currencies.first { $0.currency == .usd })
        #expect(usd.mrr == Self.usd("150"))
        #expect(usd.arr == Self.usd("1800"))
        #expect(usd.payingCustomers == 1)
        #expect(usd.bridge.reconciles && usd.bridge.start == 15000)  // June: nothing moved
        #expect(usd.trend.count == 12 && usd.trend.last?.minorUnits == 15000)
        #expect(usd.trend.first { $0.day == Self.day("2026-01-31") }?.minorUnits == 16667)
        // Worked example 16 through the store: the 2026 bridge.
        let year = try metrics.bridges(sourceID: source, from: Self.day("2026-01-01"), through: asOf)
        let usdYear = try #require(year.first { $0.currency == .usd })
        #expect(
            [
                usdYear.start, usdYear.new, usdYear.expansion, usdYear.contraction, usdYear.churn, usdYear.reactivation,
                usdYear.end,
            ]
                == [0, 16667, 6000, 6000, 16667, 15000, 15000])
        #expect(year.allSatisfy { $0.reconciles })
        let eur = try #require(summary.currencies.first { $0.currency == .eur })
        #expect(eur.mrrAtRisk == Money(minorUnits: 4900, currency: .eur))
        #expect(eur.openReceivable == Money(minorUnits: 4900, currency: .eur))
    }

    @Test func agingAndAlertsFromAggregatesAndMovedBack() throws {
        let (store, source) = try Self.store()
        let asOf = Self.day("2026-06-20")
        try AggregateRefresher(store: store).refreshAggregates(asOf: asOf)
        let metrics = MetricsStore(store: store)
        let aging = try metrics.aging(sourceID: source)
        #expect(aging == AgingReport(invoices: Self.invoices, asOf: asOf))
        #expect(aging.cell(.days31to60, .eur).amount.minorUnits == 4900)
        #expect(aging.cell(.current, .usd).amount == Self.usd("150"))
        // As of June 1 the paid invoice was still owed (paid June 10): 1-30 days overdue.
        let june1 = try metrics.aging(sourceID: source, asOf: Self.day("2026-06-01"))
        #expect(june1.cell(.days1to30, .usd).amount == Self.usd("150"))
        #expect(june1.cell(.days1to30, .eur).amount.minorUnits == 4900)

        #expect(try metrics.dunningAlertCount(sourceID: source) == 1)
        let alert = try #require(try metrics.dunningAlerts(sourceID: source).first)
        #expect(alert.customerID == "2" && alert.subscriptionState == .pastDue)
        #expect(!alert.customerName.contains("\u{1B}") && !alert.customerName.contains("\u{07}"))
        #expect(alert.oldestOverdue?.daysOverdue == 36)
        #expect(alert.dunning.lastFailureReason == "Card declined" && alert.dunning.retries == 1)
        #expect(alert.cardExpiringOn == Self.day("2026-06-30"))
        let back = try metrics.dunningAlerts(sourceID: source, recomputedAsOf: Self.day("2026-06-01"))
        #expect(Set(back.map(\.customerID)) == ["1", "2"])

        let one = try metrics.customerMetrics(RecordKey(sourceID: source, remoteID: "2"))
        #expect(one.map(\.mrr) == [Money(minorUnits: 4900, currency: .eur)])
        #expect(one.first?.overdue.minorUnits == 4900 && one.first?.oldestOverdueDue == Self.day("2026-05-15"))
        #expect(try metrics.topCustomers(sourceID: source, by: .overdue, limit: 1).first?.customerID == "2")
        #expect(
            try metrics.customerMRRHistory(RecordKey(sourceID: source, remoteID: "1"))[.usd]?.map(\.minorUnits) == [
                16667, 22667, 16667, 0, 15000,
            ])
    }

    @Test func invoiceOnlySourceIsLabelledAnEstimateAndRefreshIsRepeatable() throws {
        let line = InvoiceLineItem(
            id: "l", title: "Plan", unitPrice: Self.usd("1200"), subtotal: Self.usd("1200"), total: Self.usd("1200"),
            periodStart: Self.day("2026-03-01"), periodEnd: Self.day("2027-03-01"), kind: "baseline", isRecurring: true)
        let invoice = Invoice(
            id: "e-1", number: "E1", customerID: "1", status: .paid, currency: .usd, issueDate: Self.day("2026-03-01"),
            dueDate: Self.day("2026-03-01"), total: Self.usd("1200"), due: Self.usd("0"), lineItems: [line])
        let (store, source) = try Self.store(subscriptions: [], invoices: [invoice])
        let refresher = AggregateRefresher(store: store)
        try refresher.refreshAggregates(asOf: Self.day("2026-06-20"))
        try refresher.refreshAggregates(asOf: Self.day("2026-06-20"))
        let summary = try #require(try MetricsStore(store: store).mrrSummary(sourceID: source))
        #expect(summary.basis == .invoiceLineEstimate && summary.basis.isEstimate)
        #expect(summary.mrr[.usd] == Self.usd("100"))
        let march = try MetricsStore(store: store).bridges(
            sourceID: source, from: Self.day("2026-03-01"), through: Self.day("2026-03-31"))
        #expect(march.first?.new == 10000 && march.first?.reconciles == true)
    }
}
