import BillingCore
import BillingStore
import Testing

/// The dunning pane's reads of the aggregates (`MetricsStore+DunningPane`) agree with the full alert list and
/// BillingCore's sums over it: counts per currency, the first alerts of a currency, and the MRR at risk.
@Suite struct DunningPaneReadTests {
    /// Three dollar customers with an overdue invoice (the first also a past-due subscription) and a euro one
    /// without any subscription (so euros are owed but no euro MRR is at risk).
    static func store() throws -> (BillingStore, Int64) {
        let (store, source) = try StoreFixtures.openStore()
        let customers = (1...4).map {
            StoreFixtures.customer($0, first: "C\($0)", last: "Owes", email: "c\($0)@x.test")
        }
        let invoices =
            (1...3).map {
                StoreFixtures.invoice(
                    "inv_000\($0)", customer: $0, status: .open, due: Int64(1_000 * $0), dueDate: "2026-05-01",
                    issue: "2026-04-01")
            } + [
                StoreFixtures.invoice(
                    "inv_0004", customer: 4, status: .open, due: 700, dueDate: "2026-05-01", issue: "2026-04-01",
                    currency: .eur)
            ]
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "all", customers: customers,
                subscriptions: [StoreFixtures.subscription(1, customer: 1, state: .pastDue)], invoices: invoices))
        try AggregateRefresher(store: store).refreshAggregates(asOf: LocalDate(iso: "2026-06-01")!)
        return (store, source.id)
    }

    @Test func countsRanksAndMRRAtRiskAgreeWithTheFullAlertList() throws {
        let (store, source) = try Self.store()
        let metrics = MetricsStore(store: store)
        let every = try metrics.dunningAlerts(sourceID: source, offset: 0, limit: 100)
        var expected: [Currency: Int] = [:]
        for alert in every { expected[alert.riskCurrency, default: 0] += 1 }
        #expect(expected == [.usd: 3, .eur: 1])
        #expect(try metrics.alertCounts(sourceIDs: [source]) == [source: expected])
        #expect(try metrics.alertCounts(sourceIDs: [source + 1]).isEmpty, "a source without alerts has no counts")

        for currency in expected.keys {
            let first = try metrics.firstAlerts(sourceID: source, currency: currency, limit: 10)
            #expect(first == every.filter { $0.riskCurrency == currency }, "the currency's alerts, in order")
            #expect(try metrics.firstAlerts(sourceID: source, currency: currency, limit: 2) == Array(first.prefix(2)))
        }
        #expect(try metrics.firstAlerts(sourceID: source, currency: .usd, limit: 0).isEmpty)

        // The MRR of the customers with an alert, as BillingCore adds it up, zero amounts (the euros) left out.
        let atRisk = MoneyTotals(DunningAlerts.amountAtRisk(every).mrrAtRisk.nonZeroAmounts)
        #expect(atRisk.currencies == [.usd])
        #expect(try metrics.mrrAtRisk(sourceID: source) == atRisk)
    }

    /// A load decodes only the alerts whose stored text changed since the last, and reads what a fresh decode
    /// reads: a renamed customer's alert is decoded afresh and shows the new name.
    @Test func aLoadDecodesOnlyTheAlertsThatChanged() throws {
        let (store, source) = try Self.store()
        let metrics = MetricsStore(store: store)
        let reuse = DunningAlertReuse()
        let first = try metrics.firstAlerts(sourceID: source, currency: .usd, limit: 10, reuse: reuse)
        #expect(first.count == 3 && reuse.decoded == 3)
        #expect(try metrics.firstAlerts(sourceID: source, currency: .usd, limit: 10, reuse: reuse) == first)
        #expect(reuse.decoded == 3, "nothing changed, nothing decoded")

        let renamed = Customer(
            id: "2", firstName: "C2", lastName: "Renamed", email: "c2@x.test", reference: "ref-2",
            updatedAt: Timestamp(secondsSinceEpoch: 1_700_100_000))
        try store.apply(
            PageWrite(
                sourceID: source, stream: "customers",
                customers: [Incoming(value: renamed, raw: "{\"id\":2,\"renamed\":true}")]))
        let report = try AggregateRefresher(store: store).refreshAggregates(asOf: LocalDate(iso: "2026-06-01")!)
        #expect(report.first?.changedCustomers == 1)
        let again = try metrics.firstAlerts(sourceID: source, currency: .usd, limit: 10, reuse: reuse)
        #expect(again == (try metrics.firstAlerts(sourceID: source, currency: .usd, limit: 10)), "as a fresh decode")
        #expect(again.contains { $0.customerName.contains("Renamed") })
        #expect(reuse.decoded == 4, "only the renamed customer's alert decoded again")
    }
}
