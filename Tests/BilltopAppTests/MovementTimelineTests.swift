import BillingCore
import BillingStore
import Testing

@testable import BilltopApp

/// A customer's MRR movements read as timeline lines: before and after, the signed change, and the month's
/// basis whenever it is weaker than observed.
struct MovementTimelineTests {
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }

    @Test func eachMovementSaysBeforeAfterAndItsBasis() {
        var history = CustomerMRRHistory(customerID: "7")
        let usd = { (minor: Int64) in Money(minorUnits: minor, currency: .usd) }
        history.points = [
            .init(day: day("2026-01-14"), mrr: usd(10_000)), .init(day: day("2026-03-02"), mrr: usd(15_000)),
            .init(day: day("2026-05-10"), mrr: usd(0)),
        ]
        history.movements = [
            MRRMovement(date: day("2026-01-14"), customerID: "7", kind: .new, amount: usd(10_000)),
            MRRMovement(date: day("2026-03-02"), customerID: "7", kind: .expansion, amount: usd(5_000)),
            MRRMovement(date: day("2026-05-10"), customerID: "7", kind: .churn, amount: usd(15_000)),
        ]
        history.bases = [day("2026-01-01"): .events, day("2026-03-01"): .observed, day("2026-05-01"): .backFilled]
        let entries = TimelineEntry.movements(history)
        #expect(
            entries.map(\.text) == [
                "MRR new: $0.00 → $100.00 (reconstructed from events)", "MRR expansion: $100.00 → $150.00",
                "MRR churn: $150.00 → $0.00 (BACK-FILLED at today's price)",
            ])
        #expect(entries.map(\.amount) == [usd(10_000), usd(5_000), usd(-15_000)])
        #expect(entries.allSatisfy { $0.kind == .mrr })
        #expect(entries[1].at?.utcDate == day("2026-03-02"))
    }
}
