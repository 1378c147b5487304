import Testing

@testable import BillingCore

@Suite("Dates and times")
struct CalendarTests {
    @Test func daysBetweenDates() {
        let due = LocalDate(iso: "2026-05-15")!
        let asOf = LocalDate(iso: "2026-06-20")!
        #expect(due.days(until: asOf) == 36)
        #expect(LocalDate(iso: "2024-02-29") != nil)
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2026-13-01") == nil)
        #expect(LocalDate(iso: "nonsense") == nil)
    }

    @Test func epochDaysRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LocalDate(iso: "1970-01-01")!.daysSinceEpoch == 0)
    }

    @Test func monthArithmeticClamps() {
        #expect(LocalDate(iso: "2026-01-31")!.adding(months: 1).description == "2026-02-28")
        #expect(LocalDate(iso: "2024-01-31")!.adding(months: 1).description == "2024-02-29")
        #expect(LocalDate(iso: "2026-11-15")!.adding(months: 3).description == "2027-02-15")
        #expect(LocalDate(iso: "2026-03-15")!.adding(months: -3).description == "2025-12-15")
    }

    @Test func parsesISOTimesWithOffsets() {
        let utc = Timestamp(iso: "2026-05-15T10:20:30Z")!
        #expect(Timestamp(iso: "2026-05-15T06:20:30-04:00") == utc)
        #expect(Timestamp(iso: "2026-05-15T12:20:30+02:00") == utc)
        #expect(Timestamp(iso: "2026-05-15T10:20:30.123456Z") == utc)
        #expect(Timestamp(iso: "2026-05-15 10:20:30") == utc)
        #expect(Timestamp(iso: "2026-05-15T10:20:30+0000") == utc)
        #expect(Timestamp(iso: "2026-05-15T25:20:30Z") == nil)
        #expect(Timestamp(iso: "2026-05-15T10:20:30Zjunk") == nil)
        #expect(utc.iso8601 == "2026-05-15T10:20:30Z")
        #expect(utc.iso8601(offsetSeconds: -4 * 3600) == "2026-05-15T06:20:30-04:00")
        #expect(utc.sqlStyle == "2026-05-15 10:20:30")
    }

    @Test func timestampsBeforeEpochHaveTheRightDate() {
        #expect(Timestamp(secondsSinceEpoch: -1).utcDate.description == "1969-12-31")
    }

    @Test func overdueRules() {
        let invoice = Invoice(
            id: "inv_1", number: "1", customerID: "c", status: .open, currency: .usd,
            dueDate: LocalDate(iso: "2026-05-15"), total: Money(minorUnits: 100, currency: .usd),
            due: Money(minorUnits: 100, currency: .usd))
        #expect(invoice.daysOverdue(on: LocalDate(iso: "2026-06-20")!) == 36)
        #expect(!invoice.isOverdue(on: LocalDate(iso: "2026-05-15")!))
        var paid = invoice
        paid.status = .paid
        #expect(!paid.isOverdue(on: LocalDate(iso: "2026-06-20")!))
        var draft = invoice
        draft.status = .draft
        #expect(!draft.isOverdue(on: LocalDate(iso: "2026-06-20")!))
    }
}
