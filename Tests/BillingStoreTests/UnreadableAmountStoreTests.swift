import BillingCore
import BillingStore
import Foundation
import Testing

/// An invoice whose due amount could not be read (`InvoiceAmounts`, migration `v7-invoice-unreadable-amounts`):
/// stored with its marker, still open and overdue, counted apart from the due totals, and in the dunning
/// alerts with its number, where a zero due used to drop it from all of them.
@Suite struct UnreadableAmountStoreTests {
    @Test func anUnreadableDueStaysOpenOverdueAndInDunning() throws {
        let (store, source) = try StoreFixtures.openStore()
        var unreadable = StoreFixtures.invoice(
            "inv_u", customer: 1, status: .open, due: 0, dueDate: "2026-05-01", issue: "2026-04-01")
        unreadable.value.unreadable = [.total, .due]
        unreadable.value.payments = []
        unreadable.flags = ["due_amount: 1e400 is more than billtop can hold in USD"]
        let readable = StoreFixtures.invoice(
            "inv_r", customer: 2, status: .open, due: 2_500, dueDate: "2026-05-01", issue: "2026-04-01")
        try store.apply(
            PageWrite(
                sourceID: source.id, stream: "invoices",
                customers: [
                    StoreFixtures.customer(1, first: "Una", last: "Read", email: "u@x.test"),
                    StoreFixtures.customer(2, first: "Rea", last: "Dable", email: "r@x.test"),
                ],
                invoices: [unreadable, readable]))

        let stored = try #require(try store.allInvoices(sourceID: source.id).first { $0.value.id == "inv_u" })
        #expect(stored.value.unreadable == [.total, .due] && stored.value.isOpen)
        var overdue = InvoiceFilter(sourceID: source.id)
        overdue.overdueOn = LocalDate(iso: "2026-06-20")
        #expect(Set(try store.invoices(filter: overdue, limit: 10).items.map(\.value.id)) == ["inv_u", "inv_r"])
        #expect(try store.invoiceTotals(filter: overdue)[.usd] == Money(minorUnits: 2_500, currency: .usd))
        #expect(try store.unreadableDueCount(filter: overdue) == 1)
        #expect(try store.unreadableDueCount(filter: InvoiceFilter(sourceID: source.id, statuses: [.paid])) == 0)

        try AggregateRefresher(store: store).refreshAggregates(asOf: LocalDate(iso: "2026-06-20")!)
        let alerts = try MetricsStore(store: store).dunningAlerts(sourceID: source.id)
        let alert = try #require(
            alerts.first { $0.customerID == "1" }, "the unreadable invoice's customer is not in dunning")
        #expect(alert.unreadableDue == [stored.value.number] && alert.oldestOverdue?.daysOverdue == 50)
        #expect(alerts.first { $0.customerID == "2" }?.unreadableDue == nil)
    }
}
