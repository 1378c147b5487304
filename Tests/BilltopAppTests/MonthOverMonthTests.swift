import Testing

@testable import BilltopApp

/// The MRR pane's month-over-month text (column widths and the sparkline are TUIKit's, tested there; the CSV
/// writer is BillingCore's).
struct MonthOverMonthTests {
    @Test func changeIsRoundedHalfUpToTenthsWithItsSign() {
        #expect(Formats.monthOverMonth([1000, 1031]) == "+3.1% m/m")
        #expect(Formats.monthOverMonth([1000, 969]) == "-3.1% m/m")
        #expect(Formats.monthOverMonth([2000, 2001]) == "+0.1% m/m")
        #expect(Formats.monthOverMonth([0, 5]) == nil)
        #expect(Formats.monthOverMonth([5]) == nil)
    }
}
