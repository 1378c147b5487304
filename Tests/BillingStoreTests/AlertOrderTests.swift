import BillingCore
import Foundation
import GRDB
import Testing

@testable import BillingStore

/// The stored alerts' display order (`AlertOrder`, read from two indexes instead of a stored rank) is
/// `DunningAlertRankKey.ordered`'s exactly, in the corners random data rarely reaches: equal money at risk
/// broken by days overdue, then by the customer id in byte order (a non-ASCII id and its decomposed spelling
/// among them), a converted amount equal to another currency's, a rate table covering every currency, and one
/// missing a currency (then alerts are grouped by currency), read whole and page by page.
struct AlertOrderTests {
    static func alert(_ id: String, _ minor: Int64, _ currency: Currency, days: Int?) -> DunningAlert {
        let risk = Money(minorUnits: minor, currency: currency)
        let overdue = days.map {
            DunningAlert.OverdueInvoice(
                invoiceID: "i-\(id)", number: "N-\(id)", dueDate: LocalDate(iso: "2026-05-01")!, daysOverdue: $0,
                due: risk)
        }
        return DunningAlert(
            customerID: id, customerName: id, customerMRR: MoneyTotals(), oldestOverdue: overdue,
            totalDue: MoneyTotals([risk]), subscriptionState: nil, dunning: DunningEventSummary(), cardExpiringOn: nil,
            scheduledCancellationOn: nil, riskCurrency: currency, moneyAtRisk: risk)
    }

    /// 4,612 EUR cents convert to 5,000 USD cents at 1.0842: equal to the dollar alerts once converted.
    static let alerts: [DunningAlert] = [
        alert("b", 5_000, .usd, days: 10), alert("a", 5_000, .usd, days: 10), alert("\u{E9}", 5_000, .usd, days: 10),
        alert("e\u{301}", 5_000, .usd, days: 10), alert("Z", 5_000, .usd, days: 10), alert("c", 5_000, .usd, days: 40),
        alert("d", 5_000, .usd, days: nil), alert("x", 9_000, .usd, days: 1), alert("y", 4_612, .eur, days: 3),
        alert("w", 4_612, .eur, days: 3), alert("v", 100, .eur, days: nil), alert("u", 20_000, .gbp, days: 2),
        alert("t", 1_000, .gbp, days: 2),
    ]

    static func rates(_ currencies: [Currency: String]) -> ConversionRateTable {
        ConversionRateTable(
            target: .usd, rateDate: LocalDate(iso: "2026-06-01")!,
            rates: currencies.mapValues { ExactDecimal(parsing: $0)! })
    }

    @Test(
        arguments: [
            nil, AlertOrderTests.rates([.eur: "1.0842", .gbp: "1.27"]), AlertOrderTests.rates([.eur: "1.0842"]),
        ] as [ConversionRateTable?])
    func theIndexesGiveTheComparatorsOrder(rates: ConversionRateTable?) throws {
        let (store, source) = try StoreFixtures.openStore()
        try store.pool.write { db in
            let statement = try MetricsWriter.alertStatement(db)
            let encoder = MetricsWriter.alertEncoder()
            // Written in an order unlike the display order: the order must come from the indexes alone.
            for alert in Self.alerts.reversed() {
                try MetricsWriter.insert(
                    alert, rates: rates, sourceID: source.id, statement: statement, encoder: encoder)
            }
        }
        let expected = DunningAlerts.ordered(Self.alerts, rates: rates).map(\.customerID)
        let metrics = MetricsStore(store: store)
        #expect(try metrics.dunningAlerts(sourceID: source.id, offset: 0, limit: 100).map(\.customerID) == expected)
        for size in [1, 4, 5] {
            var paged: [String] = []
            for offset in stride(from: 0, to: expected.count + size, by: size) {
                paged += try metrics.dunningAlerts(sourceID: source.id, offset: offset, limit: size).map(\.customerID)
            }
            #expect(paged == expected, "pages of \(size)")
        }
        #expect(try metrics.dunningAlerts(sourceID: source.id, offset: 0, limit: 0).isEmpty)
        #expect(try metrics.dunningAlerts(sourceID: source.id + 1, offset: 0, limit: 10).isEmpty)
    }
}
