import BillingCore
import Testing

/// Worked example 18 and the aging rules: from the due date, by bucket, as of any day.
@Suite struct AgingTests {
    @Test func example18_dueMay15AsOfJune20Is36DaysIn31to60() {
        let invoice = Fx.invoice("i", due: Fx.usd("100"), dueOn: "2026-05-15")
        #expect(InvoiceStanding.daysOverdue(invoice, on: Fx.day("2026-06-20")) == 36)
        #expect(InvoiceStanding.bucket(invoice, on: Fx.day("2026-06-20")) == .days31to60)
        #expect(invoice.daysOverdue(on: Fx.day("2026-06-20")) == 36)
    }

    @Test func bucketEdges() {
        #expect(AgingBucket(daysPastDue: 0) == .current)
        #expect(AgingBucket(daysPastDue: 1) == .days1to30)
        #expect(AgingBucket(daysPastDue: 30) == .days1to30)
        #expect(AgingBucket(daysPastDue: 31) == .days31to60)
        #expect(AgingBucket(daysPastDue: 60) == .days31to60)
        #expect(AgingBucket(daysPastDue: 61) == .days61to90)
        #expect(AgingBucket(daysPastDue: 90) == .days61to90)
        #expect(AgingBucket(daysPastDue: 91) == .over90)
    }

    @Test func ageCountsFromTheDueDateNotTheIssueDate() {
        let invoice = Fx.invoice("i", due: Fx.usd("5"), issued: "2026-01-01", dueOn: "2026-06-10")
        #expect(InvoiceStanding.daysOverdue(invoice, on: Fx.today) == 10)
        #expect(InvoiceStanding.bucket(invoice, on: Fx.day("2026-06-10")) == .current)  // due today is not overdue
    }

    @Test func draftPaidVoidedAndCanceledAreNeverOverdue() {
        for status in [InvoiceStatus.draft, .voided, .canceled] {
            let invoice = Fx.invoice("i", status: status, due: Fx.usd("100"), dueOn: "2026-01-01")
            #expect(!InvoiceStanding.isOverdue(invoice, on: Fx.today))
        }
        let paid = Fx.invoice(
            "p", status: .paid, due: Fx.usd("0"), total: Fx.usd("100"), dueOn: "2026-01-01", paidOn: "2026-01-05")
        #expect(!InvoiceStanding.isOverdue(paid, on: Fx.today))
        let pendingWithDue = Fx.invoice("q", status: .pending, due: Fx.usd("100"), dueOn: "2026-06-01")
        #expect(InvoiceStanding.isOverdue(pendingWithDue, on: Fx.today))
    }

    @Test func asOfAnEarlierDayRebuildsWhatWasOwedThen() {
        // Paid on June 10 by a timed payment: overdue on June 5, settled by June 20.
        let payment = Payment(
            id: "pay", transactionTime: Fx.at("2026-06-10"), originalAmount: Fx.usd("100"), appliedAmount: Fx.usd("100")
        )
        let paid = Fx.invoice(
            "i", status: .paid, due: Fx.usd("0"), total: Fx.usd("100"), dueOn: "2026-05-15", payments: [payment])
        #expect(InvoiceStanding.outstanding(paid, on: Fx.day("2026-06-05")) == Fx.usd("100"))
        #expect(InvoiceStanding.bucket(paid, on: Fx.day("2026-06-05")) == .days1to30)
        #expect(InvoiceStanding.outstanding(paid, on: Fx.day("2026-06-10")) == Fx.usd("0"))
        // Not yet issued on an earlier day: nothing owed.
        #expect(InvoiceStanding.outstanding(paid, on: Fx.day("2026-04-30")) == Fx.usd("0"))
        // Without payment times, the paid date decides.
        let untimed = Fx.invoice(
            "u", status: .paid, due: Fx.usd("0"), total: Fx.usd("80"), dueOn: "2026-05-15", paidOn: "2026-06-01")
        #expect(InvoiceStanding.outstanding(untimed, on: Fx.day("2026-05-31")) == Fx.usd("80"))
        #expect(InvoiceStanding.outstanding(untimed, on: Fx.day("2026-06-01")) == Fx.usd("0"))
    }

    @Test func reportPerCurrencyWithOpenReceivable() {
        let invoices = [
            Fx.invoice("a", due: Fx.usd("100"), dueOn: "2026-05-15"),  // 31-60
            Fx.invoice("b", due: Fx.usd("50"), dueOn: "2026-06-19"),  // 1-30
            Fx.invoice("c", due: Fx.usd("25"), dueOn: "2026-07-01"),  // current
            Fx.invoice("d", due: Fx.money("9000", "JPY"), dueOn: "2026-01-01"),  // 90+
            Fx.invoice("e", due: Fx.money("1.005", "KWD"), dueOn: "2026-03-20"),  // 92 days: 90+
        ]
        let report = AgingReport(invoices: invoices, asOf: Fx.today)
        #expect(report.currencies == [.jpy, .kwd, .usd])
        #expect(report.cell(.days31to60, .usd).amount == Fx.usd("100"))
        #expect(report.cell(.days1to30, .usd).amount == Fx.usd("50"))
        #expect(report.cell(.current, .usd).amount == Fx.usd("25"))
        #expect(report.cell(.over90, .jpy).amount.minorUnits == 9000)
        #expect(report.cell(.over90, .kwd).amount.minorUnits == 1005)
        #expect(report.openReceivable[.usd] == Fx.usd("150"))
        #expect(report.totalOutstanding[.usd] == Fx.usd("175"))
    }
}
