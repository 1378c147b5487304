import Testing

@testable import BillingCore

/// Amounts from an API are each within `Money.largestHeld`, but a hostile server can send thousands of the
/// largest: totals and an invoice's standing hold at Int64's bounds instead of trapping (a crashed refresh).
@Suite struct HeldAmountTests {
    @Test func totalsOfManyLargestAmountsHoldAtTheBoundInsteadOfTrapping() {
        var totals = MoneyTotals()
        let largest = Money(minorUnits: Money.largestHeld, currency: .usd)
        for _ in 0..<10_000 { totals.add(largest) }
        #expect(totals[.usd].minorUnits == Int64.max)
        totals.add(MoneyTotals([Money(minorUnits: -Money.largestHeld, currency: .usd)]))
        #expect(totals[.usd].minorUnits == Int64.max - Money.largestHeld)
        #expect(Money(minorUnits: Money.largestHeld + 1, currency: .usd).isHeld == false && largest.isHeld)
    }

    @Test func anInvoiceWithThousandsOfLargestPaymentsHasAStandingNotATrap() {
        let day = LocalDate(iso: "2026-06-01")!
        let later = Timestamp(iso: "2026-07-01T00:00:00Z")!
        let payment = Payment(
            id: "p", transactionTime: later, originalAmount: Money(minorUnits: Money.largestHeld, currency: .usd),
            appliedAmount: Money(minorUnits: Money.largestHeld, currency: .usd), method: "card")
        let invoice = Invoice(
            id: "inv", number: "1", customerID: "c", status: .paid, currency: .usd,
            issueDate: LocalDate(iso: "2026-05-01"),
            dueDate: LocalDate(iso: "2026-05-15"), total: Money(minorUnits: Money.largestHeld, currency: .usd),
            due: .zero(.usd), payments: Array(repeating: payment, count: 10_000))
        #expect(
            InvoiceStanding.outstanding(invoice, on: day).minorUnits == Money.largestHeld, "capped at total - credit")
    }
}
